// Agile boards: list (by type, name, project), create on a filter, read, delete, configuration, backlog, the board's issues, epics, sprints, versions, projects and properties.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { boards, filters, findProject, issues, type BoardDoc } from '../../store.js';
import { emit, listParam, me, objectBody, type Ctx } from '../../platform/handlers/common.js';
import { projectRef, viewOf } from '../../platform/present/site.js';
import { versionJson } from '../../platform/present/releases.js';
import { projectVersions } from '../../platform/model/releases.js';
import { deleteProperty, getProperty, propertyKeys, propertyProblem, setProperty } from '../../platform/model/properties.js';
import { boardIssues, boardProjects, boardSprints, createBoard, epicOf, isDone, isEpic, openSprintOf } from '../model/agile.js';
import { boardConfigurationJson, boardJson, epicJson, sprintJson } from '../present/agile.js';
import { rankIssues } from '../../platform/model/rank.js';
import { boardOr404, issuesNamed, issuesPage, sprintOr404, valuesPage } from './common.js';

const TYPES = new Set(['scrum', 'kanban', 'simple']);

/** The board's issues narrowed by the caller's `jql`, or Jira's 400 for a bad query. */
function issuesOf(ctx: Ctx, b: BoardDoc, extra?: string) {
  const jql = typeof ctx.query.jql === 'string' && ctx.query.jql.trim() ? ctx.query.jql : undefined;
  const clauses = [extra, jql].filter(Boolean).map((c) => `(${c})`).join(' AND ');
  try {
    return boardIssues(ctx.tenant, b, me(ctx).accountId, ctx.now(), clauses || undefined);
  } catch (e) {
    const messages = (e as { messages?: string[] }).messages;
    if (messages) throw jiraError(400, messages);
    throw e;
  }
}

/**
 * The quick filters Jira gives every new board: "Only My Issues" and "Recently Updated".
 * https://support.atlassian.com/jira-software-cloud/docs/configure-quick-filters/
 * Derived from the board (there is no REST call that edits them), with ids unique per board.
 */
function quickFilters(b: BoardDoc) {
  const base = Number(b.id) * 10;
  return [
    { id: base + 1, boardId: Number(b.id), name: 'Only My Issues', jql: 'assignee = currentUser()', description: 'Displays issues which are currently assigned to the current user', position: 0 },
    { id: base + 2, boardId: Number(b.id), name: 'Recently Updated', jql: 'updatedDate >= -1d', description: 'Displays issues which have been updated in the last day', position: 1 },
  ];
}

/** Board features (sprints, backlog, estimation), switched by the board's `jira.feature.*` properties. */
function features(ctx: Ctx, b: BoardDoc) {
  const on = (feature: string) => getProperty(ctx.tenant, 'board', b.id, `jira.feature.${feature}`)?.value !== false;
  return ['jsw.agility.sprints', 'jsw.agility.backlog', 'jsw.agility.estimation'].map((boardFeature) => ({
    boardFeature,
    boardId: Number(b.id),
    state: on(boardFeature) && (b.type === 'scrum' || boardFeature !== 'jsw.agility.sprints') ? 'ENABLED' : 'DISABLED',
    localisedName: boardFeature.split('.').pop(),
    featureType: 'BASIC',
  }));
}

