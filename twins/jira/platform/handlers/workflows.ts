// Workflows and statuses: the bulk workflow API (create, read, update, search), the classic paginated listing and delete, and status create/update/delete with categories.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { statuses, workflows, type StatusDoc, type WorkflowDoc } from '../../store.js';
import { keepVersion } from '../model/workflow-history.js';
import { fromClassic, type ClassicWorkflowInput } from '../model/workflow-classic.js';
import { buildWorkflow, CATEGORY_OF, isActive, newStatusId, projectsUsing, resolveStatuses, workflowByName, WorkflowInputError, type StatusInput, type WorkflowInput } from '../model/workflow-defs.js';
import { jiraStatus } from '../present/site.js';
import { classicWorkflowJson, jiraWorkflowJson, workflowStatusesJson } from '../present/workflows.js';
import { intParam, listParam, me, nowIso, objectBody, pageBean, type Ctx, requireSiteAdmin } from './common.js';

const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'You do not have the permission to manage workflows.');

/** Runs a definition change, turning input problems into Jira's 400. */
function defining<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof WorkflowInputError) throw jiraError(400, [e.message]);
    throw e;
  }
}

const expandOf = (ctx: Ctx) => new Set(listParam(ctx.query.expand));

function workflowOr404(ctx: Ctx, id: unknown): WorkflowDoc {
  const wf = workflows(ctx.tenant).get(String(id)) ?? workflowByName(ctx.tenant, String(id));
  if (!wf) throw jiraError(404, [`Workflow with ID ${String(id)} not found.`]);
  return wf;
}

/** Ids for new workflows: uuid-shaped like Cloud's, from the tenant's seeded random source. */
const newWorkflowId = (ctx: Ctx) => ctx.tenant.random.uuid();

type CreateBody = { statuses?: StatusInput[]; workflows?: WorkflowInput[] };
type UpdateBody = { statuses?: StatusInput[]; workflows?: Array<WorkflowInput & { id?: unknown; version?: { versionNumber?: unknown } }> };

/** The workflows a create request would make; a dry run checks everything and creates no status. */
export function planCreate(ctx: Ctx, b: CreateBody, dryRun = false): WorkflowDoc[] {
  const names = new Set<string>();
  for (const w of b.workflows ?? []) {
    const name = typeof w.name === 'string' ? w.name.trim() : '';
    if (name && (workflowByName(ctx.tenant, name) || names.has(name))) throw new WorkflowInputError(`A workflow with the name '${name}' already exists.`);
    names.add(name);
  }
  const refs = resolveStatuses(ctx.tenant, b.statuses ?? [], { dryRun });
  const now = nowIso(ctx);
  return (b.workflows ?? []).map((w) => buildWorkflow(w, refs, { id: dryRun ? 'new' : newWorkflowId(ctx), versionNumber: 1, created: now, updated: now, resolveOnDone: false }));
}

/** The workflows an update request would leave, each at its next version; a stale version is refused. */
export function planUpdate(ctx: Ctx, b: UpdateBody, dryRun = false): WorkflowDoc[] {
  const refs = resolveStatuses(ctx.tenant, b.statuses ?? [], { dryRun });
  return (b.workflows ?? []).map((w) => {
    const prev = workflows(ctx.tenant).get(String(w.id ?? ''));
    if (!prev) throw new WorkflowInputError(`Workflow with ID ${String(w.id)} not found.`);
    const at = Number(w.version?.versionNumber);
    if (Number.isFinite(at) && at !== (prev.versionNumber ?? 1)) throw new WorkflowInputError(`The workflow ${prev.name} was changed by someone else: version ${at} is not the current version ${prev.versionNumber ?? 1}.`);
    return buildWorkflow({ name: prev.name, ...w }, refs, { ...prev, versionNumber: (prev.versionNumber ?? 1) + 1, updated: nowIso(ctx) });
  });
}

