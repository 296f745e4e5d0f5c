// Administering the site's priorities, resolutions and issue types: create, update, reorder, default, delete with a replacement.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { issues, issueTypes, nextId, priorities, projects, resolutions, type IssueDoc } from '../../store.js';
import { moveEntries, setDefault } from '../model/schemes-order.js';
import { audit } from '../model/site-settings.js';
import { issueTypeJson, viewOf } from '../present/site.js';
import { completedTask, me, objectBody, requireProjectAdmin, type Ctx } from './common.js';

/** Admin changes land in the audit log, as Jira records them. */
const logged = (ctx: Ctx, summary: string, typeName: string, id: string, name: string) =>
  audit(ctx.tenant, me(ctx).accountId, ctx.now(), { summary, category: 'fields', objectItem: { id, name, typeName }, changedValues: [] });

const nameOf = (b: Record<string, unknown>, max: number, what: string): string => {
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (!name) throw fieldErrors({ name: `The ${what} name must not be empty.` });
  if (name.length > max) throw fieldErrors({ name: `The ${what} name must not exceed ${max} characters.` });
  return name;
};

/** A new id from the kind's counter, past the seeded ids the collection already holds. */
function freshId(ctx: Ctx, kind: string, exists: (id: string) => boolean): string {
  let id = nextId(ctx.tenant, kind, 10000);
  while (exists(id)) id = nextId(ctx.tenant, kind, 10000);
  return id;
}

const taken = (list: Array<{ id: string; name: string }>, name: string, except?: string) => list.some((d) => d.id !== except && d.name.toLowerCase() === name.toLowerCase());

/** Issues using `id` in `field` move to the replacement; Jira asks for one whenever the entry is in use. */
function replaceOnIssues(ctx: Ctx, field: 'priorityId' | 'resolutionId', id: string, replaceWith: unknown, exists: (x: string) => boolean, what: string): void {
  const using = issues(ctx.tenant).filter((i) => i[field] === id);
  if (replaceWith === undefined || replaceWith === null || replaceWith === '') {
    if (using.length) throw jiraError(400, [`The ${what} is in use; give replaceWith to move its issues to another ${what}.`]);
    return;
  }
  const to = String(replaceWith);
  if (to === id || !exists(to)) throw jiraError(400, [`The ${what} with ID ${to} cannot replace it.`]);
  for (const i of using) issues(ctx.tenant).patch(i.id, { [field]: to } as Partial<IssueDoc>);
}

