// Jira Software's rules: boards on filters, scrum sprints (future → active → closed, open issues moving on), backlog, epics as parents, and the Rank order.
import type { Tenant } from '../../../../src/core/tenant.js';
import {
  boards, filters, issues, issueTypes, nextId, projects, sprints, statuses,
  type BoardDoc, type IssueDoc, type ProjectDoc, type SprintDoc,
} from '../../store.js';
import { queryIssues } from '../../platform/model/jql/search.js';

// ---- boards ------------------------------------------------------------------------------

export function boardIssues(t: Tenant, b: BoardDoc, me: string, now: Date, extraJql?: string): IssueDoc[] {
  const f = filters(t).get(b.filterId);
  const base = f?.jql ?? `project = ${projects(t).get(b.projectId)?.key ?? b.projectId}`;
  const [where, order] = splitOrder(base);
  const jql = extraJql ? `${where ? `(${where}) AND ` : ''}(${extraJql})${order}` : base;
  return queryIssues(t, me, now, jql);
}

function splitOrder(jql: string): [string, string] {
  const m = /\border\s+by\b/i.exec(jql);
  return m ? [jql.slice(0, m.index).trim(), ` ${jql.slice(m.index)}`] : [jql.trim(), ''];
}

/** Projects a board shows: its location, plus every project its filter names. */
export function boardProjects(t: Tenant, b: BoardDoc): ProjectDoc[] {
  const p = projects(t).get(b.projectId);
  return p && !p.trashedAt ? [p] : [];
}

export function createBoard(t: Tenant, spec: { name: string; type: BoardDoc['type']; filterId: string; projectId: string }): BoardDoc {
  return boards(t).put({ id: nextId(t, 'board', 1), ...spec });
}

/** The issue is done for the board when its status is in the done category (the last column). */
export const isDone = (t: Tenant, i: IssueDoc) => statuses(t).get(i.statusId)?.category === 'done';

// ---- sprints -----------------------------------------------------------------------------

export const boardSprints = (t: Tenant, boardId: string): SprintDoc[] => sprints(t).filter((s) => s.originBoardId === boardId);

/** The open (future or active) sprint an issue is in, if any. */
export function openSprintOf(t: Tenant, i: IssueDoc): SprintDoc | undefined {
  const last = i.sprintIds?.[i.sprintIds.length - 1];
  const s = last ? sprints(t).get(last) : undefined;
  return s && s.state !== 'closed' ? s : undefined;
}

export const closedSprintsOf = (t: Tenant, i: IssueDoc): SprintDoc[] =>
  (i.sprintIds ?? []).map((id) => sprints(t).get(id)).filter((s): s is SprintDoc => !!s && s.state === 'closed');

export const sprintIssues = (t: Tenant, s: SprintDoc): IssueDoc[] => issues(t).filter((i) => !!i.sprintIds?.includes(s.id));

/** Puts issues into an open sprint, taking them out of any other open sprint (closed ones stay in their history). */
export function moveToSprint(t: Tenant, s: SprintDoc, list: IssueDoc[]): void {
  for (const i of list) {
    const open = openSprintOf(t, i);
    const kept = (i.sprintIds ?? []).filter((id) => id !== open?.id && id !== s.id);
    issues(t).patch(i.id, { sprintIds: [...kept, s.id] });
  }
}

/** Back to the backlog: out of their open sprint. */
export function moveToBacklog(t: Tenant, list: IssueDoc[]): void {
  for (const i of list) {
    const open = openSprintOf(t, i);
    if (open) issues(t).patch(i.id, { sprintIds: (i.sprintIds ?? []).filter((id) => id !== open.id) });
  }
}

export type SprintProblem = string | undefined;

/**
 * Sprint state changes. Starting needs start and end dates; closing stamps the completion
 * date and moves issues not done to `moveTo` (another open sprint) or the backlog.
 */
export function changeSprintState(t: Tenant, s: SprintDoc, next: SprintDoc['state'], nowIso: string, moveTo?: SprintDoc): SprintProblem {
  if (next === s.state) return undefined;
  if (next === 'active') {
    if (s.state !== 'future') return 'A closed sprint cannot be reopened.';
    if (!s.startDate || !s.endDate) return 'A sprint needs a start date and an end date to be started.';
    s.state = 'active';
  } else if (next === 'closed') {
    if (s.state !== 'active') return 'Only an active sprint can be completed.';
    const open = sprintIssues(t, s).filter((i) => !isDone(t, i));
    s.state = 'closed';
    s.completeDate = nowIso;
    sprints(t).put(s);
    if (moveTo) moveToSprint(t, moveTo, open);
  } else {
    return 'A sprint cannot go back to the future state.';
  }
  sprints(t).put(s);
  return undefined;
}

export function deleteSprint(t: Tenant, s: SprintDoc): void {
  for (const i of sprintIssues(t, s)) issues(t).patch(i.id, { sprintIds: (i.sprintIds ?? []).filter((id) => id !== s.id) });
  sprints(t).delete(s.id);
}

// ---- epics -------------------------------------------------------------------------------

export const EPIC_TYPE = 'Epic';
export const isEpic = (t: Tenant, i: IssueDoc) => issueTypes(t).get(i.issueTypeId)?.name === EPIC_TYPE;

export function epicOf(t: Tenant, i: IssueDoc): IssueDoc | undefined {
  const parent = i.parentId ? issues(t).get(i.parentId) : undefined;
  return parent && isEpic(t, parent) ? parent : undefined;
}

export const epicIssues = (t: Tenant, epic: IssueDoc): IssueDoc[] => issues(t).filter((i) => i.parentId === epic.id);

/** Issues that may sit under an epic: standard issue types (not epics, not sub-tasks). */
export const canHaveEpic = (t: Tenant, i: IssueDoc) => {
  const type = issueTypes(t).get(i.issueTypeId);
  return !!type && type.hierarchyLevel === 0;
};
