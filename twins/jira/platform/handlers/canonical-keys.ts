/** The one record an issue or project reference stands for, so stored sub-resources (entity properties) are the same under a key and an id. */
import type { Tenant } from '../../../../src/core/tenant.js';
import { findIssue, findProject } from '../../store.js';
import { MSG, jiraError, notFoundIssue } from '../../errors.js';

/** `PROJ-1` and `10001` address one issue; an unknown one is Jira's 404, as for every other issue route. */
export function canonicalParam(t: Tenant, name: string, value: string): string {
  if (name === 'issueIdOrKey') return (findIssue(t, value) ?? notFound(notFoundIssue())).id;
  if (name === 'projectIdOrKey') return (findProject(t, value) ?? notFound(jiraError(404, [/^\d+$/.test(value) ? MSG.projectNotFoundId(value) : MSG.projectNotFoundKey(value)]))).id;
  return value;
}

function notFound(e: Error): never {
  throw e;
}
