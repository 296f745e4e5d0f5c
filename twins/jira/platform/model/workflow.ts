// Workflows at work: which transitions an issue offers a user (status, conditions), what validators demand, and what a transition does (status, resolution, post functions).
import type { Tenant } from '../../../../src/core/tenant.js';
import { findGroup, isMember } from './groups.js';
import { hasPermission } from './permissions.js';
import { holdsRole } from './roles.js';
import { historyUnordered, projects, resolutions, statuses, users, workflowOf, type ChangeItem, type IssueDoc, type RuleDoc, type TransitionDef, type UserDoc } from '../../store.js';

/** The workflow an issue follows (its project's scheme, by issue type). */
export function issueWorkflow(t: Tenant, issue: IssueDoc) {
  const project = projects(t).get(issue.projectId);
  return project ? workflowOf(t, project, issue.issueTypeId) : undefined;
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * One condition for one user. `system:check-permission` needs a project permission; `system:restrict-issue-transition`
 * admits listed accounts, groups and project roles. Rules the twin does not know admit everyone rather than hide transitions.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflows-create-post (rule keys)
 */
function conditionHolds(t: Tenant, rule: RuleDoc, u: UserDoc, issue: IssueDoc): boolean {
  const p = projects(t).get(issue.projectId);
  if (!p) return false;
  switch (rule.ruleKey) {
    case 'system:check-permission':
      return hasPermission(t, u, rule.parameters.permissionKey ?? '', p);
    case 'system:restrict-issue-transition': {
      const ps = rule.parameters;
      if (list(ps.accountIds).includes(u.accountId)) return true;
      if (list(ps.groupIds).some((id) => { const g = findGroup(t, { groupId: id }); return !!g && isMember(u, g); })) return true;
      return list(ps.roleIds).some((id) => holdsRole(t, p, id, u));
    }
    case 'system:previous-status': {
      const want = list(rule.parameters.previousStatusIds);
      return !want.length || historyUnordered(t, issue.id).some((g) => g.items.some((i) => i.fieldId === 'status' && want.includes(String(i.from))));
    }
    default:
      return true;
  }
}

/**
 * Transitions available from the issue's status, for a user when given (their conditions must hold).
 * Global transitions (no `from`) are offered from every status except their own target, as Jira's simplified workflows do.
 */
export function availableTransitions(t: Tenant, issue: IssueDoc, user?: UserDoc): TransitionDef[] {
  const wf = issueWorkflow(t, issue);
  if (!wf) return [];
  return wf.transitions.filter((tr) => {
    if (tr.from.length ? !tr.from.includes(issue.statusId) : tr.to === issue.statusId) return false;
    if (!user || !tr.conditions?.length) return true;
    const held = tr.conditions.map((c) => conditionHolds(t, c, user, issue));
    return tr.conditionOperation === 'ANY' ? held.some(Boolean) : held.every(Boolean);
  });
}

/** The value a required-field validator looks at. */
function fieldValue(issue: IssueDoc, field: string): unknown {
  switch (field) {
    case 'assignee': return issue.assigneeId;
    case 'reporter': return issue.reporterId;
    case 'description': return issue.description;
    case 'environment': return issue.environment;
    case 'duedate': return issue.dueDate;
    case 'priority': return issue.priorityId;
    case 'labels': return issue.labels.length ? issue.labels : null;
    case 'components': return issue.componentIds?.length ? issue.componentIds : null;
    case 'fixVersions': return issue.fixVersionIds?.length ? issue.fixVersionIds : null;
    case 'summary': return issue.summary;
    default: return issue.extra?.[field] ?? null;
  }
}

/**
 * Validators, run against the issue as the transition's own fields left it. Returns field errors (required fields)
 * and messages (permission validators); empty when the transition may go ahead.
 */
export function validateTransition(t: Tenant, tr: TransitionDef, issue: IssueDoc, user: UserDoc): { errors: Record<string, string>; messages: string[] } {
  const errors: Record<string, string> = {};
  const messages: string[] = [];
  const p = projects(t).get(issue.projectId);
  for (const v of tr.validators ?? []) {
    if (v.ruleKey === 'system:validate-field-value' && (v.parameters.ruleType ?? 'fieldRequired') === 'fieldRequired') {
      for (const field of list(v.parameters.fieldsRequired)) {
        const value = fieldValue(issue, field);
        if (value === null || value === undefined || value === '') errors[field] = v.parameters.errorMessage || `${field} is required.`;
      }
    } else if (v.ruleKey === 'system:check-permission-validator' && p && !hasPermission(t, user, v.parameters.permissionKey ?? '', p)) {
      messages.push(v.parameters.errorMessage || `You do not have the ${v.parameters.permissionKey} permission needed for this transition.`);
    }
  }
  return { errors, messages };
}

/**
 * Moves an issue to a status. Workflows that resolve on done (the built-in ones) set the given or default
 * resolution on entering done and clear it on leaving; API-made workflows leave resolution to post functions.
 * Returns the changelog items.
 */
export function moveToStatus(t: Tenant, issue: IssueDoc, toStatusId: string, resolutionId: string | undefined, nowIso: string): ChangeItem[] {
  const from = statuses(t).get(issue.statusId);
  const to = statuses(t).get(toStatusId);
  if (!to) return [];
  const items: ChangeItem[] = [];
  if (issue.statusId !== to.id) {
    items.push({ field: 'status', fieldtype: 'jira', fieldId: 'status', from: issue.statusId, fromString: from?.name ?? null, to: to.id, toString: to.name });
    if (from?.category !== to.category) issue.statusCategoryChangeDate = nowIso;
    issue.statusId = to.id;
  }
  const wf = issueWorkflow(t, issue);
  let next: string | null = issue.resolutionId;
  if (wf?.resolveOnDone !== false) {
    next = to.category === 'done' ? (resolutionId ?? issue.resolutionId ?? resolutions(t).find((r) => r.isDefault)?.id ?? null) : null;
  } else if (resolutionId) next = resolutionId;
  items.push(...setResolution(t, issue, next, nowIso));
  return items;
}

function setResolution(t: Tenant, issue: IssueDoc, next: string | null, nowIso: string): ChangeItem[] {
  if (next === issue.resolutionId) return [];
  const name = (id: string | null) => (id ? (resolutions(t).get(id)?.name ?? null) : null);
  const item: ChangeItem = { field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: issue.resolutionId, fromString: name(issue.resolutionId), to: next, toString: name(next) };
  issue.resolutionId = next;
  issue.resolutionDate = next ? nowIso : null;
  return [item];
}

/**
 * Post functions: `system:update-field` on resolution (an id, or empty to clear) and `system:change-assignee`
 * (to the current user, the reporter, the project lead, nobody, or a named account). Returns the changelog items.
 */
export function runPostFunctions(t: Tenant, tr: TransitionDef, issue: IssueDoc, actor: string, nowIso: string): ChangeItem[] {
  const items: ChangeItem[] = [];
  for (const a of tr.actions ?? []) {
    if (a.ruleKey === 'system:update-field' && a.parameters.field === 'resolution') {
      const id = a.parameters.value || null;
      if (id === null || resolutions(t).get(id)) items.push(...setResolution(t, issue, id, nowIso));
    } else if (a.ruleKey === 'system:change-assignee') {
      const p = projects(t).get(issue.projectId);
      const target = {
        'to-current-user': actor,
        'to-reporter': issue.reporterId,
        'to-lead': p?.leadAccountId ?? null,
        'to-unassigned': null,
        'to-specific-user': a.parameters.accountId ?? null,
      }[a.parameters.type ?? ''];
      if (target === undefined || target === issue.assigneeId || (target && !users(t).get(target))) continue;
      const name = (id: string | null) => (id ? (users(t).get(id)?.displayName ?? null) : null);
      items.push({ field: 'assignee', fieldtype: 'jira', fieldId: 'assignee', from: issue.assigneeId, fromString: name(issue.assigneeId), to: target, toString: name(target) });
      issue.assigneeId = target;
    }
  }
  return items;
}
