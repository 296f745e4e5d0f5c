// jira.js AgileClient compat: a board made on a filter, a sprint run from future to closed, backlog moves, epics, rank, estimation, board and sprint properties.
import { AgileClient, Version3Client } from 'jira.js';
import type { Scenario } from '../types.js';

const keysOf = (page: unknown) => ((page as { issues?: Array<{ key?: string }> }).issues ?? []).map((i) => i.key).sort().join();
const valuesOf = <T>(page: unknown) => ((page as { values?: T[] }).values ?? []);

const scenario: Scenario = {
  vendor: 'jira',
  sdk: 'jira.js',
  name: 'agile: board on a filter, sprint lifecycle, backlog, epics, rank, properties',
  async run(ctx, t) {
    const { email, apiToken } = ctx.credentials;
    const auth = { host: ctx.baseUrl, authentication: { basic: { email, apiToken } } };
    const jira = t.track(new Version3Client(auth), '');
    const agile = t.track(new AgileClient(auth), '');
    const me = await jira.myself.getCurrentUser();
    t.check(me.accountId === ctx.credentials.accountId, 'the board owner', me);
    await jira.projects.createProject({ key: 'AGL', name: 'Agile scenario', projectTypeKey: 'software', leadAccountId: me.accountId! });
    const made = await Promise.all(['Story', 'Story', 'Task', 'Epic'].map((type, n) => jira.issues.createIssue({ fields: { project: { key: 'AGL' }, issuetype: { name: type }, summary: `Item ${n + 1}` } })));
    const [a, b, c, epicKey] = made.map((x) => x.key!);

    const filter = await jira.filters.createFilter({ name: 'AGL issues', jql: 'project = AGL ORDER BY Rank ASC' });
    const board = await agile.board.createBoard({ name: 'AGL scrum', type: 'scrum', filterId: Number(filter.id), location: { type: 'project', projectKeyOrId: 'AGL' } });
    t.check(board.type === 'scrum' && board.location?.projectKey === 'AGL', 'createBoard places the board in the project', board);
    const found = await agile.board.getAllBoards({ projectKeyOrId: 'AGL', type: 'scrum' });
    t.check(valuesOf<{ id: number }>(found).some((x) => x.id === board.id), 'getAllBoards finds it by project and type', found);
    const byFilter = await agile.board.getBoardByFilterId({ filterId: Number(filter.id) });
    t.check(valuesOf<{ id: number }>(byFilter).map((x) => x.id).join() === String(board.id), 'getBoardByFilterId finds it', byFilter);
    const read = await agile.board.getBoard({ boardId: board.id! });
    t.check(read.name === 'AGL scrum', 'getBoard reads it back', read);
    const config = await agile.board.getConfiguration({ boardId: board.id! });
    t.check(config.filter?.id === filter.id && (config.columnConfig?.columns?.length ?? 0) === 3, 'getConfiguration names the filter and the columns', config);
    const all = await agile.board.getIssuesForBoard({ boardId: board.id! });
    t.check(keysOf(all) === [a, b, c, epicKey].sort().join(), 'getIssuesForBoard runs the board filter', all);

    const sprint = await agile.sprint.createSprint({ name: 'AGL 1', originBoardId: board.id! });
    t.check(sprint.state === 'future', 'createSprint makes a future sprint', sprint);
    await agile.sprint.moveIssuesToSprintAndRank({ sprintId: sprint.id!, issues: [a, b] });
    const inSprint = await agile.sprint.getIssuesForSprint({ sprintId: sprint.id! });
    t.checkEffect(keysOf(inSprint) === [a, b].sort().join(), 'moveIssuesToSprintAndRank puts issues in the sprint', inSprint);
    const boardSprint = await agile.board.getBoardIssuesForSprint({ boardId: board.id!, sprintId: sprint.id! });
    t.check(keysOf(boardSprint) === [a, b].sort().join(), 'getBoardIssuesForSprint agrees', boardSprint);
    const backlog = await agile.board.getIssuesForBacklog({ boardId: board.id! });
    t.check(keysOf(backlog) === c, 'the backlog holds what no sprint has (epics excluded)', backlog);
    await t.expectError(() => agile.sprint.partiallyUpdateSprint({ sprintId: sprint.id!, state: 'active' }), (e) => e.status === 400, 'a sprint without dates cannot start');
    const started = await agile.sprint.updateSprint({ sprintId: sprint.id!, name: 'AGL 1', state: 'active', startDate: '2024-06-03T09:00:00.000Z', endDate: '2024-06-17T09:00:00.000Z' });
    t.check(started.state === 'active' && started.startDate === '2024-06-03T09:00:00.000Z', 'updateSprint starts it with dates', started);
    const open = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = AGL AND sprint in openSprints()', fields: ['key'] });
    t.check(open.issues?.map((i) => i.key).sort().join() === [a, b].sort().join(), 'JQL openSprints() sees the sprint', open);
    const sprints = await agile.board.getAllSprints({ boardId: board.id! });
    t.check(valuesOf<{ id: number; state: string }>(sprints).some((s) => s.id === sprint.id && s.state === 'active'), 'getAllSprints lists it active', sprints);

    await agile.backlog.moveIssuesToBacklog({ issues: [b] });
    const afterBacklog = await agile.sprint.getIssuesForSprint({ sprintId: sprint.id! });
    t.checkEffect(keysOf(afterBacklog) === a, 'moveIssuesToBacklog takes an issue out of the sprint', afterBacklog);
    await agile.backlog.moveIssuesToBacklogForBoard({ boardId: board.id!, issues: [c], rankBeforeIssue: b });
    const before = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: `key in (${b}, ${c}) ORDER BY Rank ASC`, fields: ['key'] });
    t.checkEffect(before.issues?.map((i) => i.key).join() === `${c},${b}`, 'moveIssuesToBacklogForBoard ranks before the anchor', before);
    await agile.issue.rankIssues({ issues: [c], rankAfterIssue: b });
    const ranked = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: `key in (${b}, ${c}) ORDER BY Rank ASC`, fields: ['key'] });
    t.checkEffect(ranked.issues?.map((i) => i.key).join() === `${b},${c}`, 'rankIssues orders ORDER BY Rank', ranked);

    const closed = await agile.sprint.partiallyUpdateSprint({ sprintId: sprint.id!, state: 'closed' });
    t.check(closed.state === 'closed' && !!closed.completeDate, 'closing stamps the completion date', closed);
    const history = await agile.issue.getIssue({ issueIdOrKey: a });
    const fields = history.fields as unknown as { sprint: unknown; closedSprints: Array<{ id: number }> };
    t.check(fields.sprint === null && fields.closedSprints.some((s) => s.id === sprint.id), 'the issue keeps the closed sprint in its history', fields);

    const epic = await agile.epic.getEpic({ epicIdOrKey: epicKey });
    t.check((epic as { key?: string }).key === epicKey && epic.done === false, 'getEpic reads the epic', epic);
    await agile.epic.moveIssuesToEpic({ epicIdOrKey: epicKey, issues: [a, c] });
    const children = await agile.epic.getIssuesForEpic({ epicIdOrKey: epicKey });
    t.checkEffect(keysOf(children) === [a, c].sort().join(), 'moveIssuesToEpic sets the parent', children);
    const boardEpic = await agile.board.getBoardIssuesForEpic({ boardId: board.id!, epicId: Number(made[3]!.id) });
    t.check(keysOf(boardEpic) === [a, c].sort().join(), 'getBoardIssuesForEpic agrees', boardEpic);
    const epics = await agile.board.getEpics({ boardId: board.id! });
    t.check(valuesOf<{ key: string }>(epics).map((e) => e.key).join() === epicKey, 'getEpics lists the board epics', epics);
    await agile.epic.removeIssuesFromEpic({ issues: [c] });
    const none = await agile.board.getIssuesWithoutEpicForBoard({ boardId: board.id! });
    t.checkEffect(keysOf(none) === [b, c].sort().join(), 'getIssuesWithoutEpicForBoard lists the rest', none);
    const renamed = await agile.epic.partiallyUpdateEpic({ epicIdOrKey: epicKey, name: 'Renamed epic' });
    t.check(renamed.name === 'Renamed epic', 'partiallyUpdateEpic renames it', renamed);

    await agile.issue.estimateIssueForBoard({ issueIdOrKey: a, boardId: board.id!, value: '5' });
    const estimate = await agile.issue.getIssueEstimationForBoard({ issueIdOrKey: a, boardId: board.id! });
    t.checkEffect((estimate as { value?: number }).value === 5, 'estimation round-trips', estimate);

    // jira.js 5.4.0 sends setBoardProperty without the value, which Jira refuses.
    await t.expectError(() => agile.board.setBoardProperty({ boardId: String(board.id), propertyKey: 'team' }), (e) => e.status === 400, 'a property write without a value is refused');
    const keys = await agile.board.getBoardPropertyKeys({ boardId: String(board.id) });
    t.check((keys as { keys?: unknown[] }).keys?.length === 0, 'so the board has no properties', keys);
    await t.expectError(() => agile.board.deleteBoardProperty({ boardId: String(board.id), propertyKey: 'team' }), (e) => e.status === 404, 'deleting an absent property is a 404');
    await agile.sprint.deleteSprint({ sprintId: sprint.id! });
    await t.expectError(() => agile.sprint.getSprint({ sprintId: sprint.id! }), (e) => e.status === 404, 'a deleted sprint is gone', { effect: true });
    await agile.board.deleteBoard({ boardId: board.id! });
    await t.expectError(() => agile.board.getBoard({ boardId: board.id! }), (e) => e.status === 404, 'a deleted board is gone', { effect: true });
  },
};

export const scenarios: Scenario[] = [scenario];
