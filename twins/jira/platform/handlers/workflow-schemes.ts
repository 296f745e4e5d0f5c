// Workflow schemes: create, list, read, update, delete, per-issue-type mappings, and which scheme each project uses (assigning one changes the workflows its issues follow).
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { issues, issueTypes, nextId, projects, workflowSchemes, type WorkflowSchemeDoc } from '../../store.js';
import { workflowByName } from '../model/workflow-defs.js';
import { workflowSchemeJson } from '../present/workflows.js';
import { intParam, listParam, me, nowIso, objectBody, pageBean, type Ctx, requireSiteAdmin } from './common.js';

const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'You do not have the permission to manage workflow schemes.');

function schemeOr404(ctx: Ctx, id: unknown): WorkflowSchemeDoc {
  const s = workflowSchemes(ctx.tenant).get(String(id));
  if (!s) throw jiraError(404, [`The workflow scheme with ID ${String(id)} does not exist.`]);
  return s;
}

/** Workflow names must exist, issue types must exist; the default falls back to the built-in software workflow. */
function mappingsFrom(ctx: Ctx, b: Record<string, unknown>, prev?: WorkflowSchemeDoc): Pick<WorkflowSchemeDoc, 'defaultWorkflow' | 'issueTypeMappings'> {
  const defaultWorkflow = typeof b.defaultWorkflow === 'string' ? b.defaultWorkflow : prev?.defaultWorkflow ?? 'Software Simplified Workflow';
  if (!workflowByName(ctx.tenant, defaultWorkflow)) throw fieldErrors({ defaultWorkflow: `The workflow ${defaultWorkflow} does not exist.` });
  const raw = b.issueTypeMappings && typeof b.issueTypeMappings === 'object' ? (b.issueTypeMappings as Record<string, unknown>) : undefined;
  const issueTypeMappings: Record<string, string> = raw ? {} : { ...(prev?.issueTypeMappings ?? {}) };
  for (const [type, wf] of Object.entries(raw ?? {})) {
    if (!issueTypes(ctx.tenant).get(type)) throw fieldErrors({ issueTypeMappings: `The issue type ${type} does not exist.` });
    if (!workflowByName(ctx.tenant, String(wf))) throw fieldErrors({ issueTypeMappings: `The workflow ${String(wf)} does not exist.` });
    issueTypeMappings[type] = String(wf);
  }
  return { defaultWorkflow, issueTypeMappings };
}

const inUse = (ctx: Ctx, s: WorkflowSchemeDoc) => !!projects(ctx.tenant).find((p) => p.workflowSchemeId === s.id && !p.trashedAt);