export const workflowHandlers = {
  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflows-create-post */
  createWorkflows: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx) as CreateBody;
    // Checked whole first, so a refused request leaves no new statuses behind.
    const made = defining(() => (planCreate(ctx, b, true), planCreate(ctx, b)));
    for (const wf of made) workflows(ctx.tenant).put(wf);
    return { body: { statuses: workflowStatusesJson(ctx.tenant, made), workflows: made.map((wf) => jiraWorkflowJson(wf)) } };
  },

  /** The classic (deprecated) create: 201 with the workflow's name and id. */
  createWorkflow: (ctx) => {
    requireAdmin(ctx);
    const { statuses: refs, workflow } = defining(() => fromClassic(objectBody(ctx) as ClassicWorkflowInput));
    const [made] = defining(() => (planCreate(ctx, { statuses: refs, workflows: [workflow] }, true), planCreate(ctx, { statuses: refs, workflows: [workflow] })));
    workflows(ctx.tenant).put(made);
    return { status: 201, body: { name: made.name, entityId: made.id } };
  },

  /** By ids or names; with neither, nothing (Jira reads only what is named). */
  readWorkflows: (ctx) => {
    const b = (ctx.body ?? {}) as { workflowIds?: unknown[]; workflowNames?: unknown[] };
    const ids = new Set((b.workflowIds ?? []).map(String));
    const names = new Set((b.workflowNames ?? []).map(String));
    const found = workflows(ctx.tenant).filter((w) => ids.has(w.id) || names.has(w.name));
    return { body: { statuses: workflowStatusesJson(ctx.tenant, found), workflows: found.map((wf) => jiraWorkflowJson(wf)) } };
  },

  /** Each workflow names its current version; a stale version is refused, a matching one is replaced and bumped. */
  updateWorkflows: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx) as UpdateBody;
    const updated = defining(() => (planUpdate(ctx, b, true), planUpdate(ctx, b)));
    for (const wf of updated) {
      keepVersion(ctx.tenant, workflows(ctx.tenant).get(wf.id)!, me(ctx).accountId);
      workflows(ctx.tenant).put(wf);
    }
    return { body: { statuses: workflowStatusesJson(ctx.tenant, updated), workflows: updated.map((wf) => jiraWorkflowJson(wf)) } };
  },

  /** Paged; `queryString` matches names; transitions only when `expand=values.transitions`; `isActive` filters by use. */
  searchWorkflows: (ctx) => {
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 50, 1, 200);
    const text = String(ctx.query.queryString ?? '').toLowerCase();
    const active = ctx.query.isActive === undefined ? undefined : String(ctx.query.isActive) === 'true';
    const all = workflows(ctx.tenant).filter((w) => w.name.toLowerCase().includes(text) && (active === undefined || isActive(ctx.tenant, w) === active));
    const withTransitions = expandOf(ctx).has('values.transitions');
    const page = pageBean(ctx, all.map((w) => jiraWorkflowJson(w, { transitions: withTransitions })), startAt, maxResults);
    return { body: { ...page, statuses: workflowStatusesJson(ctx.tenant, all.slice(startAt, startAt + maxResults)) } };
  },

  /** The classic listing. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflow-search-get */
  getWorkflowsPaginated: (ctx) => {
    requireAdmin(ctx);
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 50, 1, 50);
    const names = new Set(listParam(ctx.query.workflowName));
    const text = String(ctx.query.queryString ?? '').toLowerCase();
    const all = workflows(ctx.tenant).filter((w) => (!names.size || names.has(w.name)) && w.name.toLowerCase().includes(text));
    const ex = expandOf(ctx);
    return { body: pageBean(ctx, all.map((w) => classicWorkflowJson(w, ex, w.id === 'software-simplified-workflow')), startAt, maxResults) };
  },

  getAllWorkflows: (ctx) => {
    requireAdmin(ctx);
    const name = ctx.query.workflowName;
    return { body: workflows(ctx.tenant).filter((w) => !name || w.name === name).map((w) => ({ name: w.name, description: w.description ?? '', steps: w.statusIds.length, default: false })) };
  },

  /** Only a workflow no project or scheme uses may be deleted. */
  deleteInactiveWorkflow: (ctx) => {
    requireAdmin(ctx);
    const wf = workflowOr404(ctx, ctx.params.entityId);
    if (isActive(ctx.tenant, wf)) throw jiraError(400, [`Cannot delete an active workflow.`]);
    workflows(ctx.tenant).delete(wf.id);
    return { status: 204 };
  },

  getProjectUsagesForWorkflow: (ctx) => {
    const wf = workflowOr404(ctx, ctx.params.workflowId);
    return { body: { workflowId: wf.id, projects: { values: projectsUsing(ctx.tenant, wf).map((id) => ({ id })) } } };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-status/#api-rest-api-3-statuses-post */
  createStatuses: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx) as { statuses?: Array<{ name?: unknown; statusCategory?: unknown; description?: unknown }> };
    const made: StatusDoc[] = [];
    for (const s of b.statuses ?? []) {
      const name = typeof s.name === 'string' ? s.name.trim() : '';
      if (!name) throw fieldErrors({ name: 'The status name must be specified.' });
      if (statuses(ctx.tenant).find((x) => x.name.toLowerCase() === name.toLowerCase()) || made.some((x) => x.name.toLowerCase() === name.toLowerCase())) {
        throw jiraError(400, [`A status with the name '${name}' already exists.`]);
      }
      const category = CATEGORY_OF[String(s.statusCategory)];
      if (!category) throw fieldErrors({ statusCategory: 'The status category must be TODO, IN_PROGRESS or DONE.' });
      made.push({ id: newStatusId(ctx.tenant), name, category, description: typeof s.description === 'string' ? s.description : '' });
    }
    for (const s of made) statuses(ctx.tenant).put(s);
    return { body: made.map(jiraStatus) };
  },

  updateStatuses: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx) as { statuses?: Array<{ id?: unknown; name?: unknown; statusCategory?: unknown; description?: unknown }> };
    for (const s of b.statuses ?? []) {
      const doc = statuses(ctx.tenant).get(String(s.id ?? ''));
      if (!doc) throw jiraError(404, [`The status with ID ${String(s.id)} does not exist.`]);
      const category = s.statusCategory === undefined ? doc.category : CATEGORY_OF[String(s.statusCategory)];
      if (!category) throw fieldErrors({ statusCategory: 'The status category must be TODO, IN_PROGRESS or DONE.' });
      statuses(ctx.tenant).patch(doc.id, { ...(typeof s.name === 'string' && s.name.trim() ? { name: s.name.trim() } : {}), category, ...(typeof s.description === 'string' ? { description: s.description } : {}) });
    }
    return { status: 204 };
  },

  /** A status a workflow still uses cannot be deleted. */
  deleteStatusesById: (ctx) => {
    requireAdmin(ctx);
    const ids = listParam(ctx.query.id);
    if (!ids.length) throw jiraError(400, ['At least one status ID must be provided.']);
    for (const id of ids) {
      if (!statuses(ctx.tenant).get(id)) throw jiraError(404, [`The status with ID ${id} does not exist.`]);
      const user = workflows(ctx.tenant).find((w) => w.statusIds.includes(id));
      if (user) throw jiraError(400, [`The status with ID ${id} is used in the workflow ${user.name} and cannot be deleted.`]);
    }
    for (const id of ids) statuses(ctx.tenant).delete(id);
    return { status: 204 };
  },
} satisfies Handlers;
