// Compiles parsed JQL against a site: resolves fields and values (with Jira's validation messages), then matches and orders issues.
import type { Tenant } from '../../../../../src/core/tenant.js';
import { adfText } from '../adf.js';
import { categoryOf } from '../status-categories.js';
import {
  comments, findIssue, historyUnordered, issueTypes, own, priorities, projects, resolutions, statuses, users,
  type IssueDoc,
} from '../../../store.js';
import { JqlError } from './lexer.js';
import { parseJql, type Clause, type Node, type Operand, type Query, type SortKey } from './parser.js';
import { configFieldSpec } from './config-fields.js';
import { callFunction, dateError, parseDate, textMatches, type FnEnv } from './values.js';

export interface JqlEnv {
  t: Tenant;
  me: string;
  now: Date;
  /** A value that names nothing matches nothing instead of failing the query (how `POST /jql/match` reads queries). */
  lenientValues?: boolean;
}

export interface CompiledJql {
  bounded: boolean;
  /** The parsed query, for planners that narrow it with indexes first (`plan.ts`). */
  query: Query;
  match(issue: IssueDoc): boolean;
  compare(a: IssueDoc, b: IssueDoc): number;
}

type Kind = 'project' | 'status' | 'category' | 'user' | 'labels' | 'priority' | 'issuetype' | 'resolution' | 'key' | 'parent' | 'text' | 'date' | 'watcher' | 'ref' | 'number';
export type Val = string | number | null;

export interface FieldSpec {
  kind: Kind;
  ops: string[];
  /** Single value of the issue (null when empty). */
  get?(i: IssueDoc, env: JqlEnv): Val;
  /** Multi-valued fields (labels, watchers). */
  many?(i: IssueDoc): string[];
  /** Changelog field name, for WAS and CHANGED. */
  history?: string;
  /** Resolves a literal to stored values, or returns Jira's message (fields whose values live in site configuration). */
  resolve?(raw: string, field: string): Val[] | string;
  /** The value ORDER BY uses, for fields beyond the system sorters (custom fields). */
  sort?(i: IssueDoc): string | number | null;
  /** Functions the field answers itself (`releasedVersions()`); undefined for functions it does not know. */
  fn?(name: string, args: string[]): Val[] | string | undefined;
}

const EQ = ['=', '!=', 'in', 'not in', 'is', 'is not'];
const CMP = ['<', '>', '<=', '>='];
const HIST = ['was', 'was not', 'was in', 'was not in', 'changed'];
const ms = (iso: string | null) => (iso ? Date.parse(iso) : null);

const commentText = (t: Tenant, i: IssueDoc) => comments(t, i.id).values().map((c) => adfText(c.body)).join('\n');

const FIELDS: Record<string, FieldSpec> = {
  project: { kind: 'project', ops: EQ, get: (i) => i.projectId },
  status: { kind: 'status', ops: [...EQ, ...HIST], get: (i) => i.statusId, history: 'status' },
  statuscategory: { kind: 'category', ops: EQ, get: (i, e) => statuses(e.t).get(i.statusId)?.category ?? null },
  assignee: { kind: 'user', ops: [...EQ, ...HIST], get: (i) => i.assigneeId, history: 'assignee' },
  reporter: { kind: 'user', ops: [...EQ, ...HIST], get: (i) => i.reporterId, history: 'reporter' },
  creator: { kind: 'user', ops: EQ, get: (i) => i.creatorId },
  labels: { kind: 'labels', ops: EQ, many: (i) => i.labels },
  priority: { kind: 'priority', ops: [...EQ, ...CMP, ...HIST], get: (i) => i.priorityId, history: 'priority' },
  issuetype: { kind: 'issuetype', ops: EQ, get: (i) => i.issueTypeId },
  resolution: { kind: 'resolution', ops: [...EQ, ...HIST], get: (i) => i.resolutionId, history: 'resolution' },
  key: { kind: 'key', ops: [...EQ.slice(0, 4), ...CMP], get: (i) => i.id },
  parent: { kind: 'parent', ops: EQ.slice(0, 4), get: (i) => i.parentId },
  summary: { kind: 'text', ops: ['~', '!~'], get: (i) => i.summary },
  description: { kind: 'text', ops: ['~', '!~', 'is', 'is not'], get: (i) => adfText(i.description) || null },
  environment: { kind: 'text', ops: ['~', '!~', 'is', 'is not'], get: (i) => adfText(i.environment) || null },
  comment: { kind: 'text', ops: ['~', '!~'], get: (i, e) => commentText(e.t, i) || null },
  text: { kind: 'text', ops: ['~'], get: (i, e) => [i.summary, adfText(i.description), adfText(i.environment), commentText(e.t, i)].join('\n') },
  created: { kind: 'date', ops: [...EQ.slice(0, 2), ...CMP, 'is', 'is not'], get: (i) => ms(i.created) },
  updated: { kind: 'date', ops: [...EQ.slice(0, 2), ...CMP, 'is', 'is not'], get: (i) => ms(i.updated) },
  resolved: { kind: 'date', ops: [...EQ.slice(0, 2), ...CMP, 'is', 'is not'], get: (i) => ms(i.resolutionDate) },
  due: { kind: 'date', ops: [...EQ.slice(0, 2), ...CMP, 'is', 'is not'], get: (i) => (i.dueDate ? Date.parse(`${i.dueDate}T00:00:00Z`) : null) },
  statuscategorychangeddate: { kind: 'date', ops: [...EQ.slice(0, 2), ...CMP], get: (i) => ms(i.statusCategoryChangeDate) },
  watcher: { kind: 'watcher', ops: EQ, many: (i) => i.watchers },
};
const ALIASES: Record<string, string> = {
  type: 'issuetype', issuekey: 'key', id: 'key', issue: 'key', createddate: 'created', updateddate: 'updated',
  resolutiondate: 'resolved', duedate: 'due', watchers: 'watcher',
};

