// Issue and project archiving: archived issues stay readable by key but are read-only and left out of JQL results.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { findIssue, findProject, issues, issueTypes, projects, subtasksOf, type IssueDoc } from '../../store.js';
import { JqlError } from '../model/jql/lexer.js';
import { queryIssues } from '../model/jql/search.js';
import { me, nowIso, objectBody, recordTask, requireSiteAdmin, type Ctx } from './common.js';

const NOT_ADMIN = 'You must be a Jira administrator to archive or restore issues.';
/** The sync operations take at most 1000 issues (412 beyond that). */
const MAX_ISSUES = 1000;

type ErrorKey = 'issueIsSubtask' | 'issuesInArchivedProjects' | 'issuesNotFound';
// Messages as in the reference's IssueArchivalSync example.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-archive-put
const MESSAGES: Record<ErrorKey, string> = {
  issueIsSubtask: 'Issue is subtask.',
  issuesInArchivedProjects: 'Issue exists in archived project.',
  issuesNotFound: 'Issue not found.',
};

const isSubtask = (ctx: Ctx, i: IssueDoc) => !!issueTypes(ctx.tenant).get(i.issueTypeId)?.subtask;

function idsOrKeys(ctx: Ctx): string[] {
  const list = objectBody(ctx).issueIdsOrKeys;
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' || typeof x === 'number')) throw jiraError(400, ['issueIdsOrKeys must be a list of issue ids or keys.']);
  if (list.length > MAX_ISSUES) throw jiraError(412, [`The number of issues exceeds the limit of ${MAX_ISSUES}.`]);
  return list.map(String);
}

/**
 * Applies `change` to each named issue that qualifies, and sorts the rest into the reference's error buckets:
 * subtasks follow their parent and are refused alone; issues of archived projects follow their project.
 */
function archival(ctx: Ctx, refs: string[], change: (i: IssueDoc) => boolean) {
  const errors: Partial<Record<ErrorKey, { count: number; issueIdsOrKeys: string[]; message: string }>> = {};
  const fail = (key: ErrorKey, ref: string) => {
    const e = (errors[key] ??= { count: 0, issueIdsOrKeys: [], message: MESSAGES[key] });
    e.count++;
    e.issueIdsOrKeys.push(ref);
  };
  let updated = 0;
  for (const ref of new Set(refs)) {
    const issue = findIssue(ctx.tenant, ref);
    if (!issue) fail('issuesNotFound', ref);
    else if (isSubtask(ctx, issue)) fail('issueIsSubtask', ref);
    else if (projects(ctx.tenant).get(issue.projectId)?.archivedAt) fail('issuesInArchivedProjects', ref);
    else if (change(issue)) updated++;
  }
  return { errors, numberOfIssuesUpdated: updated };
}

/** Marks an issue and its subtasks archived; false when it already was. */
function archive(ctx: Ctx, issue: IssueDoc): boolean {
  if (issue.archivedAt) return false;
  const at = nowIso(ctx);
  const by = me(ctx).accountId;
  for (const i of [issue, ...subtasksOf(ctx.tenant, issue.id)]) issues(ctx.tenant).patch(i.id, { archivedAt: at, archivedBy: by });
  return true;
}

function restore(ctx: Ctx, issue: IssueDoc): boolean {
  if (!issue.archivedAt) return false;
  for (const i of [issue, ...subtasksOf(ctx.tenant, issue.id)]) {
    delete i.archivedAt;
    delete i.archivedBy;
    issues(ctx.tenant).put(i);
  }
  return true;
}

const strings = (v: unknown, field: string): string[] | undefined => {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw jiraError(400, [`${field} must be a list of strings.`]);
  return v;
};

