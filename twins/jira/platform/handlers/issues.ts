// Issues: create (single and bulk) with per-project keys, read with fields/expand, edit via fields and update operations, assign, delete, changelog.
import { VendorError } from '../../../../src/core/errors.js';
import { ReplyCache } from '../../../../src/core/reply-cache.js';
import { rankLast } from '../model/rank.js';
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError, MSG, type ErrorCollection } from '../../errors.js';
import { expandSet, fieldSelector } from '../model/fields.js';
import { applyInput, editInput, projectOfInput, type EditInput } from '../model/issue-edit.js';
import { changeGroupJson, editMeta, issueJson } from '../present/issue.js';
import { viewOf } from '../present/site.js';
import { componentAssignee } from '../model/releases.js';
import {
  attachments, comments, deleteEach, dropHistory, historyOf, issueLinks, issues, nextId, projects, subtasksOf, workflowOf, worklogs,
  type ChangeGroupDoc, type IssueDoc,
} from '../../store.js';
import { availableTransitions, moveToStatus } from '../model/workflow.js';
import { addComments } from './comments.js';
import { emit, intParam, issueOr404, me, nowIso, pageBean, recordChange, refuseArchived, requirePermission, type Ctx } from './common.js';
import { hasPermission } from '../model/permissions.js';
import { defaultPriorityOf } from '../model/priority-schemes.js';

/** GET issue answers, kept until the site's next change (an issue is ~4–10 KB of JSON to present and serialize). */
const presentedIssues = new ReplyCache('jira getIssue');

const created = (ctx: Ctx, i: IssueDoc) => ({ id: i.id, key: i.key, self: `${ctx.baseUrl}/rest/api/3/issue/${i.id}` });

/** Creates one issue from an IssueUpdateDetails body; numbers are taken only once the input is valid. */
function createOne(ctx: Ctx, body: unknown): IssueDoc {
  const t = ctx.tenant;
  const input: EditInput = editInput(body);
  const project = projectOfInput(t, input.fields);
  // A project the caller cannot browse is answered like one that does not exist.
  if (!hasPermission(t, me(ctx), 'BROWSE_PROJECTS', project)) throw fieldErrors({ project: MSG.projectRequired });
  requirePermission(ctx, 'CREATE_ISSUES', project.id, MSG.noCreatePermission);
  const wf = workflowOf(t, project);
  const now = nowIso(ctx);
  const actor = me(ctx).accountId;
  const issue: IssueDoc = {
    id: '',
    key: '',
    projectId: project.id,
    issueTypeId: '',
    summary: '',
    description: null,
    environment: null,
    labels: [],
    assigneeId: project.assigneeType === 'PROJECT_LEAD' ? project.leadAccountId : null,
    reporterId: actor,
    creatorId: actor,
    priorityId: defaultPriorityOf(t, project.id),
    statusId: wf.initialStatusId,
    resolutionId: null,
    resolutionDate: null,
    dueDate: null,
    parentId: null,
    created: now,
    updated: now,
    statusCategoryChangeDate: now,
    watchers: [],
    voters: [],
    extra: {},
    componentIds: [],
    fixVersionIds: [],
    affectedVersionIds: [],
  };
  applyInput({ t, nowIso: now, actor }, issue, input, 'create');
  // The issue type picks the workflow (through the project's workflow scheme), and so the first status.
  issue.statusId = workflowOf(t, project, issue.issueTypeId).initialStatusId;
  // Without an explicit assignee, a component's assignee rule picks the default one.
  const fromComponents = 'assignee' in input.fields ? undefined : componentAssignee(t, project, issue.componentIds ?? []);
  if (fromComponents !== undefined) issue.assigneeId = fromComponents;
  const transitionId = (body as { transition?: { id?: unknown } } | undefined)?.transition?.id;
  const tr = transitionId === undefined ? undefined : availableTransitions(t, issue).find((x) => x.id === String(transitionId));
  if (transitionId !== undefined && !tr) throw jiraError(400, [MSG.transitionInvalid(String(transitionId))]);
  issue.id = nextId(t, 'issue');
  project.issueCounter += 1;
  projects(t).put(project);
  issue.key = `${project.key}-${project.issueCounter}`;
  // Jira's autowatch: the creator and the reporter watch new issues.
  issue.watchers = actor ? [actor] : [];
  if (issue.reporterId && issue.reporterId !== actor) issue.watchers.push(issue.reporterId);
  issue.rank = rankLast(t);
  issues(t).put(issue);
  if (tr) recordChange(ctx, issue, moveToStatus(t, issue, tr.to, undefined, now), { quiet: true });
  emit(ctx, { kind: 'issue', action: 'created', issue });
  return issue;
}