/** System fields first, then fields defined by the site's configuration (components, versions, custom fields). */
export const fieldSpec = (name: string, t: Tenant) => own(FIELDS, own(ALIASES, name.toLowerCase()) ?? name.toLowerCase()) ?? configFieldSpec(t, name);

const priorityRank = (t: Tenant, id: Val) => {
  const list = priorities(t).values();
  const i = list.findIndex((p) => p.id === id);
  return i < 0 ? null : list.length - i; // Highest is first in the scheme and ranks highest
};
const keyRank = (t: Tenant, id: Val) => {
  const issue = typeof id === 'string' ? findIssue(t, id) : undefined;
  if (!issue) return null;
  const [, num] = issue.key.split('-');
  return Number(issue.projectId) * 1e7 + Number(num);
};

export function compileJql(env: JqlEnv, jql: string): CompiledJql {
  const q = parseJql(jql);
  const errors: string[] = [];
  const fnEnv: FnEnv = {
    // Read only by the functions that need the clock, so a query that names no time does not read it.
    get now() {
      return env.now;
    },
    me: env.me,
    membersOf: (g) => (users(env.t).values().some((u) => u.groups.includes(g)) ? users(env.t).filter((u) => u.groups.includes(g)).map((u) => u.accountId) : undefined),
  };

  /** Resolves one literal to canonical values for the field's kind; pushes Jira's message when it does not exist. */
  const literal = (c: Clause, spec: FieldSpec, raw: string): Val[] => {
    const t = env.t;
    const lower = raw.toLowerCase();
    const missing = () => {
      if (!env.lenientValues) errors.push(`The value '${raw}' does not exist for the field '${c.field}'.`);
      return [];
    };
    if (spec.resolve) {
      const r = spec.resolve(raw, c.field);
      if (typeof r === 'string') {
        if (!env.lenientValues) errors.push(r);
        return [];
      }
      return r;
    }
    switch (spec.kind) {
      case 'project': {
        const p = projects(t).filter((x) => !x.trashedAt && (x.id === raw || x.key.toLowerCase() === lower || x.name.toLowerCase() === lower));
        return p.length ? p.map((x) => x.id) : missing();
      }
      case 'status': {
        const s = statuses(t).filter((x) => x.id === raw || x.name.toLowerCase() === lower);
        return s.length ? s.map((x) => x.id) : missing();
      }
      case 'category': {
        const k = categoryOf(raw);
        return k ? [k] : missing();
      }
      case 'user':
      case 'watcher': {
        const u = users(t).filter((x) => x.accountId === raw || x.emailAddress.toLowerCase() === lower || x.displayName.toLowerCase() === lower);
        return u.length ? u.map((x) => x.accountId) : missing();
      }
      case 'labels':
        return [raw];
      case 'priority': {
        const p = priorities(t).filter((x) => x.id === raw || x.name.toLowerCase() === lower);
        return p.length ? p.map((x) => x.id) : missing();
      }
      case 'issuetype': {
        const it = issueTypes(t).filter((x) => x.id === raw || x.name.toLowerCase() === lower);
        return it.length ? it.map((x) => x.id) : missing();
      }
      case 'resolution': {
        if (lower === 'unresolved') return [null];
        const r = resolutions(t).filter((x) => x.id === raw || x.name.toLowerCase() === lower);
        return r.length ? r.map((x) => x.id) : missing();
      }
      case 'key':
      case 'parent': {
        if (!/^\d+$/.test(raw) && !/^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(raw)) {
          errors.push(`The issue key '${raw}' for field '${c.field}' is invalid.`);
          return [];
        }
        const issue = findIssue(t, raw);
        if (!issue) {
          errors.push(/^\d+$/.test(raw) ? `An issue with id '${raw}' does not exist for field '${c.field}'.` : `An issue with key '${raw}' does not exist for field '${c.field}'.`);
          return [];
        }
        return [issue.id];
      }
      case 'date': {
        const d = parseDate(raw, env.now);
        if (d === undefined) {
          errors.push(dateError(raw, c.field));
          return [];
        }
        return [d];
      }
      case 'text':
      case 'ref':
      case 'number':
        return [raw];
    }
  };

  const resolve = (c: Clause, spec: FieldSpec, o: Operand): Val[] => {
    if (o.kind === 'empty') return [null];
    if (o.kind === 'list') return o.items.flatMap((x) => resolve(c, spec, x));
    if (o.kind === 'function') {
      const byField = spec.fn?.(o.name, o.args);
      if (typeof byField === 'string') {
        errors.push(byField);
        return [];
      }
      if (byField) return byField;
      const r = callFunction(o.name, o.args, fnEnv);
      if (typeof r === 'string') {
        errors.push(r);
        return [];
      }
      const wants = spec.kind === 'date' ? 'date' : spec.kind === 'user' || spec.kind === 'watcher' ? 'user' : 'other';
      if (r.type !== wants) {
        errors.push(`A value provided by the function '${o.name}' is invalid for the field '${c.field}'.`);
        return [];
      }
      return r.values;
    }
    return literal(c, spec, o.value);
  };

  const clause = (c: Clause): ((i: IssueDoc) => boolean) => {
    const spec = fieldSpec(c.field, env.t);
    if (!spec) {
      errors.push(`Field '${c.field}' does not exist or you do not have permission to view it.`);
      return () => false;
    }
    if (!spec.ops.includes(c.op)) {
      errors.push(`The operator '${c.op.toUpperCase()}' is not supported by the '${c.field}' field.`);
      return () => false;
    }
    if (c.op === 'changed') {
      return (i) => historyUnordered(env.t, i.id).some((g) => g.items.some((it) => it.field === spec.history));
    }
    const o = c.operand!;
    if ((c.op === '=' || c.op === '!=' || CMP.includes(c.op) || c.op === '~' || c.op === '!~') && o.kind === 'list') {
      errors.push(`The operator '${c.op}' does not support the list value for field '${c.field}'.`);
      return () => false;
    }
    if ((c.op === 'is' || c.op === 'is not') && o.kind !== 'empty') {
      errors.push(`The operator '${c.op.toUpperCase()}' only supports the value 'EMPTY' or 'NULL' for field '${c.field}'.`);
      return () => false;
    }
    if (spec.kind === 'text' && (c.op === '~' || c.op === '!~')) {
      if (o.kind !== 'value' || !o.value.trim()) {
        errors.push(`The field '${c.field}' does not support searching for an empty string.`);
        return () => false;
      }
      const get = spec.get!;
      return c.op === '~' ? (i) => textMatches(String(get(i, env) ?? ''), o.value) : (i) => !textMatches(String(get(i, env) ?? ''), o.value);
    }
    const wanted = resolve(c, spec, o);
    const set = new Set(wanted);
    const values = (i: IssueDoc): Val[] => (spec.many ? spec.many(i) : [spec.get!(i, env)]);
    const present = (vs: Val[]) => vs.filter((v) => v !== null && v !== '');
    if (c.op.startsWith('was')) {
      const history = (i: IssueDoc): Val[] => {
        const out: Val[] = [spec.get!(i, env)];
        for (const g of historyUnordered(env.t, i.id)) for (const it of g.items) if (it.field === spec.history) out.push(it.from, it.to);
        return out;
      };
      return c.op === 'was' || c.op === 'was in' ? (i) => history(i).some((v) => set.has(v)) : (i) => !history(i).some((v) => set.has(v));
    }
    if (CMP.includes(c.op)) {
      const rank = spec.kind === 'priority' ? (v: Val) => priorityRank(env.t, v) : spec.kind === 'key' ? (v: Val) => keyRank(env.t, v) : (v: Val) => (typeof v === 'number' ? v : null);
      const bound = wanted.map(rank).filter((x): x is number => x !== null);
      if (!bound.length) return () => false;
      const b = bound[0];
      const cmp = { '<': (x: number) => x < b, '>': (x: number) => x > b, '<=': (x: number) => x <= b, '>=': (x: number) => x >= b }[c.op as '<'];
      return (i) => {
        const x = rank(values(i)[0] ?? null);
        return x !== null && cmp(x);
      };
    }
    const positive = c.op === '=' || c.op === 'in' || c.op === 'is';
    return (i) => {
      const vs = present(values(i));
      const hit = vs.length ? vs.some((v) => set.has(v)) : set.has(null);
      // Negative operators never match empty fields (Jira's `!=` skips unassigned issues).
      return positive ? hit : vs.length > 0 && !vs.some((v) => set.has(v));
    };
  };

  const build = (n: Node): ((i: IssueDoc) => boolean) => {
    if (n.kind === 'clause') return clause(n);
    if (n.kind === 'not') {
      const inner = build(n.item);
      return (i) => !inner(i);
    }
    const parts = n.items.map(build);
    return n.kind === 'and' ? (i) => parts.every((p) => p(i)) : (i) => parts.some((p) => p(i));
  };

  const match = q.where ? build(q.where) : () => true;
  const compare = comparator(env, q.orderBy, errors);
  if (errors.length) throw new JqlError([...new Set(errors)]);
  return { bounded: !!q.where, query: q, match, compare };
}

