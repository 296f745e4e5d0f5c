// Entity properties on issues (single and bulk), projects, issue types, users, comments, worklogs and dashboard items: keys, read, write (201 new, 200 replaced), delete.
import type { Handlers } from '../../generated/operations.js';
import { jiraError, notFoundIssue } from '../../errors.js';
import { comments, findUser, issues, issueTypes, isSiteAdmin, worklogs } from '../../store.js';
import { deleteProperty, getProperty, propertyKeys, propertyProblem, setProperty, type PropertyOwner } from '../model/properties.js';
import { completedTask, issueOr404, me, projectOr404, type Ctx } from './common.js';

const api = (ctx: Ctx, path: string) => `${ctx.baseUrl}/rest/api/3${path}`;

/** The property bag of one entity: its owner kind, id, and the URL its keys are listed under. */
interface Owner {
  kind: PropertyOwner;
  id: string;
  base: string;
}

const notFoundProperty = (key: string) => jiraError(404, [`The property with key '${key}' does not exist.`]);

function keys(ctx: Ctx, o: Owner) {
  return { body: { keys: propertyKeys(ctx.tenant, o.kind, o.id).map((key) => ({ self: `${o.base}/${encodeURIComponent(key)}`, key })) } };
}

function read(ctx: Ctx, o: Owner) {
  const key = String(ctx.params.propertyKey);
  const p = getProperty(ctx.tenant, o.kind, o.id, key);
  if (!p) throw notFoundProperty(key);
  return { body: { key, value: p.value } };
}

function write(ctx: Ctx, o: Owner) {
  const key = String(ctx.params.propertyKey);
  const problem = propertyProblem(key, ctx.body);
  if (problem) throw jiraError(400, [problem]);
  const created = setProperty(ctx.tenant, o.kind, o.id, key, ctx.body);
  return { status: created ? 201 : 200 };
}

function remove(ctx: Ctx, o: Owner) {
  const key = String(ctx.params.propertyKey);
  if (!deleteProperty(ctx.tenant, o.kind, o.id, key)) throw notFoundProperty(key);
  return { status: 204 };
}

function issueOwner(ctx: Ctx): Owner {
  const i = issueOr404(ctx, ctx.params.issueIdOrKey);
  return { kind: 'issue', id: i.id, base: api(ctx, `/issue/${i.id}/properties`) };
}

function projectOwner(ctx: Ctx): Owner {
  const p = projectOr404(ctx, String(ctx.params.projectIdOrKey));
  return { kind: 'project', id: p.id, base: api(ctx, `/project/${p.id}/properties`) };
}

function issueTypeOwner(ctx: Ctx): Owner {
  const id = String(ctx.params.issueTypeId);
  if (!issueTypes(ctx.tenant).get(id)) throw jiraError(404, [`Issue type with id '${id}' does not exist or you do not have permission to see it.`]);
  return { kind: 'issuetype', id, base: api(ctx, `/issuetype/${id}/properties`) };
}

/** User properties name the user by `accountId`; without it Jira refuses, and only admins touch other people's. */
function userOwner(ctx: Ctx, writing = false): Owner {
  const accountId = ctx.query.accountId;
  if (typeof accountId !== 'string' || !accountId) throw jiraError(400, ['The accountId query parameter needs to be provided.']);
  const u = findUser(ctx.tenant, accountId);
  if (!u) throw jiraError(404, [`User with accountId '${accountId}' does not exist`]);
  if (writing && u.accountId !== me(ctx).accountId && !isSiteAdmin(me(ctx))) throw jiraError(403, ['You do not have permission to edit the properties of this user.']);
  return { kind: 'user', id: u.accountId, base: api(ctx, `/user/properties`) };
}

function commentOwner(ctx: Ctx): Owner {
  const id = String(ctx.params.commentId);
  const found = issues(ctx.tenant).values().some((i) => !!comments(ctx.tenant, i.id).get(id));
  if (!found) throw jiraError(404, [`Can not find a comment for the id: ${id}.`]);
  return { kind: 'comment', id, base: api(ctx, `/comment/${id}/properties`) };
}

function worklogOwner(ctx: Ctx): Owner {
  const i = issueOr404(ctx, ctx.params.issueIdOrKey);
  const id = String(ctx.params.worklogId);
  if (!worklogs(ctx.tenant, i.id).get(id)) throw jiraError(404, [`Cannot find worklog with id: ${id}.`]);
  return { kind: 'worklog', id, base: api(ctx, `/issue/${i.id}/worklog/${id}/properties`) };
}

