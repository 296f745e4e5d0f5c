// Issue type schemes: create, list, update, delete, their issue types (add, reorder, remove) and the projects that use them.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { issueTypes, nextId } from '../../store.js';
import { allSchemes, assign, DEFAULT_SCHEME, editable, projectsUsing, removeScheme, saveScheme, schemeOfProject, schemeOr404, type IssueTypeSchemeDoc } from '../model/issue-type-schemes.js';
import { intParam, listParam, objectBody, pageBean, projectOr404, requireProjectAdmin, type Ctx } from './common.js';

const schemeJson = (s: IssueTypeSchemeDoc) => ({ id: s.id, name: s.name, description: s.description, ...(s.defaultIssueTypeId ? { defaultIssueTypeId: s.defaultIssueTypeId } : {}), isDefault: s.id === DEFAULT_SCHEME });

function typeIds(ctx: Ctx, raw: unknown): string[] {
  const ids = (Array.isArray(raw) ? raw : []).map(String);
  for (const id of ids) if (!issueTypes(ctx.tenant).get(id)) throw jiraError(404, [`The issue type with id '${id}' does not exist.`]);
  if (new Set(ids).size !== ids.length) throw jiraError(400, ['The issue type ids must be unique.']);
  return ids;
}

function nameOf(ctx: Ctx, b: Record<string, unknown>, except?: string): string {
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (!name) throw fieldErrors({ name: 'The issue type scheme name must not be empty.' });
  if (allSchemes(ctx.tenant).some((s) => s.id !== except && s.name.toLowerCase() === name.toLowerCase())) throw jiraError(409, [`An issue type scheme with the name '${name}' already exists.`]);
  return name;
}

const page = (ctx: Ctx, rows: unknown[]) => pageBean(ctx, rows, intParam(ctx.query.startAt, 0, 0, 1e9), intParam(ctx.query.maxResults, 50, 1, 50));

