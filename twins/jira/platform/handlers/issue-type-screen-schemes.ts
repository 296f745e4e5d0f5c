// Issue type screen schemes: create, list, rename, delete, their issue type to screen scheme mappings (append, default, remove) and the projects that use them.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { issueTypes, nextId } from '../../store.js';
import {
  DEFAULT_TYPE_SCREEN_SCHEME, projectsUsingTypeScreenScheme, screenSchemeOr404, typeScreenSchemeOfProject, typeScreenSchemeOr404, typeScreenSchemes, useTypeScreenScheme,
  type TypeScreenSchemeDoc,
} from '../model/issue-type-screen-schemes.js';
import { projectRef, viewOf } from '../present/site.js';
import { intParam, listParam, objectBody, pageBean, projectOr404, requireSiteAdmin, type Ctx, uniqueName } from './common.js';

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-type-screen-schemes/
const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'Only Jira administrators can manage issue type screen schemes.');
const page = <T>(ctx: Ctx, rows: T[]) => pageBean(ctx, rows, intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 25, 1, 100));
const schemeJson = (s: TypeScreenSchemeDoc) => ({ id: s.id, name: s.name, description: s.description });

const nameOf = (ctx: Ctx, raw: unknown, except?: string) => uniqueName(raw, 'issue type screen scheme', typeScreenSchemes(ctx.tenant).values(), except);

/** `[{issueTypeId, screenSchemeId}]`, each issue type (or `default`) once. */
function mappingsFrom(ctx: Ctx, raw: unknown): Record<string, string> {
  if (!Array.isArray(raw) || !raw.length) throw fieldErrors({ issueTypeMappings: 'The issue type mappings must not be empty.' });
  const out: Record<string, string> = {};
  for (const m of raw) {
    const x = (m ?? {}) as { issueTypeId?: unknown; screenSchemeId?: unknown };
    const type = String(x.issueTypeId ?? '');
    if (type !== 'default' && !issueTypes(ctx.tenant).get(type)) throw jiraError(404, [`The issue type with id ${type} does not exist.`]);
    if (Object.hasOwn(out, type)) throw jiraError(400, [`The issue type ${type} is mapped more than once.`]);
    out[type] = screenSchemeOr404(ctx.tenant, x.screenSchemeId);
  }
  return out;
}

function editable(ctx: Ctx): TypeScreenSchemeDoc {
  const s = typeScreenSchemeOr404(ctx.tenant, ctx.params.issueTypeScreenSchemeId);
  if (s.id === DEFAULT_TYPE_SCREEN_SCHEME) throw jiraError(400, ['The default issue type screen scheme cannot be modified.']);
  return s;
}

