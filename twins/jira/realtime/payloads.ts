// Jira's webhook bodies: the event name a site event becomes, and the payload shape of each event family (issue, comment, worklog, issue link, sprint, board, project, version).
import type { Tenant } from '../../../src/core/tenant.js';
import { issueLinkTypes, projects, type IssueDoc } from '../store.js';
import type { SiteEvent } from '../platform/model/events.js';
import { changeGroupJson, issueJson } from '../platform/present/issue.js';
import { commentJson, issueTypeRef, priorityRef, projectRef, statusRef, userRef, worklogJson, type View } from '../platform/present/site.js';
import { versionJson } from '../platform/present/releases.js';
import { boardJson, sprintJson } from '../agile/present/agile.js';

/** The `webhookEvent` a site event is delivered as. https://developer.atlassian.com/cloud/jira/platform/webhooks/#available-webhook-events */
export function eventName(e: SiteEvent): string {
  switch (e.kind) {
    case 'issue': return `jira:issue_${e.action}`;
    case 'version': return `jira:version_${e.action}`;
    default: return `${e.kind}_${e.action}`;
  }
}

/** The issue an event is about, for JQL filters (`issue-related-events-section`); links have none. */
export function issueOf(e: SiteEvent): IssueDoc | undefined {
  return e.kind === 'issue' || e.kind === 'comment' || e.kind === 'worklog' ? e.issue : undefined;
}

/** The short issue of comment and worklog events: id, self, key and the main navigable fields. */
function issueSummary(v: View, i: IssueDoc) {
  const p = projects(v.t).get(i.projectId);
  return {
    id: i.id,
    self: `${v.base}/rest/api/3/issue/${i.id}`,
    key: i.key,
    fields: {
      summary: i.summary,
      issuetype: issueTypeRef(v, i.issueTypeId),
      ...(p ? { project: projectRef(v, p) } : {}),
      assignee: userRef(v, i.assigneeId),
      priority: priorityRef(v, i.priorityId),
      status: statusRef(v, i.statusId),
    },
  };
}

/** `issue_event_type_name` of jira:issue_* events (Jira's event types: issue_created, issue_generic, issue_assigned, issue_commented, …). */
function issueEventType(e: Extract<SiteEvent, { kind: 'issue' }>): string {
  if (e.typeName) return e.typeName;
  if (e.action !== 'updated') return `issue_${e.action}`;
  const fields = e.changelog?.items.map((i) => i.fieldId) ?? [];
  if (fields.length === 1 && fields[0] === 'assignee') return 'issue_assigned';
  return fields.includes('status') || fields.includes('resolution') ? 'issue_generic' : 'issue_updated';
}

/** The body of one webhook request, minus `matchedWebhookIds` (added per dynamic webhook). */
export function payload(t: Tenant, e: SiteEvent, timestamp: number): Record<string, unknown> {
  const v: View = { t, base: e.baseUrl, me: e.actorId };
  const head = { timestamp, webhookEvent: eventName(e) };
  const actor = userRef(v, e.actorId);
  switch (e.kind) {
    case 'issue': {
      const out: Record<string, unknown> = {
        ...head,
        issue_event_type_name: issueEventType(e),
        ...(actor ? { user: actor } : {}),
        issue: issueJson(v, e.issue, { select: (id) => id !== 'comment' && id !== 'worklog', expand: new Set() }),
      };
      if (e.changelog) out.changelog = { id: e.changelog.id, items: changeGroupJson(v, e.changelog).items };
      if (e.comment) out.comment = commentJson(v, e.comment, new Set());
      return out;
    }
    case 'comment':
      return { ...head, comment: commentJson(v, e.comment, new Set()), issue: issueSummary(v, e.issue) };
    case 'worklog':
      return { ...head, worklog: worklogJson(v, e.worklog) };
    case 'issuelink': {
      const type = issueLinkTypes(t).get(e.link.typeId);
      return {
        ...head,
        issueLink: {
          id: Number(e.link.id),
          sourceIssueId: Number(e.link.outwardIssueId),
          destinationIssueId: Number(e.link.inwardIssueId),
          issueLinkType: type
            ? { id: Number(type.id), name: type.name, outwardName: type.outward, inwardName: type.inward, isSubTaskLinkType: false, isSystemLinkType: false }
            : null,
          sequence: 0,
          systemLink: false,
        },
      };
    }
    case 'sprint':
      return { ...head, sprint: sprintJson(v, e.sprint), ...(e.old ? { oldValue: sprintJson(v, e.old) } : {}) };
    case 'board':
      return { ...head, board: boardJson(v, e.board) };
    case 'project': {
      const lead = userRef(v, e.project.leadAccountId);
      const { simplified: _s, projectTypeKey: _k, ...ref } = projectRef(v, e.project);
      return { ...head, project: { ...ref, id: Number(e.project.id), ...(lead ? { projectLead: lead } : {}), assigneeType: e.project.assigneeType } };
    }
    case 'version':
      return { ...head, version: versionJson(v, e.version, new Date(timestamp)) };
  }
}

/** Admin webhook URLs may name values of the event: `${issue.key}`, `${project.id}`, `${sprint.id}`, … (Webhooks guide, "Variable substitution in the webhook URL"). */
export function substituteUrl(url: string, t: Tenant, e: SiteEvent): string {
  const issue = issueOf(e);
  const project = issue ? projects(t).get(issue.projectId) : e.kind === 'project' ? e.project : undefined;
  const vars: Record<string, string | undefined> = {
    'issue.id': issue?.id,
    'issue.key': issue?.key,
    'project.id': project?.id,
    'project.key': project?.key,
    'comment.id': e.kind === 'comment' ? e.comment.id : undefined,
    'worklog.id': e.kind === 'worklog' ? e.worklog.id : undefined,
    'sprint.id': e.kind === 'sprint' ? e.sprint.id : undefined,
    'board.id': e.kind === 'board' ? e.board.id : undefined,
    'version.id': e.kind === 'version' ? e.version.id : undefined,
    'modifiedUser.accountId': e.actorId,
  };
  return url.replace(/\$\{([A-Za-z.]+)\}/g, (all, name: string) => (vars[name] !== undefined ? encodeURIComponent(vars[name]!) : all));
}
