// Priority schemes: create, list, update (priorities, default, projects, with issue priority migration), delete, their priorities and projects, and suggested mappings.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { issues, nextId, priorities, type PriorityDoc } from '../../store.js';
import {
  DEFAULT_PRIORITY_SCHEME, prioritySchemeOfProject, prioritySchemeOr404, prioritySchemes, projectsUsingPriorityScheme, schemeDefaultId, schemePriorityIds, usePriorityScheme,
  type PrioritySchemeDoc,
} from '../model/priority-schemes.js';
import { priorityJson, projectRef, viewOf } from '../present/site.js';
import { intParam, listParam, objectBody, pageBean, projectOr404, requireSiteAdmin, type Ctx, uniqueName } from './common.js';

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-priority-schemes/
const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'Only Jira administrators can manage priority schemes.');
const page = <T>(ctx: Ctx, rows: T[]) => pageBean(ctx, rows, intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 50, 1, 50));
/** An embedded page (priorities and projects inside a scheme): the first 50. */
const inner = <T>(rows: T[]) => ({ startAt: 0, maxResults: 50, total: rows.length, isLast: rows.length <= 50, values: rows.slice(0, 50) });
const withSequence = (ctx: Ctx, p: PriorityDoc, n: number) => ({ ...priorityJson(viewOf(ctx), p), sequence: String(n + 1) });
const ids = (raw: unknown): string[] => (Array.isArray(raw) ? raw.map(String) : []);

function prioritiesOf(ctx: Ctx, s: PrioritySchemeDoc) {
  return schemePriorityIds(ctx.tenant, s).map((id, n) => withSequence(ctx, priorities(ctx.tenant).get(id)!, n));
}

function schemeJson(ctx: Ctx, s: PrioritySchemeDoc, expand: string[]) {
  const isDefault = s.id === DEFAULT_PRIORITY_SCHEME;
  return {
    id: s.id,
    self: `${ctx.baseUrl}/rest/api/3/priorityscheme/${s.id}`,
    name: s.name,
    description: s.description,
    defaultPriorityId: schemeDefaultId(ctx.tenant, s),
    isDefault,
    default: isDefault,
    ...(expand.includes('priorities') ? { priorities: inner(prioritiesOf(ctx, s)) } : {}),
    ...(expand.includes('projects') ? { projects: inner(projectsUsingPriorityScheme(ctx.tenant, s.id).map((p) => projectRef(viewOf(ctx), p))) } : {}),
  };
}

/** Jira sets no length limit on priority scheme names. */
const nameOf = (ctx: Ctx, raw: unknown, except?: string) => uniqueName(raw, 'priority scheme', prioritySchemes(ctx.tenant).values(), except, Infinity);

function priorityIdsOf(ctx: Ctx, raw: string[]): string[] {
  for (const id of raw) if (!priorities(ctx.tenant).get(id)) throw jiraError(404, [`The priority with id ${id} does not exist.`]);
  return [...new Set(raw)];
}

/**
 * Issues of `projectIds` whose priority `allowed` lacks move through `map` (old → new priority id); one not mapped
 * to an allowed priority is refused, as Jira asks for mappings of priorities in use.
 */
function migrate(ctx: Ctx, projectIds: string[], allowed: string[], map: Record<string, unknown>): void {
  const moving = issues(ctx.tenant).filter((i) => projectIds.includes(i.projectId) && !!i.priorityId && !allowed.includes(i.priorityId));
  const unmapped = [...new Set(moving.map((i) => i.priorityId!).filter((id) => !allowed.includes(String(map[id] ?? ''))))];
  if (unmapped.length) throw jiraError(400, [`Mappings are required for the priorities in use: ${unmapped.join(', ')}.`]);
  for (const i of moving) issues(ctx.tenant).patch(i.id, { priorityId: String(map[i.priorityId!]) });
}

const mapOf = (raw: unknown, side: 'in' | 'out'): Record<string, unknown> => {
  const m = (raw ?? {}) as Record<string, unknown>;
  return m[side] && typeof m[side] === 'object' ? (m[side] as Record<string, unknown>) : {};
};

