// Running JQL over a site: the live issues a query matches, in its order (errors stay JqlError for the caller to render).
import type { Tenant } from '../../../../../src/core/tenant.js';
import { select, walk } from '../../../../../src/core/lookup.js';
import { issues, projects, users, type IssueDoc } from '../../../store.js';
import { canSeeIssue } from '../permissions.js';
import { compileJql, fieldSpec, type JqlEnv } from './evaluate.js';
import { JqlError } from './lexer.js';
import { byCreated, createdOrder, narrowJql, summaryWords } from './plan.js';

/**
 * Words that are not JQL (`this is not jql`) search the text, as Jira's search does, instead of failing; a query that
 * starts with a field name (`project TWIN`, `labels in api`) is malformed JQL and keeps its syntax error.
 */
function compileBareWords(env: JqlEnv, jql: string) {
  try {
    return compileJql(env, jql);
  } catch (e) {
    const words = jql.trim();
    if (!(e instanceof JqlError) || !/^[\p{L}\p{N}]+(\s+[\p{L}\p{N}]+)+$/u.test(words) || fieldSpec(words.split(/\s+/)[0], env.t)) throw e;
    return compileJql(env, `text ~ "${words}"`);
  }
}

/**
 * The matching issues in the query's order; with `limit`, only the first `limit` of them (what a page
 * needs), read from the creation-order index when the query sorts by creation time. `now` may be given
 * as a function, called only if the query reads the clock (`-1d`, `startOfDay()`), so a caller can tell.
 */
export function queryIssues(t: Tenant, me: string, now: Date | (() => Date), jql: string, requireBounded = false, limit?: number): IssueDoc[] {
  const env: JqlEnv = typeof now === 'function' ? { t, me, get now() { return now(); } } : { t, me, now };
  const q = compileBareWords(env, jql);
  if (requireBounded && !q.bounded) throw new JqlError(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
  // Only issues the caller may see: browse permission per project (worked out once) and security levels.
  const u = users(t).get(me);
  const live = new Set(projects(t).filter((p) => !p.trashedAt && !p.archivedAt && !!u && canSeeIssue(t, u, { projectId: p.id })).map((p) => p.id));
  const pred = (i: IssueDoc) => live.has(i.projectId) && !i.archivedAt && (!i.securityLevelId || canSeeIssue(t, u!, i)) && q.match(i);
  const candidates = narrowJql(t, q.query.where);
  const sorted = () => select(issues(t), summaryWords(t), candidates, pred).sort(q.compare);
  const dir = createdOrder(q.query.orderBy);
  if (limit === undefined || !dir) return sorted();
  const order = byCreated(t);
  // Walking the order reads about limit × tenant / candidates issues; sorting the candidates costs s·log s.
  const s = candidates?.size ?? issues(t).size;
  if (candidates && limit * (issues(t).size / Math.max(s, 1)) > s * Math.log2(s + 2)) return sorted().slice(0, limit);
  if (order.unkeyed) return sorted().slice(0, limit);
  const inCandidates = candidates ? (i: IssueDoc) => candidates.has(i.id) && pred(i) : pred;
  return walk(issues(t), order, dir, limit, inCandidates, sorted, { within: candidates });
}
