// Project components: create, read, update, delete (moving issues), issue counts, and the project's component lists.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { componentJson } from '../present/releases.js';
import { issuesWithComponent, projectComponents } from '../model/releases.js';
import { viewOf } from '../present/site.js';
import { components, errorMap, findProject, own, isSiteAdmin, issues, nextId, users, type ChangeItem, type ComponentDoc } from '../../store.js';
import { intParam, listParam, me, pageBean, projectOr404, recordChange, type Ctx } from './common.js';

/**
 * Messages from Jira's own REST tests for the component resource
 * (com.atlassian.jira.webtests…rest.TestComponentResource) and the reference
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-components/
 */
const M = {
  notFound: (id: string) => `The component with id ${id} does not exist.`,
  noProject: 'A project id must be specified for this operation.',
  emptyName: 'The component name specified is invalid - cannot be an empty string.',
  duplicate: (name: string) => `A component with the name ${name} already exists in this project.`,
  noUser: (id: string) => `The user ${id} does not exist.`,
  forbidden: 'You cannot edit the configuration of this project.',
};

const ASSIGNEE_TYPES = new Set(['PROJECT_DEFAULT', 'COMPONENT_LEAD', 'PROJECT_LEAD', 'UNASSIGNED']);

export function componentOr404(ctx: Ctx, id: string): ComponentDoc {
  const c = components(ctx.tenant).get(id);
  if (!c || !findProject(ctx.tenant, c.projectId)) throw jiraError(404, [M.notFound(id)]);
  return c;
}

function requireAdmin(ctx: Ctx): void {
  if (!isSiteAdmin(me(ctx))) throw jiraError(403, [M.forbidden]);
}

/** Checks name, lead and assignee type of a create or update body; returns the fields to store. */
function componentInput(ctx: Ctx, b: Record<string, unknown>, projectId: string, self?: ComponentDoc): Partial<ComponentDoc> {
  const errors = errorMap();
  const out: Partial<ComponentDoc> = {};
  if (!self || b.name !== undefined) {
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!name) errors.name = M.emptyName;
    else if (name.length > 255) errors.name = 'The component name must not exceed 255 characters.';
    else if (components(ctx.tenant).find((c) => c.projectId === projectId && c.id !== self?.id && c.name.toLowerCase() === name.toLowerCase())) errors.name = M.duplicate(name);
    else out.name = name;
  }
  if (typeof b.description === 'string') out.description = b.description;
  const lead = b.leadAccountId;
  if (lead === '' || lead === null) out.leadAccountId = null; // an empty lead unsets it
  else if (typeof lead === 'string') {
    const u = users(ctx.tenant).get(lead);
    if (!u) errors.leadAccountId = errors.componentLead = M.noUser(lead);
    else out.leadAccountId = u.accountId;
  }
  if (b.assigneeType !== undefined) {
    if (typeof b.assigneeType !== 'string' || !ASSIGNEE_TYPES.has(b.assigneeType)) errors.assigneeType = 'The assignee type is invalid.';
    else out.assigneeType = b.assigneeType as ComponentDoc['assigneeType'];
  }
  if (Object.keys(errors).length) throw fieldErrors(errors);
  return out;
}

const ORDER: Record<string, (c: ReturnType<typeof componentJson> & { issueCount: number }) => string | number> = {
  name: (c) => String(c.name).toLowerCase(),
  description: (c) => String(c.description ?? '').toLowerCase(),
  issueCount: (c) => c.issueCount,
  lead: (c) => String((c.lead as { displayName?: string } | undefined)?.displayName ?? '').toLowerCase(),
};