/** Issues a bulk call addresses: `entityIds`, else every issue, narrowed by `currentValue`/`hasProperty`. */
function bulkTargets(ctx: Ctx, key: string, filter: { entityIds?: unknown; currentValue?: unknown; hasProperty?: unknown } = {}) {
  const ids = Array.isArray(filter.entityIds) ? new Set(filter.entityIds.map(String)) : undefined;
  return issues(ctx.tenant).filter((i) => {
    if (ids && !ids.has(i.id)) return false;
    const p = getProperty(ctx.tenant, 'issue', i.id, key);
    if (filter.hasProperty !== undefined && Boolean(p) !== Boolean(filter.hasProperty)) return false;
    if (filter.currentValue !== undefined && JSON.stringify(p?.value) !== JSON.stringify(filter.currentValue)) return false;
    return true;
  });
}

export const propertyHandlers = {
  getIssuePropertyKeys: (ctx) => keys(ctx, issueOwner(ctx)),
  getIssueProperty: (ctx) => read(ctx, issueOwner(ctx)),
  setIssueProperty: (ctx) => write(ctx, issueOwner(ctx)),
  deleteIssueProperty: (ctx) => remove(ctx, issueOwner(ctx)),
  bulkSetIssueProperty: (ctx) => {
    const key = String(ctx.params.propertyKey);
    const b = (ctx.body ?? {}) as { value?: unknown; expression?: unknown; filter?: Record<string, unknown> };
    if (b.value === undefined) throw jiraError(400, ['Either a value or an expression must be provided.']);
    const problem = propertyProblem(key, b.value);
    if (problem) throw jiraError(400, [problem]);
    for (const i of bulkTargets(ctx, key, b.filter)) setProperty(ctx.tenant, 'issue', i.id, key, b.value);
    return completedTask(ctx, `Setting property ${key} on issues`);
  },
  bulkDeleteIssueProperty: (ctx) => {
    const key = String(ctx.params.propertyKey);
    for (const i of bulkTargets(ctx, key, (ctx.body ?? {}) as Record<string, unknown>)) deleteProperty(ctx.tenant, 'issue', i.id, key);
    return completedTask(ctx, `Deleting property ${key} from issues`);
  },
  bulkSetIssuesPropertiesList: (ctx) => {
    const b = (ctx.body ?? {}) as { entitiesIds?: unknown[]; properties?: Record<string, unknown> };
    const ids = new Set((b.entitiesIds ?? []).map(String));
    for (const [key, value] of Object.entries(b.properties ?? {})) {
      const problem = propertyProblem(key, value);
      if (problem) throw jiraError(400, [problem]);
      for (const i of issues(ctx.tenant).filter((x) => ids.has(x.id))) setProperty(ctx.tenant, 'issue', i.id, key, value);
    }
    return completedTask(ctx, 'Setting properties on issues');
  },
  bulkSetIssuePropertiesByIssue: (ctx) => {
    const b = (ctx.body ?? {}) as { issues?: Array<{ issueID?: unknown; properties?: Record<string, unknown> }> };
    for (const entry of b.issues ?? []) {
      const i = issues(ctx.tenant).get(String(entry.issueID));
      if (!i) throw notFoundIssue();
      for (const [key, value] of Object.entries(entry.properties ?? {})) setProperty(ctx.tenant, 'issue', i.id, key, value);
    }
    return completedTask(ctx, 'Setting properties on issues');
  },

  getProjectPropertyKeys: (ctx) => keys(ctx, projectOwner(ctx)),
  getProjectProperty: (ctx) => read(ctx, projectOwner(ctx)),
  setProjectProperty: (ctx) => write(ctx, projectOwner(ctx)),
  deleteProjectProperty: (ctx) => remove(ctx, projectOwner(ctx)),

  getIssueTypePropertyKeys: (ctx) => keys(ctx, issueTypeOwner(ctx)),
  getIssueTypeProperty: (ctx) => read(ctx, issueTypeOwner(ctx)),
  setIssueTypeProperty: (ctx) => write(ctx, issueTypeOwner(ctx)),
  deleteIssueTypeProperty: (ctx) => remove(ctx, issueTypeOwner(ctx)),

  getUserPropertyKeys: (ctx) => keys(ctx, userOwner(ctx)),
  getUserProperty: (ctx) => read(ctx, userOwner(ctx)),
  setUserProperty: (ctx) => write(ctx, userOwner(ctx, true)),
  deleteUserProperty: (ctx) => remove(ctx, userOwner(ctx, true)),

  getCommentPropertyKeys: (ctx) => keys(ctx, commentOwner(ctx)),
  getCommentProperty: (ctx) => read(ctx, commentOwner(ctx)),
  setCommentProperty: (ctx) => write(ctx, commentOwner(ctx)),
  deleteCommentProperty: (ctx) => remove(ctx, commentOwner(ctx)),

  getWorklogPropertyKeys: (ctx) => keys(ctx, worklogOwner(ctx)),
  getWorklogProperty: (ctx) => read(ctx, worklogOwner(ctx)),
  setWorklogProperty: (ctx) => write(ctx, worklogOwner(ctx)),
  deleteWorklogProperty: (ctx) => remove(ctx, worklogOwner(ctx)),
} satisfies Handlers;
