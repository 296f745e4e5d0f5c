// Sprints: create (future), read, rename and re-date, start (needs dates), complete (open issues back to the backlog), delete, swap, their issues and properties; the backlog.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { nextId, sprints, type SprintDoc } from '../../store.js';
import { emit, me, objectBody, nowIso, type Ctx } from '../../platform/handlers/common.js';
import { viewOf } from '../../platform/present/site.js';
import { deleteProperty, getProperty, propertyKeys, propertyProblem, setProperty } from '../../platform/model/properties.js';
import { boardIssues, changeSprintState, deleteSprint, moveToBacklog, moveToSprint, sprintIssues } from '../model/agile.js';
import { rankIssues } from '../../platform/model/rank.js';
import { sprintJson } from '../present/agile.js';
import { boardOr404, issuesNamed, issuesPage, sprintOr404 } from './common.js';

const STATES = new Set(['future', 'active', 'closed']);

function dateOf(v: unknown, field: string, errors: Record<string, string>): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) errors[field] = `Invalid date format. Please enter the date in the format 'yyyy-MM-dd'T'HH:mm:ss.SSSZ'.`;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * Applies a sprint update. A full update (PUT) replaces the fields it names and clears goal and
 * dates it leaves out of a future sprint; a partial one (POST) touches only what it names.
 */
function update(ctx: Ctx, full: boolean) {
  const s = sprintOr404(ctx, ctx.params.sprintId);
  const b = objectBody(ctx);
  const errors: Record<string, string> = {};
  if (b.name !== undefined && (typeof b.name !== 'string' || !b.name.trim())) errors.name = 'The sprint name must not be empty.';
  else if (typeof b.name === 'string' && b.name.length > 30) errors.name = 'The sprint name is too long. It must be 30 characters or fewer.';
  if (b.state !== undefined && !STATES.has(String(b.state))) errors.state = 'The sprint state must be one of future, active or closed.';
  const startDate = dateOf(b.startDate, 'startDate', errors);
  const endDate = dateOf(b.endDate, 'endDate', errors);
  if (Object.keys(errors).length) throw fieldErrors(errors);
  if (s.state === 'closed' && (b.startDate !== undefined || b.endDate !== undefined)) throw jiraError(400, ['The dates of a closed sprint cannot be changed.']);
  const old: SprintDoc = { ...s };
  const next: SprintDoc = { ...s };
  if (typeof b.name === 'string') next.name = b.name.trim();
  if (typeof b.goal === 'string' || (full && b.goal === undefined)) next.goal = typeof b.goal === 'string' ? b.goal : '';
  if (startDate || (full && s.state === 'future')) next.startDate = startDate;
  if (endDate || (full && s.state === 'future')) next.endDate = endDate;
  if (next.startDate && next.endDate && next.endDate < next.startDate) throw fieldErrors({ endDate: 'The end date must be after the start date.' });
  Object.assign(s, next);
  sprints(ctx.tenant).put(s);
  if (b.state !== undefined && b.state !== s.state) {
    const problem = changeSprintState(ctx.tenant, s, b.state as SprintDoc['state'], nowIso(ctx));
    if (problem) throw jiraError(400, [problem]);
  }
  // Jira sends sprint_updated for every change, and sprint_started / sprint_closed when the state moves.
  emit(ctx, { kind: 'sprint', action: 'updated', sprint: s, old });
  if (s.state !== old.state) emit(ctx, { kind: 'sprint', action: s.state === 'active' ? 'started' : 'closed', sprint: s });
  return { body: sprintJson(viewOf(ctx), s) };
}

/** Issues of the sprint, narrowed by `jql` the same way board issues are. */
function sprintIssueList(ctx: Ctx, s: SprintDoc) {
  const list = sprintIssues(ctx.tenant, s);
  const jql = typeof ctx.query.jql === 'string' && ctx.query.jql.trim() ? ctx.query.jql : undefined;
  if (!jql) return list;
  const board = boardOr404(ctx, s.originBoardId);
  try {
    const hits = new Set(boardIssues(ctx.tenant, board, me(ctx).accountId, ctx.now(), jql).map((i) => i.id));
    return list.filter((i) => hits.has(i.id));
  } catch (e) {
    const messages = (e as { messages?: string[] }).messages;
    if (messages) throw jiraError(400, messages);
    throw e;
  }
}