export const workflowSchemeHandlers = {
  getAllWorkflowSchemes: (ctx) => {
    requireAdmin(ctx);
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 50, 1, 50);
    return { body: pageBean(ctx, workflowSchemes(ctx.tenant).values().map((s) => workflowSchemeJson(ctx.baseUrl, s)), startAt, maxResults) };
  },
  createWorkflowScheme: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!name) throw fieldErrors({ name: 'The workflow scheme name must be specified.' });
    if (workflowSchemes(ctx.tenant).find((s) => s.name.toLowerCase() === name.toLowerCase())) throw fieldErrors({ name: 'A workflow scheme with this name already exists.' });
    const s = workflowSchemes(ctx.tenant).put({ id: nextId(ctx.tenant, 'workflowscheme'), name, description: typeof b.description === 'string' ? b.description : '', ...mappingsFrom(ctx, b), updated: nowIso(ctx) });
    return { status: 201, body: workflowSchemeJson(ctx.baseUrl, s) };
  },
  getWorkflowScheme: (ctx) => ({ body: workflowSchemeJson(ctx.baseUrl, schemeOr404(ctx, ctx.params.id)) }),
  updateWorkflowScheme: (ctx) => {
    requireAdmin(ctx);
    const prev = schemeOr404(ctx, ctx.params.id);
    const b = objectBody(ctx);
    const s = workflowSchemes(ctx.tenant).put({
      ...prev,
      ...(typeof b.name === 'string' && b.name.trim() ? { name: b.name.trim() } : {}),
      ...(typeof b.description === 'string' ? { description: b.description } : {}),
      ...mappingsFrom(ctx, b, prev),
      updated: nowIso(ctx),
    });
    return { body: workflowSchemeJson(ctx.baseUrl, s) };
  },
  /** A scheme a project uses cannot be deleted (Jira: 400). */
  deleteWorkflowScheme: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx, ctx.params.id);
    if (inUse(ctx, s)) throw jiraError(400, ['Cannot delete an active workflow scheme.']);
    workflowSchemes(ctx.tenant).delete(s.id);
    return { status: 204 };
  },
  getWorkflowSchemeIssueType: (ctx) => {
    const s = schemeOr404(ctx, ctx.params.id);
    return { body: { issueType: ctx.params.issueType, workflow: s.issueTypeMappings[ctx.params.issueType] ?? s.defaultWorkflow } };
  },
  setWorkflowSchemeIssueType: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx, ctx.params.id);
    const wf = objectBody(ctx).workflow;
    const next = mappingsFrom(ctx, { issueTypeMappings: { ...s.issueTypeMappings, [ctx.params.issueType]: wf } }, s);
    return { body: workflowSchemeJson(ctx.baseUrl, workflowSchemes(ctx.tenant).put({ ...s, ...next, updated: nowIso(ctx) })) };
  },
  deleteWorkflowSchemeIssueType: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx, ctx.params.id);
    const { [ctx.params.issueType]: _gone, ...rest } = s.issueTypeMappings;
    return { body: workflowSchemeJson(ctx.baseUrl, workflowSchemes(ctx.tenant).put({ ...s, issueTypeMappings: rest, updated: nowIso(ctx) })) };
  },
  /** Which scheme each named project uses; projects without one are grouped under the built-in default (no id). */
  getWorkflowSchemeProjectAssociations: (ctx) => {
    const ids = listParam(ctx.query.projectId);
    if (!ids.length) throw jiraError(400, ['At least one project ID must be provided.']);
    const groups = new Map<string, string[]>();
    for (const id of ids) {
      const p = projects(ctx.tenant).get(id);
      if (!p) continue;
      const key = p.workflowSchemeId ?? '';
      groups.set(key, [...(groups.get(key) ?? []), p.id]);
    }
    const values = [...groups].map(([schemeId, projectIds]) => {
      const s = schemeId ? workflowSchemes(ctx.tenant).get(schemeId) : undefined;
      const workflowScheme = s
        ? workflowSchemeJson(ctx.baseUrl, s)
        : { name: 'Default Workflow Scheme', description: 'Default Workflow Scheme', defaultWorkflow: 'jira', issueTypeMappings: {}, draft: false };
      return { projectIds, workflowScheme };
    });
    return { body: { values } };
  },
  assignSchemeToProject: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    const p = projects(ctx.tenant).get(String(b.projectId ?? ''));
    if (!p || p.trashedAt) throw jiraError(404, [`The project with ID ${String(b.projectId)} does not exist.`]);
    // "This operation is performed only when there are no issues in the project." (assignSchemeToProject reference)
    if (issues(ctx.tenant).find((i) => i.projectId === p.id)) throw jiraError(400, ['The workflow scheme cannot be assigned because the project has issues.']);
    if (b.workflowSchemeId === undefined || b.workflowSchemeId === null || b.workflowSchemeId === '') {
      projects(ctx.tenant).patch(p.id, { workflowSchemeId: undefined });
      return { status: 204 };
    }
    const s = schemeOr404(ctx, b.workflowSchemeId);
    projects(ctx.tenant).patch(p.id, { workflowSchemeId: s.id });
    return { status: 204 };
  },
} satisfies Handlers;