export const issueTypeSchemeHandlers = {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-type-schemes/
  getAllIssueTypeSchemes: (ctx) => {
    const ids = listParam(ctx.query.id);
    const q = typeof ctx.query.queryString === 'string' ? ctx.query.queryString.toLowerCase() : '';
    return { body: page(ctx, allSchemes(ctx.tenant).filter((s) => (!ids.length || ids.includes(s.id)) && (!q || s.name.toLowerCase().includes(q))).map(schemeJson)) };
  },
  createIssueTypeScheme: (ctx) => {
    requireProjectAdmin(ctx);
    const b = objectBody(ctx);
    const name = nameOf(ctx, b);
    const ids = typeIds(ctx, b.issueTypeIds);
    if (!ids.length) throw fieldErrors({ issueTypeIds: 'At least one issue type must be given.' });
    const dflt = b.defaultIssueTypeId === undefined ? undefined : String(b.defaultIssueTypeId);
    if (dflt && !ids.includes(dflt)) throw jiraError(400, ['The default issue type must be one of the scheme issue types.']);
    const s: IssueTypeSchemeDoc = { id: nextId(ctx.tenant, 'issuetypescheme', 10001), name, description: typeof b.description === 'string' ? b.description : '', defaultIssueTypeId: dflt, issueTypeIds: ids };
    saveScheme(ctx.tenant, s);
    return { status: 201, body: { issueTypeSchemeId: s.id } };
  },
  updateIssueTypeScheme: (ctx) => {
    requireProjectAdmin(ctx);
    const s = editable(ctx.tenant, ctx.params.issueTypeSchemeId);
    const b = objectBody(ctx);
    const next = { ...s };
    if (b.name !== undefined) next.name = nameOf(ctx, b, s.id);
    if (typeof b.description === 'string') next.description = b.description;
    if (b.defaultIssueTypeId !== undefined) {
      if (b.defaultIssueTypeId !== null && !s.issueTypeIds.includes(String(b.defaultIssueTypeId))) throw jiraError(400, ['The default issue type must be one of the scheme issue types.']);
      next.defaultIssueTypeId = b.defaultIssueTypeId === null ? undefined : String(b.defaultIssueTypeId);
    }
    saveScheme(ctx.tenant, next);
    return { status: 204 };
  },
  deleteIssueTypeScheme: (ctx) => {
    requireProjectAdmin(ctx);
    const s = editable(ctx.tenant, ctx.params.issueTypeSchemeId);
    removeScheme(ctx.tenant, s.id);
    return { status: 204 };
  },
  getIssueTypeSchemesMapping: (ctx) => {
    const ids = listParam(ctx.query.issueTypeSchemeId);
    const rows = allSchemes(ctx.tenant).filter((s) => !ids.length || ids.includes(s.id)).flatMap((s) => s.issueTypeIds.map((issueTypeId) => ({ issueTypeSchemeId: s.id, issueTypeId })));
    return { body: page(ctx, rows) };
  },
  getIssueTypeSchemeForProjects: (ctx) => {
    const ids = listParam(ctx.query.projectId);
    if (!ids.length) throw jiraError(400, ['At least one project id must be given.']);
    const bySchemes = new Map<string, string[]>();
    for (const id of ids) {
      const p = projectOr404(ctx, id);
      const sid = schemeOfProject(ctx.tenant, p.id);
      bySchemes.set(sid, [...(bySchemes.get(sid) ?? []), p.id]);
    }
    return { body: page(ctx, [...bySchemes].map(([sid, projectIds]) => ({ issueTypeScheme: schemeJson(schemeOr404(ctx.tenant, sid)), projectIds }))) };
  },
  assignIssueTypeSchemeToProject: (ctx) => {
    requireProjectAdmin(ctx);
    const b = objectBody(ctx);
    const p = projectOr404(ctx, String(b.projectId ?? ''));
    assign(ctx.tenant, String(b.issueTypeSchemeId ?? ''), p.id);
    return { status: 204 };
  },
  addIssueTypesToIssueTypeScheme: (ctx) => {
    requireProjectAdmin(ctx);
    const s = editable(ctx.tenant, ctx.params.issueTypeSchemeId);
    const ids = typeIds(ctx, objectBody(ctx).issueTypeIds);
    const dup = ids.find((id) => s.issueTypeIds.includes(id));
    if (dup) throw jiraError(400, [`The issue type ${dup} is already in the scheme.`]);
    saveScheme(ctx.tenant, { ...s, issueTypeIds: [...s.issueTypeIds, ...ids] });
    return { status: 204 };
  },
  /** `after` an issue type of the scheme, or `position` First/Last. */
  reorderIssueTypesInIssueTypeScheme: (ctx) => {
    requireProjectAdmin(ctx);
    const s = editable(ctx.tenant, ctx.params.issueTypeSchemeId);
    const b = objectBody(ctx);
    const moving = typeIds(ctx, b.issueTypeIds);
    if (moving.some((id) => !s.issueTypeIds.includes(id))) throw jiraError(400, ['Only issue types of the scheme can be moved.']);
    const rest = s.issueTypeIds.filter((id) => !moving.includes(id));
    let at: number;
    if (b.after !== undefined) {
      at = rest.indexOf(String(b.after)) + 1;
      if (at === 0) throw jiraError(400, ['The issue type to move after is not in the scheme.']);
    } else if (b.position === 'First' || b.position === 'Last') at = b.position === 'First' ? 0 : rest.length;
    else throw jiraError(400, ['Either after or position (First, Last) must be given.']);
    saveScheme(ctx.tenant, { ...s, issueTypeIds: [...rest.slice(0, at), ...moving, ...rest.slice(at)] });
    return { status: 204 };
  },
  removeIssueTypeFromIssueTypeScheme: (ctx) => {
    requireProjectAdmin(ctx);
    const s = editable(ctx.tenant, ctx.params.issueTypeSchemeId);
    const id = String(ctx.params.issueTypeId);
    if (!s.issueTypeIds.includes(id)) throw jiraError(404, [`The issue type ${id} is not in the scheme.`]);
    if (s.issueTypeIds.length === 1) throw jiraError(400, ['A scheme must keep at least one issue type.']);
    if (projectsUsing(ctx.tenant, s.id).length && s.defaultIssueTypeId === id) throw jiraError(400, ['The default issue type of a scheme in use cannot be removed.']);
    saveScheme(ctx.tenant, { ...s, issueTypeIds: s.issueTypeIds.filter((x) => x !== id), defaultIssueTypeId: s.defaultIssueTypeId === id ? undefined : s.defaultIssueTypeId });
    return { status: 204 };
  },
} satisfies Handlers;