/** The archived issues an export request selects: every filter given must match (projects by key or id). */
function exportSelection(ctx: Ctx, b: Record<string, unknown>): IssueDoc[] {
  const by = strings(b.archivedBy, 'archivedBy');
  const types = strings(b.issueTypes, 'issueTypes');
  const keys = strings(b.projects, 'projects')?.map((k) => k.toUpperCase());
  const reporters = strings(b.reporters, 'reporters');
  const range = b.archivedDateRange as { dateAfter?: unknown; dateBefore?: unknown } | undefined;
  const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  if (range !== undefined && (typeof range !== 'object' || !day(range?.dateAfter) || !day(range?.dateBefore))) throw jiraError(400, ['archivedDateRange needs dateAfter and dateBefore as yyyy-MM-dd.']);
  return issues(ctx.tenant).filter((i) => {
    if (!i.archivedAt) return false;
    const p = projects(ctx.tenant).get(i.projectId);
    if (!p || p.trashedAt) return false;
    const on = i.archivedAt.slice(0, 10);
    return (!by || by.includes(i.archivedBy ?? '')) && (!types || types.includes(i.issueTypeId)) && (!reporters || reporters.includes(i.reporterId ?? ''))
      && (!keys || keys.includes(p.key) || keys.includes(p.id)) && (!range || (on >= String(range.dateAfter) && on <= String(range.dateBefore)));
  });
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const archivingHandlers = {
  /**
   * Exports the archived issues the filters select as CSV. Jira mails a link to the file; here the finished task
   * (GET /rest/api/3/task/{taskId}) carries the CSV as its result. 202 with ExportArchivedIssuesTaskProgress.
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issues-archive-export-put
   */
  exportArchivedIssues: (ctx) => {
    requireSiteAdmin(ctx, NOT_ADMIN);
    const b = ctx.body === undefined || ctx.body === null ? {} : objectBody(ctx);
    const rows = exportSelection(ctx, b).map((i) => [i.key, i.summary, projects(ctx.tenant).get(i.projectId)!.key, i.archivedBy ?? '', i.archivedAt ?? ''].map(csvCell).join(','));
    const csv = ['Issue key,Summary,Project key,Archived by,Archived date', ...rows].join('\n');
    const task = recordTask(ctx, 'Exporting archived issues', csv);
    const payload = JSON.stringify(b);
    return { status: 202, body: { taskId: String(task.id), status: 'COMPLETE', progress: 100, submittedTime: nowIso(ctx), payload } as never };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-archive-put */
  archiveIssues: (ctx) => {
    requireSiteAdmin(ctx, NOT_ADMIN);
    return { status: 200, body: archival(ctx, idsOrKeys(ctx), (i) => archive(ctx, i)) as never };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-unarchive-put */
  unarchiveIssues: (ctx) => {
    requireSiteAdmin(ctx, NOT_ADMIN);
    return { status: 200, body: archival(ctx, idsOrKeys(ctx), (i) => restore(ctx, i)) as never };
  },

  /**
   * Archives the issues a JQL query matches; 202 with the URL of the task that reports the result.
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-archive-post
   */
  archiveIssuesAsync: (ctx) => {
    requireSiteAdmin(ctx, NOT_ADMIN);
    const jql = objectBody(ctx).jql;
    if (typeof jql !== 'string' || !jql.trim()) throw jiraError(400, ['A JQL query is required.']);
    let matched: IssueDoc[];
    try {
      matched = queryIssues(ctx.tenant, me(ctx).accountId, ctx.now(), jql);
    } catch (e) {
      if (e instanceof JqlError) throw jiraError(400, e.messages);
      throw e;
    }
    const result = archival(ctx, matched.map((i) => i.key), (i) => archive(ctx, i));
    const task = recordTask(ctx, 'Archiving issues', JSON.stringify(result));
    return { status: 202, body: String(task.self) as never };
  },

  /**
   * Archived projects are read-only, hidden from project search, and their issues leave JQL results; 204.
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-archive-post
   */
  archiveProject: (ctx) => {
    requireSiteAdmin(ctx, 'You must have global administrator rights to archive a project.');
    const p = findProject(ctx.tenant, ctx.params.projectIdOrKey);
    if (!p) throw jiraError(404, [`No project could be found with key '${String(ctx.params.projectIdOrKey)}'.`]);
    if (p.archivedAt) throw jiraError(400, [`The project '${p.key}' is already archived.`]);
    projects(ctx.tenant).patch(p.id, { archivedAt: nowIso(ctx), archivedBy: me(ctx).accountId });
    return { status: 204 };
  },
} satisfies Handlers;
