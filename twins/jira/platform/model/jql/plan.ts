// Index plans for JQL: `summary ~` clauses narrow to the issues holding the words, and ORDER BY created reads a kept order.
import type { Tenant } from '../../../../../src/core/tenant.js';
import { both, either, orderIndex, termIndex, type Candidates } from '../../../../../src/core/lookup.js';
import { issues } from '../../../store.js';
import type { Node, SortKey } from './parser.js';
import { textNeeds, textTerms } from './values.js';

/** Issues filed under the words of their summary (and their stems). */
export const summaryWords = (t: Tenant) => termIndex(issues(t), 'summary-words', (i) => textTerms(i.summary));

/** Issues by creation time, ties by numeric id: the order of `ORDER BY created` and of no ORDER BY at all. */
export const byCreated = (t: Tenant) => orderIndex(issues(t), 'created', (i) => (i.created ? Date.parse(i.created) : null), (a, b) => Number(a) - Number(b));

/** The issues a WHERE clause can match, or undefined when it needs a scan. Always a superset of the matches. */
export function narrowJql(t: Tenant, n: Node | undefined): Candidates {
  if (!n) return undefined;
  if (n.kind === 'and') return n.items.map((x) => narrowJql(t, x)).reduce(both);
  if (n.kind === 'or') return n.items.map((x) => narrowJql(t, x)).reduce(either);
  if (n.kind !== 'clause' || n.op !== '~' || n.field.toLowerCase() !== 'summary' || n.operand?.kind !== 'value') return undefined;
  const needs = textNeeds(n.operand.value);
  if (!needs) return undefined;
  const index = summaryWords(t);
  return needs.map((alternatives) => alternatives.map((term): Candidates => index.ids(term)).reduce(either)).reduce(both);
}

/** Whether an ORDER BY sorts by creation time alone, and which way (none sorts newest first). */
export function createdOrder(keys: SortKey[]): 'asc' | 'desc' | undefined {
  if (!keys.length) return 'desc';
  if (keys.length !== 1) return undefined;
  const f = keys[0].field.toLowerCase();
  return f === 'created' || f === 'createddate' ? keys[0].dir : undefined;
}