export const issueHandlers = {
  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post */
  createIssue: (ctx) => ({ status: 201, body: created(ctx, createOne(ctx, ctx.body)) }),

  /** Each element succeeds or fails alone; failures are reported by position. */
  createIssues: (ctx) => {
    const list = (ctx.body as { issueUpdates?: unknown[] }).issueUpdates ?? [];
    const ok: unknown[] = [];
    const errors: unknown[] = [];
    list.forEach((el, n) => {
      try {
        ok.push(created(ctx, createOne(ctx, el)));
      } catch (e) {
        if (!(e instanceof VendorError)) throw e;
        errors.push({ status: e.status, elementErrors: e.body as ErrorCollection, failedElementNumber: n });
      }
    });
    return { status: ok.length || !list.length ? 201 : 400, body: { issues: ok, errors } };
  },

  getIssue: (ctx) => {
    // Finding the issue, the caller's right to see it and its presentation read the site's state, the id or key
    // asked for, the caller (permissions, watching, voting), the base URL and the arguments, and nothing else: a
    // kept answer stands for all three. An issue not found (or not visible) throws and is not kept.
    const idOrKey = ctx.params.issueIdOrKey;
    const key = `${idOrKey} ${ctx.principal.subject} ${ctx.baseUrl} ${JSON.stringify(ctx.query)}`;
    return presentedIssues.reply(ctx.tenant, key, () => {
      const issue = issueOr404(ctx, idOrKey);
      return issueJson(viewOf(ctx), issue, { select: fieldSelector(ctx.query.fields, '*all'), expand: expandSet(ctx.query.expand) });
    });
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put */
  editIssue: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    requirePermission(ctx, 'EDIT_ISSUES', issue.projectId, MSG.noEditPermission);
    refuseArchived(ctx, issue);
    const now = nowIso(ctx);
    const { items, comments: added } = applyInput({ t: ctx.tenant, nowIso: now, actor: me(ctx).accountId }, issue, editInput(ctx.body), 'edit');
    addComments(ctx, issue, added);
    recordChange(ctx, issue, items);
    return { status: 204 };
  },

  /** Issues with sub-tasks are deleted only with `deleteSubtasks=true`. */
  deleteIssue: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    requirePermission(ctx, 'DELETE_ISSUES', issue.projectId, MSG.noDeletePermission);
    const subs = subtasksOf(ctx.tenant, issue.id);
    if (subs.length && String(ctx.query.deleteSubtasks) !== 'true') throw jiraError(400, [MSG.subtasksBlockDelete(issue.key)]);
    for (const i of [...subs, issue]) {
      // Announced while the issue still exists, so the payload carries its fields.
      emit(ctx, { kind: 'issue', action: 'deleted', issue: i });
      deleteEach(comments(ctx.tenant, i.id));
      deleteEach(worklogs(ctx.tenant, i.id));
      dropHistory(ctx.tenant, i.id);
      for (const a of attachments(ctx.tenant).filter((x) => x.issueId === i.id)) attachments(ctx.tenant).delete(a.id);
      for (const l of issueLinks(ctx.tenant).filter((x) => x.inwardIssueId === i.id || x.outwardIssueId === i.id)) issueLinks(ctx.tenant).delete(l.id);
      issues(ctx.tenant).delete(i.id);
    }
    return { status: 204 };
  },

  /** `accountId: null` unassigns; `"-1"` applies the project's default assignee. */
  assignIssue: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    requirePermission(ctx, 'ASSIGN_ISSUES', issue.projectId, MSG.noAssignPermission);
    refuseArchived(ctx, issue);
    const b = (ctx.body ?? {}) as { accountId?: unknown };
    const value = b.accountId === null || b.accountId === undefined ? null : { accountId: b.accountId };
    const { items } = applyInput({ t: ctx.tenant, nowIso: nowIso(ctx), actor: me(ctx).accountId }, issue, { fields: { assignee: value }, update: {} }, 'edit');
    recordChange(ctx, issue, items);
    return { status: 204 };
  },

  getChangeLogs: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const v = viewOf(ctx);
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 100, 1, 100);
    // Only the page's groups are presented (`values` keeps its place among the bean's keys).
    const page = pageBean(ctx, historyOf(ctx.tenant, issue.id), startAt, maxResults);
    page.values = (page.values as ChangeGroupDoc[]).map((g) => changeGroupJson(v, g));
    return { body: page };
  },

  getChangeLogsByIds: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const ids = ((ctx.body as { changelogIds?: unknown[] }).changelogIds ?? []).map(String);
    const v = viewOf(ctx);
    const histories = historyOf(ctx.tenant, issue.id).filter((g) => ids.includes(g.id)).map((g) => changeGroupJson(v, g));
    return { body: { startAt: 0, maxResults: histories.length, total: histories.length, histories } };
  },

  getEditIssueMeta: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    return { body: editMeta(viewOf(ctx), issue.projectId) };
  },
} satisfies Handlers;