const SORT_ALIASES: Record<string, string> = { ...ALIASES, resolved: 'resolved', resolutiondate: 'resolved' };

/** ORDER BY: empty values sort last in either direction; ties fall back to issue id in the first key's direction. */
function comparator(env: JqlEnv, keys: SortKey[], errors: string[]): (a: IssueDoc, b: IssueDoc) => number {
  const t = env.t;
  const name = (id: string | null, get: (id: string) => string | undefined) => (id ? (get(id) ?? null) : null);
  const sorters: Partial<Record<string, (i: IssueDoc) => string | number | null>> = {
    created: (i) => ms(i.created),
    updated: (i) => ms(i.updated),
    resolved: (i) => ms(i.resolutionDate),
    due: (i) => (i.dueDate ? Date.parse(`${i.dueDate}T00:00:00Z`) : null),
    key: (i) => keyRank(t, i.id),
    priority: (i) => priorityRank(t, i.priorityId),
    status: (i) => statuses(t).values().findIndex((s) => s.id === i.statusId),
    summary: (i) => i.summary.toLowerCase(),
    assignee: (i) => name(i.assigneeId, (id) => users(t).get(id)?.displayName.toLowerCase()),
    reporter: (i) => name(i.reporterId, (id) => users(t).get(id)?.displayName.toLowerCase()),
    creator: (i) => name(i.creatorId, (id) => users(t).get(id)?.displayName.toLowerCase()),
    issuetype: (i) => issueTypes(t).get(i.issueTypeId)?.name.toLowerCase() ?? null,
    project: (i) => projects(t).get(i.projectId)?.name.toLowerCase() ?? null,
    resolution: (i) => name(i.resolutionId, (id) => resolutions(t).get(id)?.name.toLowerCase()),
  };
  const plan: Array<{ get: (i: IssueDoc) => string | number | null; dir: number }> = [];
  for (const k of keys) {
    const id = own(SORT_ALIASES, k.field.toLowerCase()) ?? k.field.toLowerCase();
    const get = own(sorters, id) ?? fieldSpec(k.field, t)?.sort;
    if (get) plan.push({ get, dir: k.dir === 'desc' ? -1 : 1 });
    else if (fieldSpec(k.field, t)) errors.push(`Field '${k.field}' does not support sorting.`);
    else errors.push(`Not able to sort using field '${k.field}'.`);
  }
  // Without ORDER BY, newest first.
  if (!plan.length) plan.push({ get: (i) => ms(i.created), dir: -1 });
  const tie = plan[0].dir;
  return (a, b) => {
    for (const p of plan) {
      const x = p.get(a);
      const y = p.get(b);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * p.dir;
    }
    return (Number(a.id) - Number(b.id)) * tie;
  };
}
