// What the workflow editor asks of the site: validating create and update requests without saving, the rules a workflow may use, the default editor, and a workflow's version history.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { findProject, workflowOf, workflows, type WorkflowDoc } from '../../store.js';
import { WorkflowInputError } from '../model/workflow-defs.js';
import { versionsOf } from '../model/workflow-history.js';
import { SYSTEM_RULES } from '../model/workflow-rules.js';
import { jiraWorkflowJson, workflowStatusesJson } from '../present/workflows.js';
import { objectBody, requirePermission, type Ctx } from './common.js';
import { planCreate, planUpdate } from './workflows.js';

/**
 * Runs a request's checks without saving and lists what is wrong as WorkflowValidationError beans. Every problem the
 * twin finds is an ERROR, so asking only for WARNING level lists nothing.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflows-create-validation-post
 */
function validation(ctx: Ctx, plan: (payload: any) => unknown) {
  const b = objectBody(ctx) as { payload?: unknown; validationOptions?: { levels?: unknown[] } };
  if (!b.payload || typeof b.payload !== 'object') throw jiraError(400, ['The payload must be specified.']);
  const levels = (b.validationOptions?.levels ?? ['ERROR', 'WARNING']).map(String);
  try {
    plan(b.payload);
    return { body: { errors: [] } };
  } catch (e) {
    if (!(e instanceof WorkflowInputError)) throw e;
    const errors = levels.includes('ERROR') ? [{ level: 'ERROR', type: e.type, message: e.message, elementReference: e.elementReference }] : [];
    return { body: { errors } };
  }
}

function workflowOr404(ctx: Ctx, id: unknown) {
  const wf = workflows(ctx.tenant).get(String(id ?? ''));
  if (!wf) throw jiraError(404, [`Workflow with ID ${String(id)} not found.`]);
  return wf;
}

export const workflowEditorHandlers = {
  validateCreateWorkflows: (ctx) => validation(ctx, (p) => planCreate(ctx, p, true)),
  validateUpdateWorkflows: (ctx) => validation(ctx, (p) => planUpdate(ctx, p, true)),

  /**
   * The rules available to a workflow (by id, or the one a project's issue type follows): the system rules the twin
   * enforces; no Connect, Forge or trigger rules are installed.
   */
  workflowCapabilities: (ctx) => {
    if (ctx.query.workflowId !== undefined) workflowOr404(ctx, ctx.query.workflowId);
    else if (ctx.query.projectId !== undefined) {
      const p = findProject(ctx.tenant, String(ctx.query.projectId));
      if (!p || p.trashedAt) throw jiraError(404, [`The project with ID ${String(ctx.query.projectId)} does not exist.`]);
      workflowOf(ctx.tenant, p, ctx.query.issueTypeId === undefined ? undefined : String(ctx.query.issueTypeId));
    }
    return {
      body: {
        connectRules: [],
        editorScope: 'GLOBAL',
        forgeRules: [],
        projectTypes: ['software', 'service_desk', 'business'],
        systemRules: SYSTEM_RULES.map((r) => ({ ...r, incompatibleRuleKeys: [], isVisible: true })),
        triggerRules: [],
      } as never,
    };
  },

  /**
   * The workflows a project's issue types follow (narrowed by issue types, workflow ids or names), each with the
   * issue types it was found for. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflows-preview-post
   */
  readWorkflowPreviews: (ctx) => {
    const b = objectBody(ctx) as { projectId?: unknown; issueTypeIds?: unknown[]; workflowIds?: unknown[]; workflowNames?: unknown[] };
    const p = findProject(ctx.tenant, String(b.projectId ?? ''));
    if (!p || p.trashedAt) throw jiraError(404, [`The project with ID ${String(b.projectId)} does not exist.`]);
    requirePermission(ctx, 'ADMINISTER_PROJECTS', p.id, 'You do not have the permission to view workflows of this project.');
    const wanted = new Set((b.issueTypeIds ?? []).map(String));
    const ids = new Set((b.workflowIds ?? []).map(String));
    const names = new Set((b.workflowNames ?? []).map(String));
    const found = new Map<string, { wf: WorkflowDoc; types: string[] }>();
    for (const type of p.issueTypeIds.filter((x) => !wanted.size || wanted.has(x))) {
      const wf = workflowOf(ctx.tenant, p, type);
      if ((ids.size || names.size) && !ids.has(wf.id) && !names.has(wf.name)) continue;
      found.set(wf.id, { wf, types: [...(found.get(wf.id)?.types ?? []), type] });
    }
    const list = [...found.values()];
    return {
      body: {
        statuses: workflowStatusesJson(ctx.tenant, list.map((x) => x.wf)),
        workflows: list.map(({ wf, types }) => ({ ...jiraWorkflowJson(wf), queryContext: [{ project: p.id, issueTypes: types }] })),
      } as never,
    };
  },

  /** Company-managed workflows open in the new editor. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflows-defaulteditor-get */
  getDefaultEditor: () => ({ body: { value: 'NEW' } }),

  /** Every version of a workflow, oldest first. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflow-history-list-post */
  listWorkflowHistory: (ctx) => {
    const id = String(objectBody(ctx).workflowId ?? '');
    const all = versionsOf(ctx.tenant, id);
    if (!all) throw jiraError(404, [`Workflow with ID ${id} not found.`]);
    return { body: { entries: all.map((v) => ({ workflowId: id, workflowVersion: v.doc.versionNumber ?? 1, writtenAt: v.writtenAt, isIntermediate: false })) } };
  },

  /** One version as it was, with the statuses it used. */
  readWorkflowFromHistory: (ctx) => {
    const b = objectBody(ctx);
    const id = String(b.workflowId ?? '');
    const all = versionsOf(ctx.tenant, id);
    if (!all) throw jiraError(404, [`Workflow with ID ${id} not found.`]);
    const v = all.find((x) => (x.doc.versionNumber ?? 1) === Number(b.version));
    if (!v) throw jiraError(404, [`Version ${String(b.version)} of workflow ${id} not found.`]);
    return { body: { statuses: workflowStatusesJson(ctx.tenant, [v.doc]), workflows: [jiraWorkflowJson(v.doc)] } as never };
  },
} satisfies Handlers;