export const siteConfigHandlers = {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/
  createPriority: (ctx) => {
    requireProjectAdmin(ctx);
    const b = objectBody(ctx);
    const name = nameOf(b, 60, 'priority');
    if (taken(priorities(ctx.tenant).values(), name)) throw fieldErrors({ name: `The priority name '${name}' is already in use.` });
    if (typeof b.statusColor !== 'string' || !/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(b.statusColor)) throw fieldErrors({ statusColor: 'The status color must be a hex color such as #FF0000.' });
    const p = priorities(ctx.tenant).put({ id: freshId(ctx, 'priority', (x) => !!priorities(ctx.tenant).get(x)), name, description: typeof b.description === 'string' ? b.description : '', statusColor: b.statusColor, isDefault: false });
    logged(ctx, 'Priority created', 'PRIORITY', p.id, p.name);
    return { status: 201, body: { id: p.id } };
  },
  updatePriority: (ctx) => {
    requireProjectAdmin(ctx);
    const p = priorities(ctx.tenant).get(String(ctx.params.id)) ?? (() => { throw jiraError(404, [`The priority with ID ${String(ctx.params.id)} does not exist.`]); })();
    const b = objectBody(ctx);
    const next: Partial<typeof p> = {};
    if (b.name !== undefined) {
      next.name = nameOf(b, 60, 'priority');
      if (taken(priorities(ctx.tenant).values(), next.name, p.id)) throw fieldErrors({ name: `The priority name '${next.name}' is already in use.` });
    }
    if (typeof b.description === 'string') next.description = b.description;
    if (typeof b.statusColor === 'string') next.statusColor = b.statusColor;
    priorities(ctx.tenant).patch(p.id, next);
    return { status: 204 };
  },
  deletePriority: (ctx) => {
    requireProjectAdmin(ctx);
    const id = String(ctx.params.id);
    if (!priorities(ctx.tenant).get(id)) throw jiraError(404, [`The priority with ID ${id} does not exist.`]);
    // The current API takes no replacement: issues with the priority fall back to the site default.
    const fallback = ctx.query.replaceWith ?? priorities(ctx.tenant).find((p) => p.isDefault && p.id !== id)?.id;
    replaceOnIssues(ctx, 'priorityId', id, fallback, (x) => !!priorities(ctx.tenant).get(x), 'priority');
    priorities(ctx.tenant).delete(id);
    return completedTask(ctx, `Deleting priority ${id}`);
  },
  setDefaultPriority: (ctx) => {
    requireProjectAdmin(ctx);
    setDefault(priorities(ctx.tenant), objectBody(ctx).id, 'priority');
    return { status: 204 };
  },
  movePriorities: (ctx) => {
    requireProjectAdmin(ctx);
    const b = objectBody(ctx);
    moveEntries(priorities(ctx.tenant), b.ids, b.after, b.position, 'priority');
    return { status: 204 };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-resolutions/
  createResolution: (ctx) => {
    requireProjectAdmin(ctx);
    const b = objectBody(ctx);
    const name = nameOf(b, 60, 'resolution');
    if (taken(resolutions(ctx.tenant).values(), name)) throw fieldErrors({ name: `The resolution name '${name}' is already in use.` });
    const r = resolutions(ctx.tenant).put({ id: freshId(ctx, 'resolution', (x) => !!resolutions(ctx.tenant).get(x)), name, description: typeof b.description === 'string' ? b.description : '', isDefault: false });
    logged(ctx, 'Resolution created', 'RESOLUTION', r.id, r.name);
    return { status: 201, body: { id: r.id } };
  },
  updateResolution: (ctx) => {
    requireProjectAdmin(ctx);
    const r = resolutions(ctx.tenant).get(String(ctx.params.id)) ?? (() => { throw jiraError(404, [`The resolution with ID ${String(ctx.params.id)} does not exist.`]); })();
    const b = objectBody(ctx);
    const name = nameOf(b, 60, 'resolution');
    if (taken(resolutions(ctx.tenant).values(), name, r.id)) throw fieldErrors({ name: `The resolution name '${name}' is already in use.` });
    resolutions(ctx.tenant).patch(r.id, { name, ...(typeof b.description === 'string' ? { description: b.description } : {}) });
    return { status: 204 };
  },
  deleteResolution: (ctx) => {
    requireProjectAdmin(ctx);
    const id = String(ctx.params.id);
    if (!resolutions(ctx.tenant).get(id)) throw jiraError(404, [`The resolution with ID ${id} does not exist.`]);
    replaceOnIssues(ctx, 'resolutionId', id, ctx.query.replaceWith, (x) => !!resolutions(ctx.tenant).get(x), 'resolution');
    resolutions(ctx.tenant).delete(id);
    return completedTask(ctx, `Deleting resolution ${id}`);
  },
  setDefaultResolution: (ctx) => {
    requireProjectAdmin(ctx);
    setDefault(resolutions(ctx.tenant), objectBody(ctx).id, 'resolution');
    return { status: 204 };
  },
  moveResolutions: (ctx) => {
    requireProjectAdmin(ctx);
    const b = objectBody(ctx);
    moveEntries(resolutions(ctx.tenant), b.ids, b.after, b.position, 'resolution');
    return { status: 204 };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-types/
  createIssueType: (ctx) => {
    requireProjectAdmin(ctx);
    const b = objectBody(ctx);
    const name = nameOf(b, 60, 'issue type');
    if (taken(issueTypes(ctx.tenant).values(), name)) throw fieldErrors({ name: 'An issue type with this name already exists.' });
    // `type` (deprecated) or `hierarchyLevel`: 0 a standard type, -1 a sub-task.
    const level = b.hierarchyLevel !== undefined ? Number(b.hierarchyLevel) : b.type === 'subtask' ? -1 : 0;
    if (level !== 0 && level !== -1) throw fieldErrors({ hierarchyLevel: 'The hierarchy level must be 0 or -1.' });
    const it = issueTypes(ctx.tenant).put({ id: freshId(ctx, 'issuetype', (x) => !!issueTypes(ctx.tenant).get(x)), name, description: typeof b.description === 'string' ? b.description : '', subtask: level === -1, hierarchyLevel: level, avatarId: level === -1 ? 10316 : 10318 });
    logged(ctx, 'Issue type created', 'ISSUE_TYPE', it.id, it.name);
    return { status: 201, body: issueTypeJson(viewOf(ctx), it) };
  },
  updateIssueType: (ctx) => {
    requireProjectAdmin(ctx);
    const it = issueTypes(ctx.tenant).get(String(ctx.params.id)) ?? (() => { throw jiraError(404, ['The issue type does not exist.']); })();
    const b = objectBody(ctx);
    const next: Partial<typeof it> = {};
    if (b.name !== undefined) {
      next.name = nameOf(b, 60, 'issue type');
      if (taken(issueTypes(ctx.tenant).values(), next.name, it.id)) throw fieldErrors({ name: 'An issue type with this name already exists.' });
    }
    if (typeof b.description === 'string') next.description = b.description;
    if (typeof b.avatarId === 'number') next.avatarId = b.avatarId;
    return { body: issueTypeJson(viewOf(ctx), issueTypes(ctx.tenant).patch(it.id, next)!) };
  },
  /** Types of the same level that could take over this one's issues. */
  getAlternativeIssueTypes: (ctx) => {
    const it = issueTypes(ctx.tenant).get(String(ctx.params.id)) ?? (() => { throw jiraError(404, ['The issue type does not exist.']); })();
    const v = viewOf(ctx);
    return { body: issueTypes(ctx.tenant).filter((x) => x.id !== it.id && x.hierarchyLevel === it.hierarchyLevel).map((x) => issueTypeJson(v, x)) };
  },
  deleteIssueType: (ctx) => {
    requireProjectAdmin(ctx);
    const it = issueTypes(ctx.tenant).get(String(ctx.params.id)) ?? (() => { throw jiraError(404, ['The issue type does not exist.']); })();
    const using = issues(ctx.tenant).filter((i) => i.issueTypeId === it.id);
    const alt = ctx.query.alternativeIssueTypeId !== undefined ? issueTypes(ctx.tenant).get(String(ctx.query.alternativeIssueTypeId)) : undefined;
    if (using.length && !alt) throw jiraError(400, ['The issue type is in use: an alternative issue type must be given.']);
    if (alt && (alt.id === it.id || alt.hierarchyLevel !== it.hierarchyLevel)) throw jiraError(400, ['The alternative issue type must be a different type of the same level.']);
    for (const i of using) issues(ctx.tenant).patch(i.id, { issueTypeId: alt!.id });
    for (const p of projects(ctx.tenant).filter((x) => x.issueTypeIds.includes(it.id))) {
      projects(ctx.tenant).patch(p.id, { issueTypeIds: p.issueTypeIds.filter((x) => x !== it.id) });
    }
    issueTypes(ctx.tenant).delete(it.id);
    logged(ctx, 'Issue type deleted', 'ISSUE_TYPE', it.id, it.name);
    return { status: 204 };
  },
} satisfies Handlers;