export const boardHandlers = {
  getAllBoards: (ctx) => {
    const types = new Set(listParam(ctx.query.type));
    const name = typeof ctx.query.name === 'string' ? ctx.query.name.toLowerCase() : '';
    const where = ctx.query.projectKeyOrId !== undefined ? findProject(ctx.tenant, String(ctx.query.projectKeyOrId)) : undefined;
    if (ctx.query.projectKeyOrId !== undefined && !where) return { body: valuesPage(ctx, []) };
    const filterId = ctx.query.filterId !== undefined ? String(ctx.query.filterId) : undefined;
    const list = boards(ctx.tenant).filter(
      (b) => (!types.size || types.has(b.type)) && (!name || b.name.toLowerCase().includes(name)) && (!where || b.projectId === where.id) && (!filterId || b.filterId === filterId) && boardProjects(ctx.tenant, b).length > 0,
    );
    return { body: valuesPage(ctx, list.map((b) => boardJson(viewOf(ctx), b))) };
  },
  createBoard: (ctx) => {
    const b = objectBody(ctx);
    const errors: Record<string, string> = {};
    if (typeof b.name !== 'string' || !b.name.trim()) errors.name = 'Board name must be provided.';
    else if (b.name.length > 255) errors.name = 'Board name must not exceed 255 characters.';
    if (typeof b.type !== 'string' || !TYPES.has(b.type) || b.type === 'simple') errors.type = "Board type must be either 'scrum' or 'kanban'.";
    const filter = filters(ctx.tenant).get(String(b.filterId));
    if (!filter) errors.filterId = `Filter with id '${String(b.filterId)}' does not exist or you do not have permission to see it.`;
    const loc = (b.location ?? {}) as { type?: string; projectKeyOrId?: string };
    const project = loc.projectKeyOrId !== undefined ? findProject(ctx.tenant, String(loc.projectKeyOrId)) : undefined;
    if (!project) errors.location = 'A board must be located in a project you can see.';
    if (Object.keys(errors).length) throw fieldErrors(errors);
    const board = createBoard(ctx.tenant, { name: String(b.name), type: b.type as BoardDoc['type'], filterId: filter!.id, projectId: project!.id });
    emit(ctx, { kind: 'board', action: 'created', board });
    return { status: 201, body: boardJson(viewOf(ctx), board) };
  },
  getBoardByFilterId: (ctx) => {
    const list = boards(ctx.tenant).filter((b) => b.filterId === String(ctx.params.filterId));
    return { body: valuesPage(ctx, list.map((b) => ({ id: Number(b.id), self: boardJson(viewOf(ctx), b).self, name: b.name }))) };
  },
  getBoard: (ctx) => ({ body: boardJson(viewOf(ctx), boardOr404(ctx, ctx.params.boardId)) }),
  deleteBoard: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    emit(ctx, { kind: 'board', action: 'deleted', board: b });
    boards(ctx.tenant).delete(b.id);
    return { status: 204 };
  },
  getBoardConfiguration: (ctx) => ({ body: boardConfigurationJson(viewOf(ctx), boardOr404(ctx, ctx.params.boardId)) }),

  getIssuesForBoard: (ctx) => ({ body: issuesPage(ctx, issuesOf(ctx, boardOr404(ctx, ctx.params.boardId))) }),
  /** The backlog: board issues in no open sprint; a kanban board's backlog is its To Do column. */
  getIssuesForBacklog: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    const list = issuesOf(ctx, b).filter((i) => !openSprintOf(ctx.tenant, i) && !isDone(ctx.tenant, i) && !isEpic(ctx.tenant, i));
    return { body: issuesPage(ctx, list) };
  },
  getEpics: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    const ids = new Set(boardProjects(ctx.tenant, b).map((p) => p.id));
    let list = issues(ctx.tenant).filter((i) => ids.has(i.projectId) && isEpic(ctx.tenant, i));
    if (ctx.query.done !== undefined) list = list.filter((e) => isDone(ctx.tenant, e) === (String(ctx.query.done) === 'true'));
    return { body: valuesPage(ctx, list.map((e) => epicJson(viewOf(ctx), e))) };
  },
  getIssuesWithoutEpicForBoard: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    return { body: issuesPage(ctx, issuesOf(ctx, b).filter((i) => !isEpic(ctx.tenant, i) && !epicOf(ctx.tenant, i))) };
  },
  getBoardIssuesForEpic: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    const epic = String(ctx.params.epicId);
    return { body: issuesPage(ctx, issuesOf(ctx, b).filter((i) => epicOf(ctx.tenant, i)?.id === epic)) };
  },
  getAllSprints: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    if (b.type !== 'scrum') throw jiraError(400, ["The board does not support sprints"]);
    const states = new Set(listParam(ctx.query.state));
    const list = boardSprints(ctx.tenant, b.id).filter((s) => !states.size || states.has(s.state));
    return { body: valuesPage(ctx, list.map((s) => sprintJson(viewOf(ctx), s))) };
  },
  getBoardIssuesForSprint: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    const s = sprintOr404(ctx, ctx.params.sprintId);
    return { body: issuesPage(ctx, issuesOf(ctx, b).filter((i) => !!i.sprintIds?.includes(s.id))) };
  },
  getAllVersions: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    const released = ctx.query.released === undefined ? undefined : String(ctx.query.released) === 'true';
    const list = boardProjects(ctx.tenant, b).flatMap((p) => projectVersions(ctx.tenant, p.id)).filter((x) => released === undefined || x.released === released);
    return { body: valuesPage(ctx, list.map((x) => versionJson(viewOf(ctx), x, ctx.now()))) };
  },
  getProjects: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    return { body: valuesPage(ctx, boardProjects(ctx.tenant, b).map((p) => projectRef(viewOf(ctx), p))) };
  },
  getProjectsFull: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    return { body: boardProjects(ctx.tenant, b).map((p) => projectRef(viewOf(ctx), p)) };
  },
  moveIssuesToBoard: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    const list = issuesNamed(ctx, objectBody(ctx).issues);
    const onBoard = new Set(issuesOf(ctx, b).map((i) => i.id));
    const stray = list.find((i) => !onBoard.has(i.id));
    if (stray) throw jiraError(400, [`Issue ${stray.key} is not on the board.`]);
    const b2 = objectBody(ctx);
    const anchor = b2.rankBeforeIssue ?? b2.rankAfterIssue;
    if (anchor !== undefined) rankIssues(ctx.tenant, list, issuesNamed(ctx, [anchor])[0]!, b2.rankBeforeIssue !== undefined ? 'before' : 'after');
    return { status: 204 };
  },
  getFeaturesForBoard: (ctx) => ({ body: { features: features(ctx, boardOr404(ctx, ctx.params.boardId)) } }),
  toggleFeatures: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    const body = objectBody(ctx);
    if (typeof body.feature !== 'string') throw fieldErrors({ feature: 'The feature must be named.' });
    setProperty(ctx.tenant, 'board', b.id, `jira.feature.${body.feature}`, body.enabling !== false);
    return { body: { features: features(ctx, b) } };
  },
  getAllQuickFilters: (ctx) => ({ body: valuesPage(ctx, quickFilters(boardOr404(ctx, ctx.params.boardId))) }),
  getQuickFilter: (ctx) => {
    const found = quickFilters(boardOr404(ctx, ctx.params.boardId)).find((q) => String(q.id) === String(ctx.params.quickFilterId));
    if (!found) throw jiraError(404, [`The quick filter with id '${String(ctx.params.quickFilterId)}' does not exist.`]);
    return { body: found };
  },
  getReportsForBoard: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    return { body: { reports: b.type === 'scrum' ? [{ name: 'Burndown Chart' }, { name: 'Sprint Report' }, { name: 'Velocity Chart' }] : [{ name: 'Cumulative Flow Diagram' }, { name: 'Control Chart' }] } };
  },

  getBoardPropertyKeys: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    const base = `${ctx.baseUrl}/rest/agile/1.0/board/${b.id}/properties`;
    return { body: { keys: propertyKeys(ctx.tenant, 'board', b.id).filter((k) => !k.startsWith('jira.feature.')).map((key) => ({ self: `${base}/${key}`, key })) } };
  },
  getBoardProperty: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    const p = getProperty(ctx.tenant, 'board', b.id, String(ctx.params.propertyKey));
    if (!p) throw jiraError(404, [`The property with key '${String(ctx.params.propertyKey)}' does not exist.`]);
    return { body: { key: p.id, value: p.value } };
  },
  setBoardProperty: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    const key = String(ctx.params.propertyKey);
    const problem = propertyProblem(key, ctx.body);
    if (problem) throw jiraError(400, [problem]);
    return { status: setProperty(ctx.tenant, 'board', b.id, key, ctx.body) ? 201 : 200 };
  },
  deleteBoardProperty: (ctx) => {
    const b = boardOr404(ctx, ctx.params.boardId);
    if (!deleteProperty(ctx.tenant, 'board', b.id, String(ctx.params.propertyKey))) throw jiraError(404, [`The property with key '${String(ctx.params.propertyKey)}' does not exist.`]);
    return { status: 204 };
  },
} satisfies Handlers;
