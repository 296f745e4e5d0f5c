// Bulk issue operations (delete, edit, transition, watch, unwatch) run issue by issue through the single-issue rules, reported as a task whose progress callers poll.
import type { Handlers } from '../../generated/operations.js';
import { VendorError } from '../../../../src/core/errors.js';
import { jiraError } from '../../errors.js';
import { findIssue, priorities, projects, statuses, type IssueDoc } from '../../store.js';
import { canSeeIssue, hasPermission } from '../model/permissions.js';
import { availableTransitions } from '../model/workflow.js';
import { bulkTasks, type BulkTaskDoc } from '../model/bulk-tasks.js';
import { userDetails, viewOf } from '../present/site.js';
import { issueHandlers } from './issues.js';
import { socialHandlers } from './social.js';
import { transitionHandlers } from './transitions.js';
import { listParam, me, nextIdOf, nowIso, objectBody, type Ctx } from './common.js';

/** Jira accepts at most 1000 issues per bulk operation. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-bulk-operations/ */
const MAX_ISSUES = 1000;

/** The issues named, split into those the caller can see and a count of the rest (unknown or hidden). */
function selected(ctx: Ctx, raw: unknown): { found: IssueDoc[]; invalid: number } {
  const refs = Array.isArray(raw) ? raw.map(String) : listParam(raw);
  if (!refs.length) throw jiraError(400, ['No issues were selected.']);
  if (refs.length > MAX_ISSUES) throw jiraError(400, [`You can select at most ${MAX_ISSUES} issues.`]);
  const u = me(ctx);
  const found: IssueDoc[] = [];
  let invalid = 0;
  for (const ref of refs) {
    const i = findIssue(ctx.tenant, ref);
    if (i && canSeeIssue(ctx.tenant, u, i) && !found.includes(i)) found.push(i);
    else if (!i || !canSeeIssue(ctx.tenant, u, i)) invalid += 1;
  }
  return { found, invalid };
}

/** One single-issue operation on behalf of the bulk run: its Jira error messages become the issue's failure. */
function attempt(run: () => unknown): string[] | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    if (!(e instanceof VendorError)) throw e;
    const body = e.body as { errorMessages?: string[]; errors?: Record<string, string> } | string;
    if (typeof body === 'string') return [body];
    return [...(body.errorMessages ?? []), ...Object.values(body.errors ?? {})];
  }
}

/**
 * Runs `each` over the issues and records the task. Jira queues the work and reports it through
 * `/bulk/queue/{taskId}`; here the work is done by the time the task is answered, so it is COMPLETE.
 */
function runBulk(ctx: Ctx, issues: IssueDoc[], invalid: number, each: (i: IssueDoc) => string[] | undefined) {
  const at = nowIso(ctx);
  const task: BulkTaskDoc = {
    id: nextIdOf(ctx, 'bulktask'), submittedBy: me(ctx).accountId, created: at, started: at, updated: at, status: 'COMPLETE',
    totalIssueCount: issues.length + invalid, processedAccessibleIssues: [], failedAccessibleIssues: {}, invalidOrInaccessibleIssueCount: invalid,
  };
  for (const i of issues) {
    const failed = each(i);
    if (failed) task.failedAccessibleIssues[i.id] = failed;
    else task.processedAccessibleIssues.push(Number(i.id));
  }
  bulkTasks(ctx.tenant).put(task);
  return { status: 201, body: { taskId: task.id } };
}

const on = (ctx: Ctx, i: IssueDoc, extra: Partial<Ctx>) => ({ ...ctx, params: { issueIdOrKey: i.id }, query: {}, ...extra }) as Ctx;

/** `editedFieldsInput` (JiraIssueFields) as a platform edit: priority, labels (add, remove, replace, remove all) and due date. */
function editBody(input: Record<string, unknown>, actions: string[]) {
  const fields: Record<string, unknown> = {};
  const update: Record<string, unknown[]> = {};
  const priority = input.priority as { priorityId?: string } | undefined;
  if (actions.includes('priority') && priority?.priorityId) fields.priority = { id: priority.priorityId };
  for (const l of (input.labelsFields ?? []) as Array<{ fieldId?: string; labels?: Array<{ name?: string }>; bulkEditMultiSelectFieldOption?: string }>) {
    if (l.fieldId !== 'labels' || !actions.includes('labels')) continue;
    const names = (l.labels ?? []).map((x) => String(x.name));
    const mode = l.bulkEditMultiSelectFieldOption ?? 'ADD';
    if (mode === 'REPLACE') fields.labels = names;
    else if (mode === 'REMOVE_ALL') fields.labels = [];
    else update.labels = names.map((n) => (mode === 'REMOVE' ? { remove: n } : { add: n }));
  }
  for (const d of (input.datePickerFields ?? []) as Array<{ fieldId?: string; date?: { formattedDate?: string } }>) {
    if (d.fieldId === 'duedate' && actions.includes('duedate')) fields.duedate = d.date?.formattedDate ?? null;
  }
  return { fields, update };
}

/** The fields this bulk edit can change, each as Jira's IssueBulkEditField. */
function editableFields(ctx: Ctx) {
  return [
    { id: 'duedate', name: 'Due date', type: 'duedate', isRequired: false },
    { id: 'labels', name: 'Labels', type: 'labels', isRequired: false, multiSelectFieldOptions: ['ADD', 'REMOVE', 'REPLACE', 'REMOVE_ALL'] },
    { id: 'priority', name: 'Priority', type: 'priority', isRequired: false, fieldOptions: priorities(ctx.tenant).values().map((p) => ({ id: p.id, priority: p.name })) },
  ];
}

