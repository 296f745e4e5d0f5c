// The newer workflow scheme API (workflows by id): read schemes by id or project, the status mappings a change would need, update at a version migrating issues, and switch a project to another scheme.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { findProject, projects, statuses, workflows, workflowSchemes, type StatusDoc, type WorkflowSchemeDoc } from '../../store.js';
import { moveToStatus } from '../model/workflow.js';
import { requiredMappings, requireIssueType, SYSTEM_WORKFLOW, switchScheme, updateScheme, type Mappings, type Move } from '../model/workflow-schemes.js';
import { jiraStatus } from '../present/site.js';
import { workflowSchemeReadJson } from '../present/workflows.js';
import { completedTask, nowIso, objectBody, recordChange, requireSiteAdmin, type Ctx } from './common.js';
import { ruled } from './workflow-schemes.js';

const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'You do not have the permission to manage workflow schemes.');
const byName = (ctx: Ctx) => (name: string) => workflows(ctx.tenant).find((w) => w.name === name);
const usingIds = (ctx: Ctx, s: WorkflowSchemeDoc) => projects(ctx.tenant).filter((p) => p.workflowSchemeId === s.id && !p.trashedAt).map((p) => p.id);

function schemeOr404(ctx: Ctx, id: unknown): WorkflowSchemeDoc {
  const s = workflowSchemes(ctx.tenant).get(String(id ?? ''));
  if (!s) throw jiraError(404, [`The workflow scheme with ID ${String(id)} does not exist.`]);
  return s;
}

/** Workflow ids → the name-keyed mappings schemes store; the system workflow is named `jira`. */
function mappingsFromIds(ctx: Ctx, b: { defaultWorkflowId?: unknown; workflowsForIssueTypes?: Array<{ issueTypeIds?: unknown[]; workflowId?: unknown }> }, prev: Mappings): Mappings {
  const nameOf = (id: unknown) => {
    if (String(id) === SYSTEM_WORKFLOW) return SYSTEM_WORKFLOW;
    const wf = workflows(ctx.tenant).get(String(id ?? ''));
    if (!wf) throw jiraError(400, [`The workflow with ID ${String(id)} does not exist.`]);
    return wf.name;
  };
  const defaultWorkflow = b.defaultWorkflowId === undefined ? prev.defaultWorkflow : nameOf(b.defaultWorkflowId);
  if (!Array.isArray(b.workflowsForIssueTypes)) return { defaultWorkflow, issueTypeMappings: prev.issueTypeMappings };
  const issueTypeMappings: Record<string, string> = {};
  for (const a of b.workflowsForIssueTypes) for (const type of a.issueTypeIds ?? []) issueTypeMappings[ruled(() => requireIssueType(ctx.tenant, type))] = nameOf(a.workflowId);
  return { defaultWorkflow, issueTypeMappings };
}

/** Moves issues as planned, each move on the issue's history. */
export function applyMoves(ctx: Ctx, moves: Move[]): void {
  for (const m of moves) recordChange(ctx, m.issue, moveToStatus(ctx.tenant, m.issue, m.to, undefined, nowIso(ctx)));
}

export const workflowSchemeUpdateHandlers = {
  /** By scheme ids and by the projects using them. */
  readWorkflowSchemes: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx) as { projectIds?: unknown[]; workflowSchemeIds?: unknown[] };
    const ids = new Set((b.workflowSchemeIds ?? []).map(String));
    for (const pid of b.projectIds ?? []) {
      const p = findProject(ctx.tenant, String(pid));
      if (p?.workflowSchemeId && !p.trashedAt) ids.add(p.workflowSchemeId);
    }
    const found = [...ids].map((id) => workflowSchemes(ctx.tenant).get(id)).filter((s): s is WorkflowSchemeDoc => !!s);
    return { body: found.map((s) => workflowSchemeReadJson(s, byName(ctx), usingIds(ctx, s))) as never };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/#api-rest-api-3-workflowscheme-update-mappings-post */
  getRequiredWorkflowSchemeMappings: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx) as Parameters<typeof mappingsFromIds>[1] & { id?: unknown };
    const s = schemeOr404(ctx, b.id);
    const need = requiredMappings(ctx.tenant, s, mappingsFromIds(ctx, b, s));
    const used = [...new Set(need.workflows.flatMap((w) => w.statusIds))].map((id) => statuses(ctx.tenant).get(id)).filter((x): x is StatusDoc => !!x);
    return {
      body: {
        statusMappingsByIssueTypes: [],
        statusMappingsByWorkflows: need.byWorkflows,
        statuses: used.map(jiraStatus).map((j) => ({ id: j.id, name: j.name, category: j.statusCategory })),
        statusesPerWorkflow: need.workflows.map((w) => ({ workflowId: w.id, initialStatusId: w.initialStatusId, statuses: w.statusIds })),
      } as never,
    };
  },

  /** A stale version is refused; an inactive scheme answers 200, an active one migrates its issues and answers its task (303). */
  updateSchemes: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx) as Parameters<typeof mappingsFromIds>[1] & { id?: unknown; name?: unknown; description?: unknown; version?: { versionNumber?: unknown }; statusMappingsByIssueTypeOverride?: any[]; statusMappingsByWorkflows?: any[] };
    const s = schemeOr404(ctx, b.id);
    const at = Number(b.version?.versionNumber);
    if (!Number.isFinite(at) || at !== (s.versionNumber ?? 1)) throw jiraError(409, [`The workflow scheme ${s.name} was changed by someone else: version ${String(b.version?.versionNumber)} is not the current version ${s.versionNumber ?? 1}.`]);
    const next = mappingsFromIds(ctx, b, s);
    const extra = { ...(typeof b.name === 'string' && b.name.trim() ? { name: b.name.trim() } : {}), ...(typeof b.description === 'string' ? { description: b.description } : {}) };
    const out = ruled(() => updateScheme(ctx.tenant, s, next, { byIssueType: b.statusMappingsByIssueTypeOverride, byWorkflow: b.statusMappingsByWorkflows }, nowIso(ctx), extra));
    if (!out.active) return { body: {} as never };
    applyMoves(ctx, out.moves);
    return completedTask(ctx, `Updating workflow scheme ${out.scheme.name}`, { movedIssues: out.moves.length }) as never;
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/#api-rest-api-3-workflowscheme-project-switch-post */
  switchWorkflowSchemeForProject: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx) as { projectId?: unknown; targetSchemeId?: unknown; mappingsByIssueTypeOverride?: any[] };
    const p = findProject(ctx.tenant, String(b.projectId ?? ''));
    if (!p || p.trashedAt) throw jiraError(404, [`The project with ID ${String(b.projectId)} does not exist.`]);
    const target = schemeOr404(ctx, b.targetSchemeId);
    const moves = ruled(() => switchScheme(ctx.tenant, p.id, target, { byIssueType: b.mappingsByIssueTypeOverride }));
    applyMoves(ctx, moves);
    return completedTask(ctx, `Switching project ${p.key} to workflow scheme ${target.name}`, { movedIssues: moves.length }) as never;
  },
} satisfies Handlers;
