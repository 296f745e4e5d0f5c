// A parsed JQL query as Jira's `jql/parse` describes it: compound and field clauses, operands (values, lists, functions, EMPTY) and ORDER BY.
import type { Node, Operand, Query } from './parser.js';

const fieldRef = (name: string) => ({ name, ...(/\s/.test(name) ? { encodedName: `"${name}"` } : { encodedName: name }) });

function operand(o: Operand): Record<string, unknown> {
  switch (o.kind) {
    case 'value':
      return { value: o.value, encodedValue: o.quoted ? JSON.stringify(o.value) : o.value };
    case 'empty':
      return { keyword: 'empty' };
    case 'function':
      return { function: o.name, arguments: o.args, encodedOperand: `${o.name}(${o.args.join(', ')})` };
    case 'list':
      return { values: o.items.map(operand), encodedOperand: `(${o.items.map((x) => (x.kind === 'value' ? x.value : '')).join(', ')})` };
  }
}

function clause(n: Node): Record<string, unknown> {
  if (n.kind === 'not') return { operator: 'not', clauses: [clause(n.item)] };
  if (n.kind !== 'clause') return { operator: n.kind, clauses: n.items.map(clause) };
  if (n.op === 'changed') return { field: fieldRef(n.field), operator: 'changed', predicates: [] };
  if (n.op.startsWith('was')) return { field: fieldRef(n.field), operator: n.op, operand: n.operand ? operand(n.operand) : undefined, predicates: [] };
  return { field: fieldRef(n.field), operator: n.op, ...(n.operand ? { operand: operand(n.operand) } : {}) };
}

export function jqlStructure(q: Query): Record<string, unknown> {
  return {
    ...(q.where ? { where: clause(q.where) } : {}),
    ...(q.orderBy.length ? { orderBy: { fields: q.orderBy.map((k) => ({ field: fieldRef(k.field), direction: k.dir })) } } : {}),
  };
}