export const componentHandlers = {
  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-components/#api-rest-api-3-component-post */
  createComponent: (ctx) => {
    const b = (ctx.body ?? {}) as Record<string, unknown>;
    const key = typeof b.project === 'string' ? b.project : b.projectId !== undefined ? String(b.projectId) : '';
    if (!key) throw jiraError(400, [M.noProject]);
    const p = projectOr404(ctx, key);
    requireAdmin(ctx);
    const input = componentInput(ctx, b, p.id);
    const c = components(ctx.tenant).put({
      id: nextId(ctx.tenant, 'component'),
      projectId: p.id,
      name: input.name!,
      description: input.description ?? '',
      leadAccountId: input.leadAccountId ?? null,
      assigneeType: input.assigneeType ?? 'PROJECT_DEFAULT',
    });
    return { status: 201, body: componentJson(viewOf(ctx), c) };
  },

  getComponent: (ctx) => ({ body: componentJson(viewOf(ctx), componentOr404(ctx, ctx.params.id)) }),

  updateComponent: (ctx) => {
    const c = componentOr404(ctx, ctx.params.id);
    requireAdmin(ctx);
    Object.assign(c, componentInput(ctx, (ctx.body ?? {}) as Record<string, unknown>, c.projectId, c));
    components(ctx.tenant).put(c);
    return { body: componentJson(viewOf(ctx), c) };
  },

  /** Issues keep their other components; with `moveIssuesTo` they get that one instead. */
  deleteComponent: (ctx) => {
    const c = componentOr404(ctx, ctx.params.id);
    requireAdmin(ctx);
    const target = typeof ctx.query.moveIssuesTo === 'string' && ctx.query.moveIssuesTo ? componentOr404(ctx, ctx.query.moveIssuesTo) : undefined;
    if (target && (target.id === c.id || target.projectId !== c.projectId)) throw jiraError(400, [`The component with id ${target.id} is not a valid replacement.`]);
    for (const issue of issuesWithComponent(ctx.tenant, c.id)) {
      const before = structuredClone(issue);
      const rest = (issue.componentIds ?? []).filter((x) => x !== c.id);
      issue.componentIds = target && !rest.includes(target.id) ? [...rest, target.id] : rest;
      const items: ChangeItem[] = [{ field: 'Component', fieldtype: 'jira', fieldId: 'components', from: c.id, fromString: c.name, to: null, toString: null }];
      if (target && !before.componentIds?.includes(target.id)) items.push({ field: 'Component', fieldtype: 'jira', fieldId: 'components', from: null, fromString: null, to: target.id, toString: target.name });
      recordChange(ctx, issue, items);
    }
    components(ctx.tenant).delete(c.id);
    return { status: 204 };
  },

  getComponentRelatedIssues: (ctx) => {
    const c = componentOr404(ctx, ctx.params.id);
    return { body: { self: `${ctx.baseUrl}/rest/api/3/component/${c.id}`, issueCount: issuesWithComponent(ctx.tenant, c.id).length } };
  },

  /** Components across projects (all visible ones unless `projectIdsOrKeys` narrows them), paged. */
  findComponentsForProjects: (ctx) => {
    const wanted = listParam(ctx.query.projectIdsOrKeys).map((k) => projectOr404(ctx, k).id);
    const q = typeof ctx.query.query === 'string' ? ctx.query.query.toLowerCase() : '';
    const v = viewOf(ctx);
    const list = components(ctx.tenant)
      .filter((c) => !!findProject(ctx.tenant, c.projectId) && (!wanted.length || wanted.includes(c.projectId)) && (!q || c.name.toLowerCase().includes(q)))
      .sort((a, b) => a.name.localeCompare(b.name) || Number(a.id) - Number(b.id))
      .map((c) => componentJson(v, c));
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 50, 1, 1000);
    const values = list.slice(startAt, startAt + maxResults);
    return { body: { maxResults, startAt, total: list.length, isLast: startAt + values.length >= list.length, values } };
  },

  getProjectComponents: (ctx) => {
    const p = projectOr404(ctx, ctx.params.projectIdOrKey);
    const v = viewOf(ctx);
    return { body: projectComponents(ctx.tenant, p.id).map((c) => componentJson(v, c)) };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-components/#api-rest-api-3-project-projectidorkey-component-get */
  getProjectComponentsPaginated: (ctx) => {
    const p = projectOr404(ctx, ctx.params.projectIdOrKey);
    const v = viewOf(ctx);
    const q = typeof ctx.query.query === 'string' ? ctx.query.query.toLowerCase() : '';
    let list = projectComponents(ctx.tenant, p.id)
      .filter((c) => !q || c.name.toLowerCase().includes(q) || c.description.toLowerCase().includes(q))
      .map((c) => ({ ...componentJson(v, c), issueCount: issues(ctx.tenant).filter((i) => !!i.componentIds?.includes(c.id)).length }));
    const orderBy = typeof ctx.query.orderBy === 'string' ? ctx.query.orderBy : '';
    const by = own(ORDER, orderBy.replace(/^[-+]/, ''));
    if (by) list = [...list].sort((a, b) => (by(a) < by(b) ? -1 : by(a) > by(b) ? 1 : 0) * (orderBy.startsWith('-') ? -1 : 1));
    return { body: pageBean(ctx, list, intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 50, 1, 1000)) };
  },
} satisfies Handlers;
