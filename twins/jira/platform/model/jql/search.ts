// Running JQL over a site: the live issues a query matches, in its order (errors stay JqlError for the caller to render).
import type { Tenant } from '../../../../../src/core/tenant.js';
import { issues, projects, users, type IssueDoc } from '../../../store.js';
import { canSeeIssue } from '../permissions.js';
import { compileJql } from './evaluate.js';
import { JqlError } from './lexer.js';

export function queryIssues(t: Tenant, me: string, now: Date, jql: string, requireBounded = false): IssueDoc[] {
  const q = compileJql({ t, me, now }, jql);
  if (requireBounded && !q.bounded) throw new JqlError(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
  // Only issues the caller may see: browse permission per project (worked out once) and security levels.
  const u = users(t).get(me);
  const live = new Set(projects(t).filter((p) => !p.trashedAt && !!u && canSeeIssue(t, u, { projectId: p.id })).map((p) => p.id));
  return issues(t).filter((i) => live.has(i.projectId) && (!i.securityLevelId || canSeeIssue(t, u!, i)) && q.match(i)).sort(q.compare);
}
