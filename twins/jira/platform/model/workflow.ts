// Workflows: which transitions an issue has from its current status, and what a transition does to status and resolution.
import type { Tenant } from '../../../../src/core/tenant.js';
import { projects, resolutions, statuses, workflowOf, type ChangeItem, type IssueDoc, type TransitionDef } from '../../store.js';

/**
 * Transitions available from the issue's status. Global transitions (no
 * `from`) are offered from every status except their own target, as Jira's
 * simplified workflows do.
 */
export function availableTransitions(t: Tenant, issue: IssueDoc): TransitionDef[] {
  const project = projects(t).get(issue.projectId);
  if (!project) return [];
  return workflowOf(t, project).transitions.filter((tr) => (tr.from.length ? tr.from.includes(issue.statusId) : tr.to !== issue.statusId));
}

/**
 * Moves an issue to a status. Entering a done status resolves the issue (with
 * the given resolution or the site default); leaving done clears it. Returns
 * the changelog items.
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
  let nextResolution: string | null = issue.resolutionId;
  if (to.category === 'done') nextResolution = resolutionId ?? issue.resolutionId ?? resolutions(t).find((r) => r.isDefault)?.id ?? null;
  else nextResolution = null;
  if (nextResolution !== issue.resolutionId) {
    const name = (id: string | null) => (id ? (resolutions(t).get(id)?.name ?? null) : null);
    items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: issue.resolutionId, fromString: name(issue.resolutionId), to: nextResolution, toString: name(nextResolution) });
    issue.resolutionId = nextResolution;
    issue.resolutionDate = nextResolution ? nowIso : null;
  }
  return items;
}