export const issueTypeScreenSchemeHandlers = {
  getIssueTypeScreenSchemes: (ctx) => {
    requireAdmin(ctx);
    const ids = listParam(ctx.query.id);
    const q = typeof ctx.query.queryString === 'string' ? ctx.query.queryString.toLowerCase() : '';
    const withProjects = listParam(ctx.query.expand).includes('projects');
    let rows = typeScreenSchemes(ctx.tenant).values().filter((s) => (!ids.length || ids.includes(s.id)) && (!q || s.name.toLowerCase().includes(q)));
    const order = String(ctx.query.orderBy ?? '');
    if (/^[-+]?name$/.test(order)) rows = [...rows].sort((a, b) => a.name.localeCompare(b.name) * (order.startsWith('-') ? -1 : 1));
    return {
      body: page(ctx, rows.map((s) => ({
        ...schemeJson(s),
        ...(withProjects ? { projects: pageBean(ctx, projectsUsingTypeScreenScheme(ctx.tenant, s.id).map((p) => projectRef(viewOf(ctx), p)), 0, 50) } : {}),
      }))),
    };
  },
  /** The mappings must include `default`. */
  createIssueTypeScreenScheme: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    const name = nameOf(ctx, b.name);
    const mappings = mappingsFrom(ctx, b.issueTypeMappings);
    if (!mappings.default) throw jiraError(400, ['The default issue type mapping must be given.']);
    const s = typeScreenSchemes(ctx.tenant).put({ id: nextId(ctx.tenant, 'issuetypescreenscheme', 10000), name, description: typeof b.description === 'string' ? b.description : '', mappings });
    return { status: 201, body: { id: s.id } };
  },
  updateIssueTypeScreenScheme: (ctx) => {
    requireAdmin(ctx);
    const s = editable(ctx);
    const b = objectBody(ctx);
    typeScreenSchemes(ctx.tenant).patch(s.id, { ...(b.name !== undefined ? { name: nameOf(ctx, b.name, s.id) } : {}), ...(typeof b.description === 'string' ? { description: b.description } : {}) });
    return { status: 204 };
  },
  deleteIssueTypeScreenScheme: (ctx) => {
    requireAdmin(ctx);
    const s = editable(ctx);
    if (projectsUsingTypeScreenScheme(ctx.tenant, s.id).length) throw jiraError(400, ['The issue type screen scheme is used by a project and cannot be deleted.']);
    typeScreenSchemes(ctx.tenant).delete(s.id);
    return { status: 204 };
  },
  getIssueTypeScreenSchemeMappings: (ctx) => {
    requireAdmin(ctx);
    const ids = listParam(ctx.query.issueTypeScreenSchemeId);
    const rows = typeScreenSchemes(ctx.tenant).values()
      .filter((s) => !ids.length || ids.includes(s.id))
      .flatMap((s) => Object.entries(s.mappings).map(([issueTypeId, screenSchemeId]) => ({ issueTypeScreenSchemeId: s.id, issueTypeId, screenSchemeId })));
    return { body: page(ctx, rows) };
  },
  /** Issue types already mapped are refused; `default` is changed with updateDefaultScreenScheme. */
  appendMappingsForIssueTypeScreenScheme: (ctx) => {
    requireAdmin(ctx);
    const s = editable(ctx);
    const add = mappingsFrom(ctx, objectBody(ctx).issueTypeMappings);
    const taken = Object.keys(add).find((id) => Object.hasOwn(s.mappings, id));
    if (taken) throw jiraError(400, [`The issue type ${taken} is already mapped in the issue type screen scheme.`]);
    typeScreenSchemes(ctx.tenant).patch(s.id, { mappings: { ...s.mappings, ...add } });
    return { status: 204 };
  },
  updateDefaultScreenScheme: (ctx) => {
    requireAdmin(ctx);
    const s = editable(ctx);
    typeScreenSchemes(ctx.tenant).patch(s.id, { mappings: { ...s.mappings, default: screenSchemeOr404(ctx.tenant, objectBody(ctx).screenSchemeId) } });
    return { status: 204 };
  },
  removeMappingsFromIssueTypeScreenScheme: (ctx) => {
    requireAdmin(ctx);
    const s = editable(ctx);
    const ids = objectBody(ctx).issueTypeIds;
    if (!Array.isArray(ids) || !ids.length) throw fieldErrors({ issueTypeIds: 'The issue type ids must not be empty.' });
    if (ids.map(String).includes('default')) throw jiraError(400, ['The default mapping cannot be removed.']);
    const missing = ids.map(String).find((id) => !Object.hasOwn(s.mappings, id));
    if (missing) throw jiraError(404, [`The issue type ${missing} is not mapped in the issue type screen scheme.`]);
    const mappings = { ...s.mappings };
    for (const id of ids.map(String)) delete mappings[id];
    typeScreenSchemes(ctx.tenant).patch(s.id, { mappings });
    return { status: 204 };
  },
  getIssueTypeScreenSchemeProjectAssociations: (ctx) => {
    requireAdmin(ctx);
    const ids = listParam(ctx.query.projectId);
    if (!ids.length) throw fieldErrors({ projectId: 'The project ids must be given.' });
    const groups = new Map<string, string[]>();
    for (const id of ids) {
      const p = projectOr404(ctx, id);
      const sid = typeScreenSchemeOfProject(ctx.tenant, p.id);
      groups.set(sid, [...(groups.get(sid) ?? []), p.id]);
    }
    return { body: page(ctx, [...groups].map(([sid, projectIds]) => ({ issueTypeScreenScheme: schemeJson(typeScreenSchemeOr404(ctx.tenant, sid)), projectIds }))) };
  },
  assignIssueTypeScreenSchemeToProject: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    const p = projectOr404(ctx, String(b.projectId ?? ''));
    useTypeScreenScheme(ctx.tenant, p.id, typeScreenSchemeOr404(ctx.tenant, b.issueTypeScreenSchemeId).id);
    return { status: 204 };
  },
  getProjectsForIssueTypeScreenScheme: (ctx) => {
    requireAdmin(ctx);
    const s = typeScreenSchemeOr404(ctx.tenant, ctx.params.issueTypeScreenSchemeId);
    const q = typeof ctx.query.query === 'string' ? ctx.query.query.toLowerCase() : '';
    const rows = projectsUsingTypeScreenScheme(ctx.tenant, s.id).filter((p) => !q || p.name.toLowerCase().includes(q) || p.key.toLowerCase().includes(q));
    return { body: page(ctx, rows.map((p) => projectRef(viewOf(ctx), p))) };
  },
} satisfies Handlers;
