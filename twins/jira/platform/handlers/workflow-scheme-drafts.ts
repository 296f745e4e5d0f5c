// Workflow scheme drafts: copy an active scheme, change its default and issue-type mappings, then publish it (issues whose status the new workflows lack move by the status mappings) or throw it away.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { workflowSchemes, type WorkflowSchemeDoc } from '../../store.js';
import { changeDraft, createDraft, publishDraft, requireIssueType, requireWorkflow, SYSTEM_WORKFLOW, withoutWorkflow, withWorkflowMapping, workflowNameFor, type Mappings, type StatusMapping } from '../model/workflow-schemes.js';
import { viewOf } from '../present/site.js';
import { workflowSchemeDraftJson } from '../present/workflows.js';
import { completedTask, me, nowIso, objectBody, requireSiteAdmin, type Ctx } from './common.js';
import { applyMoves } from './workflow-scheme-updates.js';
import { ruled, workflowMappingOut } from './workflow-schemes.js';

const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'You do not have the permission to manage workflow schemes.');

function schemeOr404(ctx: Ctx): WorkflowSchemeDoc {
  const s = workflowSchemes(ctx.tenant).get(String(ctx.params.id));
  if (!s) throw jiraError(404, [`The workflow scheme with ID ${String(ctx.params.id)} does not exist.`]);
  return s;
}

/** The scheme and its draft; 404 for either missing ("Returned if … the workflow scheme or its draft is not found"). */
function withDraft(ctx: Ctx): WorkflowSchemeDoc & { draft: NonNullable<WorkflowSchemeDoc['draft']> } {
  requireAdmin(ctx);
  const s = schemeOr404(ctx);
  if (!s.draft) throw jiraError(404, [`The workflow scheme with ID ${s.id} has no draft.`]);
  return s as WorkflowSchemeDoc & { draft: NonNullable<WorkflowSchemeDoc['draft']> };
}

/** A change to the draft, answered with the draft. */
function draftChanged(ctx: Ctx, change: (m: Mappings) => Mappings) {
  const s = withDraft(ctx);
  const next = ruled(() => changeDraft(ctx.tenant, s, change, me(ctx).accountId, nowIso(ctx)));
  return { body: workflowSchemeDraftJson(viewOf(ctx), next) as never };
}

export const workflowSchemeDraftHandlers = {
  /** 201 with the draft; only an active scheme has one, and only one. */
  createWorkflowSchemeDraftFromParent: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx);
    const made = ruled(() => createDraft(ctx.tenant, s, me(ctx).accountId, nowIso(ctx)));
    return { status: 201, body: workflowSchemeDraftJson(viewOf(ctx), made) as never };
  },
  getWorkflowSchemeDraft: (ctx) => ({ body: workflowSchemeDraftJson(viewOf(ctx), withDraft(ctx)) as never }),
  /** The draft's mappings (name and description belong to the scheme). */
  updateWorkflowSchemeDraft: (ctx) => {
    const b = objectBody(ctx);
    return draftChanged(ctx, (m) => {
      const defaultWorkflow = b.defaultWorkflow === undefined ? m.defaultWorkflow : requireWorkflow(ctx.tenant, b.defaultWorkflow, 'defaultWorkflow');
      if (b.issueTypeMappings === undefined) return { defaultWorkflow, issueTypeMappings: m.issueTypeMappings };
      const raw = b.issueTypeMappings && typeof b.issueTypeMappings === 'object' ? (b.issueTypeMappings as Record<string, unknown>) : {};
      const issueTypeMappings: Record<string, string> = {};
      for (const [type, wf] of Object.entries(raw)) issueTypeMappings[requireIssueType(ctx.tenant, type)] = requireWorkflow(ctx.tenant, wf, 'issueTypeMappings');
      return { defaultWorkflow, issueTypeMappings };
    });
  },
  deleteWorkflowSchemeDraft: (ctx) => {
    const s = withDraft(ctx);
    const { draft: _draft, ...rest } = s;
    workflowSchemes(ctx.tenant).put(rest);
    return { status: 204 };
  },

  getDraftDefaultWorkflow: (ctx) => ({ body: { workflow: withDraft(ctx).draft.defaultWorkflow } }),
  updateDraftDefaultWorkflow: (ctx) => {
    const b = objectBody(ctx);
    return draftChanged(ctx, (m) => ({ ...m, defaultWorkflow: requireWorkflow(ctx.tenant, b.workflow) }));
  },
  deleteDraftDefaultWorkflow: (ctx) => draftChanged(ctx, (m) => ({ ...m, defaultWorkflow: SYSTEM_WORKFLOW })),

  getWorkflowSchemeDraftIssueType: (ctx) => {
    const s = withDraft(ctx);
    ruled(() => requireIssueType(ctx.tenant, ctx.params.issueType));
    return { body: { issueType: ctx.params.issueType, workflow: workflowNameFor(s.draft, ctx.params.issueType) } };
  },
  setWorkflowSchemeDraftIssueType: (ctx) => {
    const b = objectBody(ctx);
    return draftChanged(ctx, (m) => ({ ...m, issueTypeMappings: { ...m.issueTypeMappings, [requireIssueType(ctx.tenant, ctx.params.issueType)]: requireWorkflow(ctx.tenant, b.workflow) } }));
  },
  deleteWorkflowSchemeDraftIssueType: (ctx) =>
    draftChanged(ctx, (m) => {
      const { [ctx.params.issueType]: _gone, ...rest } = m.issueTypeMappings;
      return { ...m, issueTypeMappings: rest };
    }),

  getDraftWorkflow: (ctx) => ({ body: workflowMappingOut(ctx, withDraft(ctx).draft) as never }),
  updateDraftWorkflowMapping: (ctx) => {
    const b = objectBody(ctx) as { workflow?: unknown; issueTypes?: unknown[]; defaultMapping?: boolean };
    return draftChanged(ctx, (m) => withWorkflowMapping(ctx.tenant, m, String(ctx.query.workflowName ?? b.workflow ?? ''), b.issueTypes, b.defaultMapping));
  },
  deleteDraftWorkflowMapping: (ctx) => {
    draftChanged(ctx, (m) => withoutWorkflow(m, String(ctx.query.workflowName ?? '')));
    return { status: 200 };
  },

  /**
   * `validateOnly` answers 204 when the mappings would do; otherwise the issues move (each move is on its history)
   * and the answer is the finished task (303). Missing mappings are a 400 listing what is needed.
   */
  publishDraftWorkflowScheme: (ctx) => {
    const s = withDraft(ctx);
    const b = (ctx.body && typeof ctx.body === 'object' ? ctx.body : {}) as { statusMappings?: StatusMapping[] };
    const validateOnly = String(ctx.query.validateOnly) === 'true';
    const out = ruled(() => publishDraft(ctx.tenant, s, Array.isArray(b.statusMappings) ? b.statusMappings : [], { validateOnly, now: nowIso(ctx) }));
    if (validateOnly) return { status: 204 };
    applyMoves(ctx, out.moves);
    return completedTask(ctx, `Publishing the draft of workflow scheme ${s.name}`, { movedIssues: out.moves.length }) as never;
  },
} satisfies Handlers;