export const prioritySchemeHandlers = {
  getPrioritySchemes: (ctx) => {
    requireAdmin(ctx);
    const schemeIds = listParam(ctx.query.schemeId);
    const priorityIds = listParam(ctx.query.priorityId);
    const q = typeof ctx.query.schemeName === 'string' ? ctx.query.schemeName.toLowerCase() : '';
    const onlyDefault = String(ctx.query.onlyDefault) === 'true';
    let rows = prioritySchemes(ctx.tenant).values().filter((s) =>
      (!schemeIds.length || schemeIds.includes(s.id)) && (!q || s.name.toLowerCase().includes(q)) && (!onlyDefault || s.id === DEFAULT_PRIORITY_SCHEME) &&
      (!priorityIds.length || priorityIds.some((p) => schemePriorityIds(ctx.tenant, s).includes(p))));
    const order = String(ctx.query.orderBy ?? '');
    if (/^[-+]?name$/.test(order)) rows = [...rows].sort((a, b) => a.name.localeCompare(b.name) * (order.startsWith('-') ? -1 : 1));
    const expand = listParam(ctx.query.expand);
    return { body: page(ctx, rows.map((s) => schemeJson(ctx, s, expand))) };
  },
  /** The default priority must be one of the scheme's; projects move in, their issues' priorities mapped with `mappings.in`. */
  createPriorityScheme: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    const name = nameOf(ctx, b.name);
    const priorityIds = priorityIdsOf(ctx, ids(b.priorityIds));
    if (!priorityIds.length) throw fieldErrors({ priorityIds: 'At least one priority must be given.' });
    const dflt = String(b.defaultPriorityId ?? '');
    if (!priorityIds.includes(dflt)) throw fieldErrors({ defaultPriorityId: 'The default priority must be one of the priorities of the scheme.' });
    const projectIds = ids(b.projectIds).map((id) => projectOr404(ctx, id).id);
    migrate(ctx, projectIds, priorityIds, mapOf(b.mappings, 'in'));
    const s = prioritySchemes(ctx.tenant).put({ id: nextId(ctx.tenant, 'priorityscheme', 10000), name, description: typeof b.description === 'string' ? b.description : '', priorityIds, defaultPriorityId: dflt });
    for (const p of projectIds) usePriorityScheme(ctx.tenant, p, s.id);
    return { status: 201, body: { id: s.id } };
  },
  /**
   * `priorities.add/remove.ids`, `projects.add/remove.ids`, a new default; issues of the scheme's projects whose priority
   * leaves it are mapped with `mappings.out`, those of projects joining it with `mappings.in`.
   */
  updatePriorityScheme: (ctx) => {
    requireAdmin(ctx);
    const s = prioritySchemeOr404(ctx.tenant, ctx.params.schemeId);
    const b = objectBody(ctx);
    const change = (raw: unknown, side: 'add' | 'remove') => ids(((raw ?? {}) as Record<string, { ids?: unknown }>)[side]?.ids);
    const addP = priorityIdsOf(ctx, change(b.priorities, 'add'));
    const removeP = change(b.priorities, 'remove');
    const addProjects = change(b.projects, 'add').map((id) => projectOr404(ctx, id).id);
    const removeProjects = change(b.projects, 'remove').map((id) => projectOr404(ctx, id).id);
    const isDefault = s.id === DEFAULT_PRIORITY_SCHEME;
    if (isDefault && (addP.length || removeP.length || addProjects.length || removeProjects.length || b.defaultPriorityId !== undefined)) throw jiraError(400, ['The default priority scheme offers every priority; only its name and description can change.']);
    const next: PrioritySchemeDoc = { ...s, priorityIds: [...s.priorityIds.filter((id) => !removeP.includes(id)), ...addP.filter((id) => !s.priorityIds.includes(id))] };
    if (b.name !== undefined) next.name = nameOf(ctx, b.name, s.id);
    if (typeof b.description === 'string') next.description = b.description;
    if (b.defaultPriorityId !== undefined) next.defaultPriorityId = String(b.defaultPriorityId);
    if (!isDefault && !next.priorityIds.includes(next.defaultPriorityId)) throw fieldErrors({ defaultPriorityId: 'The default priority must be one of the priorities of the scheme.' });
    const staying = projectsUsingPriorityScheme(ctx.tenant, s.id).map((p) => p.id).filter((id) => !removeProjects.includes(id));
    if (!isDefault) {
      migrate(ctx, staying, next.priorityIds, mapOf(b.mappings, 'out'));
      migrate(ctx, addProjects, next.priorityIds, mapOf(b.mappings, 'in'));
    }
    prioritySchemes(ctx.tenant).put(next);
    for (const p of addProjects) usePriorityScheme(ctx.tenant, p, s.id);
    for (const p of removeProjects) if (prioritySchemeOfProject(ctx.tenant, p).id === s.id) usePriorityScheme(ctx.tenant, p, DEFAULT_PRIORITY_SCHEME);
    return { body: { priorityScheme: schemeJson(ctx, next, ['priorities', 'projects']) } };
  },
  deletePriorityScheme: (ctx) => {
    requireAdmin(ctx);
    const s = prioritySchemeOr404(ctx.tenant, ctx.params.schemeId);
    if (s.id === DEFAULT_PRIORITY_SCHEME) throw jiraError(400, ['The default priority scheme cannot be deleted.']);
    if (projectsUsingPriorityScheme(ctx.tenant, s.id).length) throw jiraError(400, ['The priority scheme is used by projects and cannot be deleted.']);
    prioritySchemes(ctx.tenant).delete(s.id);
    return { status: 204 };
  },
  getPrioritiesByPriorityScheme: (ctx) => {
    requireAdmin(ctx);
    return { body: page(ctx, prioritiesOf(ctx, prioritySchemeOr404(ctx.tenant, ctx.params.schemeId))) };
  },
  getProjectsByPriorityScheme: (ctx) => {
    requireAdmin(ctx);
    const s = prioritySchemeOr404(ctx.tenant, ctx.params.schemeId);
    const only = listParam(ctx.query.projectId);
    const q = typeof ctx.query.query === 'string' ? ctx.query.query.toLowerCase() : '';
    const rows = projectsUsingPriorityScheme(ctx.tenant, s.id).filter((p) => (!only.length || only.includes(p.id)) && (!q || p.name.toLowerCase().includes(q) || p.key.toLowerCase().includes(q)));
    return { body: page(ctx, rows.map((p) => projectRef(viewOf(ctx), p))) };
  },
  /** Priorities of the site the scheme does not have yet. */
  getAvailablePrioritiesByPriorityScheme: (ctx) => {
    requireAdmin(ctx);
    const s = prioritySchemeOr404(ctx.tenant, ctx.query.schemeId);
    const have = schemePriorityIds(ctx.tenant, s);
    const exclude = listParam(ctx.query.exclude);
    const q = typeof ctx.query.query === 'string' ? ctx.query.query.toLowerCase() : '';
    const rows = priorities(ctx.tenant).filter((p) => !have.includes(p.id) && !exclude.includes(p.id) && (!q || p.name.toLowerCase().includes(q)));
    return { body: page(ctx, rows.map((p, n) => withSequence(ctx, p, n))) };
  },
  /**
   * The priorities that would need a mapping for the change: those removed from the scheme that its projects' issues use,
   * and those the added projects' issues use that the scheme lacks.
   */
  suggestedPrioritiesForMappings: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    const s = prioritySchemeOr404(ctx.tenant, b.schemeId);
    const change = (raw: unknown, side: 'add' | 'remove') => ids(((raw ?? {}) as Record<string, unknown>)[side]);
    const removed = change(b.priorities, 'remove');
    const have = [...schemePriorityIds(ctx.tenant, s).filter((id) => !removed.includes(id)), ...change(b.priorities, 'add')];
    const current = projectsUsingPriorityScheme(ctx.tenant, s.id).map((p) => p.id);
    const joining = change(b.projects, 'add').map((id) => projectOr404(ctx, id).id);
    const used = new Set(issues(ctx.tenant).filter((i) => !!i.priorityId && [...current, ...joining].includes(i.projectId) && !have.includes(i.priorityId)).map((i) => i.priorityId!));
    const rows = priorities(ctx.tenant).filter((p) => used.has(p.id));
    const startAt = typeof b.startAt === 'number' ? b.startAt : 0;
    const maxResults = typeof b.maxResults === 'number' ? Math.min(Math.max(b.maxResults, 1), 50) : 50;
    return { body: pageBean(ctx, rows.map((p, n) => withSequence(ctx, p, n)), startAt, maxResults) };
  },
} satisfies Handlers;