export const sprintHandlers = {
  createSprint: (ctx) => {
    const b = objectBody(ctx);
    const errors: Record<string, string> = {};
    if (typeof b.name !== 'string' || !b.name.trim()) errors.name = 'The sprint name must not be empty.';
    else if (b.name.length > 30) errors.name = 'The sprint name is too long. It must be 30 characters or fewer.';
    const startDate = dateOf(b.startDate, 'startDate', errors);
    const endDate = dateOf(b.endDate, 'endDate', errors);
    if (Object.keys(errors).length) throw fieldErrors(errors);
    const board = boardOr404(ctx, b.originBoardId);
    if (board.type !== 'scrum') throw fieldErrors({ originBoardId: 'Sprints can only be created on a scrum board.' });
    const s = sprints(ctx.tenant).put({
      id: String(Number(nextId(ctx.tenant, 'sprint', 1))),
      name: String(b.name).trim(),
      state: 'future',
      originBoardId: board.id,
      goal: typeof b.goal === 'string' ? b.goal : '',
      createdDate: nowIso(ctx),
      ...(startDate ? { startDate } : {}),
      ...(endDate ? { endDate } : {}),
    });
    emit(ctx, { kind: 'sprint', action: 'created', sprint: s });
    return { status: 201, body: sprintJson(viewOf(ctx), s) };
  },
  getSprint: (ctx) => ({ body: sprintJson(viewOf(ctx), sprintOr404(ctx, ctx.params.sprintId)) }),
  partiallyUpdateSprint: (ctx) => update(ctx, false),
  updateSprint: (ctx) => update(ctx, true),
  deleteSprint: (ctx) => {
    const s = sprintOr404(ctx, ctx.params.sprintId);
    if (s.state === 'active') throw jiraError(400, ['An active sprint cannot be deleted; complete it first.']);
    emit(ctx, { kind: 'sprint', action: 'deleted', sprint: s });
    deleteSprint(ctx.tenant, s);
    return { status: 204 };
  },
  swapSprint: (ctx) => {
    const a = sprintOr404(ctx, ctx.params.sprintId);
    const b = sprintOr404(ctx, objectBody(ctx).sprintToSwapWith);
    if (a.originBoardId !== b.originBoardId) throw jiraError(400, ['Only sprints of the same board can be swapped.']);
    // The board lists sprints in creation order: swapping exchanges their places.
    const all = sprints(ctx.tenant).values();
    const ia = all.findIndex((x) => x.id === a.id);
    const ib = all.findIndex((x) => x.id === b.id);
    [all[ia], all[ib]] = [all[ib]!, all[ia]!];
    sprints(ctx.tenant).clear();
    for (const s of all) sprints(ctx.tenant).put(s);
    return { status: 204 };
  },
  getIssuesForSprint: (ctx) => ({ body: issuesPage(ctx, sprintIssueList(ctx, sprintOr404(ctx, ctx.params.sprintId))) }),
  moveIssuesToSprintAndRank: (ctx) => {
    const s = sprintOr404(ctx, ctx.params.sprintId);
    if (s.state === 'closed') throw jiraError(400, ['Issues cannot be moved to a closed sprint.']);
    const b = objectBody(ctx);
    const list = issuesNamed(ctx, b.issues);
    moveToSprint(ctx.tenant, s, list);
    const anchor = b.rankBeforeIssue ?? b.rankAfterIssue;
    if (anchor !== undefined) rankIssues(ctx.tenant, list, issuesNamed(ctx, [anchor])[0]!, b.rankBeforeIssue !== undefined ? 'before' : 'after');
    return { status: 204 };
  },
  moveIssuesToBacklog: (ctx) => {
    moveToBacklog(ctx.tenant, issuesNamed(ctx, objectBody(ctx).issues));
    return { status: 204 };
  },
  moveIssuesToBacklogForBoard: (ctx) => {
    boardOr404(ctx, ctx.params.boardId);
    const b = objectBody(ctx);
    const list = issuesNamed(ctx, b.issues);
    moveToBacklog(ctx.tenant, list);
    const anchor = b.rankBeforeIssue ?? b.rankAfterIssue;
    if (anchor !== undefined) rankIssues(ctx.tenant, list, issuesNamed(ctx, [anchor])[0]!, b.rankBeforeIssue !== undefined ? 'before' : 'after');
    return { status: 204 };
  },

  getPropertiesKeys: (ctx) => {
    const s = sprintOr404(ctx, ctx.params.sprintId);
    const base = `${ctx.baseUrl}/rest/agile/1.0/sprint/${s.id}/properties`;
    return { body: { keys: propertyKeys(ctx.tenant, 'sprint', s.id).map((key) => ({ self: `${base}/${key}`, key })) } };
  },
  getProperty: (ctx) => {
    const s = sprintOr404(ctx, ctx.params.sprintId);
    const p = getProperty(ctx.tenant, 'sprint', s.id, String(ctx.params.propertyKey));
    if (!p) throw jiraError(404, [`The property with key '${String(ctx.params.propertyKey)}' does not exist.`]);
    return { body: { key: p.id, value: p.value } };
  },
  setProperty: (ctx) => {
    const s = sprintOr404(ctx, ctx.params.sprintId);
    const key = String(ctx.params.propertyKey);
    const problem = propertyProblem(key, ctx.body);
    if (problem) throw jiraError(400, [problem]);
    return { status: setProperty(ctx.tenant, 'sprint', s.id, key, ctx.body) ? 201 : 200 };
  },
  deleteProperty: (ctx) => {
    const s = sprintOr404(ctx, ctx.params.sprintId);
    if (!deleteProperty(ctx.tenant, 'sprint', s.id, String(ctx.params.propertyKey))) throw jiraError(404, [`The property with key '${String(ctx.params.propertyKey)}' does not exist.`]);
    return { status: 204 };
  },
} satisfies Handlers;