export const bulkIssueHandlers = {
  submitBulkDelete: (ctx) => {
    const { found, invalid } = selected(ctx, objectBody(ctx).selectedIssueIdsOrKeys);
    return runBulk(ctx, found, invalid, (i) => attempt(() => issueHandlers.deleteIssue(on(ctx, i, { query: { deleteSubtasks: 'true' } }))));
  },
  submitBulkWatch: (ctx) => {
    const { found, invalid } = selected(ctx, objectBody(ctx).selectedIssueIdsOrKeys);
    return runBulk(ctx, found, invalid, (i) => attempt(() => socialHandlers.addWatcher(on(ctx, i, { body: me(ctx).accountId }))));
  },
  submitBulkUnwatch: (ctx) => {
    const { found, invalid } = selected(ctx, objectBody(ctx).selectedIssueIdsOrKeys);
    return runBulk(ctx, found, invalid, (i) => attempt(() => socialHandlers.removeWatcher(on(ctx, i, { query: { accountId: me(ctx).accountId } }))));
  },
  submitBulkEdit: (ctx) => {
    const b = objectBody(ctx);
    const actions = listParam(b.selectedActions);
    const supported = new Set(editableFields(ctx).map((f) => f.id));
    const unsupported = actions.find((a) => !supported.has(a));
    if (!actions.length) throw jiraError(400, ['selectedActions: select at least one field to edit.']);
    if (unsupported) throw jiraError(400, [`The field '${unsupported}' cannot be edited in bulk.`]);
    const { found, invalid } = selected(ctx, b.selectedIssueIdsOrKeys);
    const body = editBody((b.editedFieldsInput ?? {}) as Record<string, unknown>, actions);
    return runBulk(ctx, found, invalid, (i) => attempt(() => issueHandlers.editIssue(on(ctx, i, { body }))));
  },
  submitBulkTransition: (ctx) => {
    const inputs = (objectBody(ctx).bulkTransitionInputs ?? []) as Array<{ selectedIssueIdsOrKeys?: unknown; transitionId?: unknown }>;
    if (!Array.isArray(inputs) || !inputs.length) throw jiraError(400, ['bulkTransitionInputs: at least one transition is required.']);
    const groups = inputs.map((x) => ({ ...selected(ctx, x.selectedIssueIdsOrKeys), transitionId: String(x.transitionId ?? '') }));
    const byIssue = new Map(groups.flatMap((g) => g.found.map((i) => [i.id, g.transitionId] as const)));
    const all = groups.flatMap((g) => g.found);
    return runBulk(ctx, all, groups.reduce((n, g) => n + g.invalid, 0), (i) =>
      attempt(() => transitionHandlers.doTransition(on(ctx, i, { body: { transition: { id: byIssue.get(i.id) } } }))),
    );
  },

  /** A finished task's report; unknown ids (or another user's tasks) are not found. */
  getBulkOperationProgress: (ctx) => {
    const task = bulkTasks(ctx.tenant).get(String(ctx.params.taskId));
    if (!task) throw jiraError(404, ['The bulk operation task does not exist.']);
    const v = viewOf(ctx);
    const submitter = me(ctx).accountId === task.submittedBy ? me(ctx) : undefined;
    return {
      body: {
        taskId: task.id, status: task.status, progressPercent: task.status === 'COMPLETE' ? 100 : 0, created: task.created, started: task.started, updated: task.updated,
        totalIssueCount: task.totalIssueCount, processedAccessibleIssues: task.processedAccessibleIssues, failedAccessibleIssues: task.failedAccessibleIssues,
        invalidOrInaccessibleIssueCount: task.invalidOrInaccessibleIssueCount, ...(submitter ? { submittedBy: userDetails(v, submitter) } : {}),
      },
    };
  },

  getBulkEditableFields: (ctx) => {
    selected(ctx, ctx.query.issueIdsOrKeys);
    const q = String(ctx.query.searchText ?? '').toLowerCase();
    return { body: { fields: editableFields(ctx).filter((f) => !q || f.name.toLowerCase().includes(q)) } };
  },

  /** The transitions the caller may take, grouped by the issues' workflows. */
  getAvailableTransitions: (ctx) => {
    const { found } = selected(ctx, ctx.query.issueIdsOrKeys);
    const u = me(ctx);
    const groups = new Map<string, { issues: string[]; transitions: Array<{ transitionId: number; transitionName: string; to: { statusId: number; statusName: string } }> }>();
    for (const i of found) {
      const p = projects(ctx.tenant).get(i.projectId);
      const list = p && hasPermission(ctx.tenant, u, 'TRANSITION_ISSUES', p) ? availableTransitions(ctx.tenant, i, u) : [];
      const transitions = list.map((tr) => ({ transitionId: Number(tr.id), transitionName: tr.name, to: { statusId: Number(tr.to), statusName: statuses(ctx.tenant).get(tr.to)?.name ?? '' } }));
      const key = JSON.stringify(transitions);
      const g = groups.get(key) ?? { issues: [], transitions };
      g.issues.push(i.key);
      groups.set(key, g);
    }
    return { body: { availableTransitions: [...groups.values()].map((g) => ({ ...g, isTransitionsFiltered: false })) } };
  },
} satisfies Handlers;
