// Workflow schemes: create, list, read, update, delete, per-issue-type mappings, and which scheme each project uses (assigning one changes the workflows its issues follow).
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { issues, issueTypes, nextId, projects, workflowSchemes, type WorkflowSchemeDoc } from '../../store.js';
import { workflowByName } from '../model/workflow-defs.js';
import { changeMappings, draftMappings, mappingsByWorkflow, requireIssueType, requireWorkflow, SchemeRuleError, SYSTEM_WORKFLOW, withoutWorkflow, withWorkflowMapping, workflowNameFor, type Mappings } from '../model/workflow-schemes.js';
import { workflowSchemeDraftJson, workflowSchemeJson } from '../present/workflows.js';
import { viewOf } from '../present/site.js';
import { intParam, listParam, me, nowIso, objectBody, pageBean, type Ctx, requireSiteAdmin, usagePage } from './common.js';

const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'You do not have the permission to manage workflow schemes.');

function schemeOr404(ctx: Ctx, id: unknown): WorkflowSchemeDoc {
  const s = workflowSchemes(ctx.tenant).get(String(id));
  if (!s) throw jiraError(404, [`The workflow scheme with ID ${String(id)} does not exist.`]);
  return s;
}

/** Workflow names must exist, issue types must exist; the default falls back to the built-in software workflow. */
function mappingsFrom(ctx: Ctx, b: Record<string, unknown>, prev?: Mappings): Mappings {
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

/** Runs a scheme rule, turning its breaks into Jira's errors (field errors where Jira names the field). */
export function ruled<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SchemeRuleError) throw e.field ? fieldErrors({ [e.field]: e.message }, e.status) : jiraError(e.status, [e.message]);
    throw e;
  }
}

/** A mapping change through the scheme's rules (active schemes change through their draft), answered with what changed. */
function changed(ctx: Ctx, change: (m: Mappings) => Mappings, updateDraftIfNeeded: boolean, extra: Partial<WorkflowSchemeDoc> = {}) {
  requireAdmin(ctx);
  const s = schemeOr404(ctx, ctx.params.id);
  const out = ruled(() => changeMappings(ctx.tenant, s, change, { updateDraftIfNeeded, accountId: me(ctx).accountId, now: nowIso(ctx) }));
  if (Object.keys(extra).length) out.scheme = workflowSchemes(ctx.tenant).put({ ...out.scheme, ...extra });
  return { body: (out.draft ? workflowSchemeDraftJson(viewOf(ctx), out.scheme) : workflowSchemeJson(ctx.baseUrl, out.scheme)) as never };
}

/** `workflowName` picks one IssueTypesWorkflowMapping (404 when the scheme does not use it); without it, all of them. */
export function workflowMappingOut(ctx: Ctx, m: Mappings) {
  const all = mappingsByWorkflow(m);
  if (ctx.query.workflowName === undefined) return all;
  const one = all.find((x) => x.workflow === String(ctx.query.workflowName));
  if (!one) throw jiraError(404, [`The workflow ${String(ctx.query.workflowName)} is not used by this workflow scheme.`]);
  return one;
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
  /** Name and description change in place; mappings of an active scheme only through its draft (`updateDraftIfNeeded`). */
  updateWorkflowScheme: (ctx) => {
    const b = objectBody(ctx);
    const name = typeof b.name === 'string' && b.name.trim() ? b.name.trim() : undefined;
    const extra = { ...(name ? { name } : {}), ...(typeof b.description === 'string' ? { description: b.description } : {}) };
    return changed(ctx, (m) => mappingsFrom(ctx, b, m), b.updateDraftIfNeeded === true, extra);
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
    const m = String(ctx.query.returnDraftIfExists) === 'true' ? draftMappings(s) : s;
    return { body: { issueType: ctx.params.issueType, workflow: workflowNameFor(m, ctx.params.issueType) } };
  },
  setWorkflowSchemeIssueType: (ctx) => {
    const b = objectBody(ctx);
    return changed(ctx, (m) => ({ ...m, issueTypeMappings: { ...m.issueTypeMappings, [requireIssueType(ctx.tenant, ctx.params.issueType)]: requireWorkflow(ctx.tenant, b.workflow) } }), b.updateDraftIfNeeded === true);
  },
  deleteWorkflowSchemeIssueType: (ctx) =>
    changed(ctx, (m) => {
      const { [ctx.params.issueType]: _gone, ...rest } = m.issueTypeMappings;
      return { ...m, issueTypeMappings: rest };
    }, String(ctx.query.updateDraftIfNeeded) === 'true'),

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/#api-rest-api-3-workflowscheme-id-default-get */
  getDefaultWorkflow: (ctx) => {
    const s = schemeOr404(ctx, ctx.params.id);
    return { body: { workflow: (String(ctx.query.returnDraftIfExists) === 'true' ? draftMappings(s) : s).defaultWorkflow } };
  },
  updateDefaultWorkflow: (ctx) => {
    const b = objectBody(ctx);
    return changed(ctx, (m) => ({ ...m, defaultWorkflow: requireWorkflow(ctx.tenant, b.workflow) }), b.updateDraftIfNeeded === true);
  },
  /** The default goes back to Jira's system workflow. */
  deleteDefaultWorkflow: (ctx) => changed(ctx, (m) => ({ ...m, defaultWorkflow: SYSTEM_WORKFLOW }), String(ctx.query.updateDraftIfNeeded) === 'true'),

  /** One workflow's mapping when named, else every workflow's. */
  getWorkflow: (ctx) => {
    const s = schemeOr404(ctx, ctx.params.id);
    return { body: workflowMappingOut(ctx, String(ctx.query.returnDraftIfExists) === 'true' ? draftMappings(s) : s) as never };
  },
  updateWorkflowMapping: (ctx) => {
    const b = objectBody(ctx) as { workflow?: unknown; issueTypes?: unknown[]; defaultMapping?: boolean; updateDraftIfNeeded?: boolean };
    const name = String(ctx.query.workflowName ?? b.workflow ?? '');
    return changed(ctx, (m) => withWorkflowMapping(ctx.tenant, m, name, b.issueTypes, b.defaultMapping), b.updateDraftIfNeeded === true);
  },
  /** Answers 200 with no body. */
  deleteWorkflowMapping: (ctx) => {
    changed(ctx, (m) => withoutWorkflow(m, String(ctx.query.workflowName ?? '')), String(ctx.query.updateDraftIfNeeded) === 'true');
    return { status: 200 };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/#api-rest-api-3-workflowscheme-workflowschemeid-projectusages-get */
  getProjectUsagesForWorkflowScheme: (ctx) => {
    const s = schemeOr404(ctx, ctx.params.workflowSchemeId);
    const ids = projects(ctx.tenant).filter((p) => p.workflowSchemeId === s.id && !p.trashedAt).map((p) => p.id);
    return { body: { workflowSchemeId: s.id, projects: usagePage(ctx, ids) } };
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
