// jira.js AgileClient compat: a team lead tunes a board — features, quick filters, reports, projects and versions, sprint order and properties, epic rank, moving issues onto the board.
import { AgileClient } from 'jira.js';
import type { Scenario } from '../types.js';
import { v3Client } from './clients.js';

const keysOf = (page: unknown) => ((page as { issues?: Array<{ key?: string }> }).issues ?? []).map((i) => i.key);
const valuesOf = <T>(page: unknown) => ((page as { values?: T[] }).values ?? []);

const scenario: Scenario = {
  vendor: 'jira',
  sdk: 'jira.js',
  name: 'agile board admin: features, quick filters, reports, projects, versions, sprint swap, epic rank, sprint properties',
  async run(ctx, t) {
    const jira = v3Client(ctx, t);
    const agile = t.track(new AgileClient({ host: ctx.baseUrl, authentication: { basic: { email: ctx.credentials.email, apiToken: ctx.credentials.apiToken } } }), '');
    const project = await jira.projects.createProject({ key: 'BRD', name: 'Board admin', projectTypeKey: 'software', leadAccountId: ctx.credentials.accountId });
    t.check(project.key === 'BRD', 'a software project for the board', project);
    const release = await jira.projectVersions.createVersion({ projectId: Number(project.id), name: 'R1' });
    t.check(release.name === 'R1' && release.released === false, 'a version to plan for', release);
    const filter = await jira.filters.createFilter({ name: 'BRD issues', jql: 'project = BRD ORDER BY Rank ASC' });
    t.check(filter.jql === 'project = BRD ORDER BY Rank ASC', 'the board filter', filter);
    const board = await agile.board.createBoard({ name: 'BRD scrum', type: 'scrum', filterId: Number(filter.id), location: { type: 'project', projectKeyOrId: 'BRD' } });
    t.check(board.id! > 0 && board.type === 'scrum', 'a scrum board', board);
    const boardId = board.id!;

    // Board features: https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/#api-rest-agile-1-0-board-boardid-features-get
    const features = await agile.board.getFeaturesForBoard({ boardId });
    const state = (f: unknown, name: string) => ((f as { features?: Array<{ boardFeature: string; state: string }> }).features ?? []).find((x) => x.boardFeature === name)?.state;
    t.check(state(features, 'jsw.agility.estimation') === 'ENABLED' && state(features, 'jsw.agility.sprints') === 'ENABLED', 'a scrum board has sprints and estimation on', features);
    const toggled = await agile.board.toggleFeatures({ boardId, body: { boardId, feature: 'jsw.agility.estimation', enabling: false } } as any);
    t.check(state(toggled, 'jsw.agility.estimation') === 'DISABLED', 'toggleFeatures answers the new feature states', toggled);
    const after = await agile.board.getFeaturesForBoard({ boardId });
    t.check(state(after, 'jsw.agility.estimation') === 'DISABLED' && state(after, 'jsw.agility.backlog') === 'ENABLED', 'the change is kept and touches nothing else', after);

    // Every new board gets "Only My Issues" and "Recently Updated".
    const quick = await agile.board.getAllQuickFilters({ boardId });
    const names = valuesOf<{ id: number; name: string; jql: string }>(quick);
    t.check(names.map((q) => q.name).join() === 'Only My Issues,Recently Updated' && names[0]?.jql === 'assignee = currentUser()', 'the default quick filters', quick);
    const one = await agile.board.getQuickFilter({ boardId, quickFilterId: names[1]!.id });
    t.check(one.name === 'Recently Updated' && one.boardId === boardId, 'a quick filter by id', one);
    await t.expectError(() => agile.board.getQuickFilter({ boardId, quickFilterId: 1 }), (e) => e.status === 404, 'an unknown quick filter is a 404');

    const reports = await agile.board.getReportsForBoard({ boardId });
    t.check((reports as { reports?: Array<{ name: string }> }).reports?.some((r) => r.name === 'Burndown Chart'), 'a scrum board offers the burndown', reports);
    const projects = await agile.board.getProjects({ boardId });
    t.check(valuesOf<{ key: string }>(projects).map((p) => p.key).join() === 'BRD', 'the board shows its project', projects);
    const full = await agile.board.getProjectsFull({ boardId });
    t.check(Array.isArray(full) && (full as Array<{ key: string }>).map((p) => p.key).join() === 'BRD', 'getProjectsFull answers a plain list', full);
    const versions = await agile.board.getAllVersions({ boardId, released: 'false' });
    t.check(valuesOf<{ name: string }>(versions).map((v) => v.name).join() === 'R1', "the board lists its projects' unreleased versions", versions);

    const issues = await Promise.all(['One', 'Two', 'Three'].map((summary) => jira.issues.createIssue({ fields: { project: { key: 'BRD' }, issuetype: { name: 'Story' }, summary } })));
    t.check(issues.every((i) => /^BRD-\d$/.test(i.key!)), 'three stories', issues);
    const [one1, two, three] = issues.map((i) => i.key!);
    await agile.board.moveIssuesToBoard({ boardId, issues: [three], rankBeforeIssue: one1 });
    const onBoard = await agile.board.getIssuesForBoard({ boardId });
    t.checkEffect(keysOf(onBoard).join() === `${three},${one1},${two}`, 'moveIssuesToBoard ranks the issue before the anchor', onBoard);
    await t.expectError(() => agile.board.moveIssuesToBoard({ boardId, issues: ['ENG-1'] }), (e) => e.status === 400, 'an issue outside the board filter cannot be moved onto it');

    const s1 = await agile.sprint.createSprint({ name: 'BRD 1', originBoardId: boardId });
    const s2 = await agile.sprint.createSprint({ name: 'BRD 2', originBoardId: boardId, goal: 'Ship R1' });
    t.check(s2.goal === 'Ship R1' && s2.state === 'future', 'two future sprints', s2);
    const got = await agile.sprint.getSprint({ sprintId: s1.id! });
    t.check(got.name === 'BRD 1' && got.originBoardId === boardId, 'getSprint reads it back', got);
    await agile.sprint.swapSprint({ sprintId: s1.id!, sprintToSwapWith: s2.id! });
    const order = await agile.board.getAllSprints({ boardId });
    t.checkEffect(valuesOf<{ name: string }>(order).map((s) => s.name).join() === 'BRD 2,BRD 1', 'swapSprint exchanges their places on the board', order);

    // jira.js 5.4.0 sends sprint property writes without a value, which Jira refuses; keys and reads still work.
    const sprintKeys = await agile.sprint.getPropertiesKeys({ sprintId: String(s1.id) });
    t.check((sprintKeys as unknown as { keys?: unknown[] }).keys?.length === 0, 'a new sprint has no properties', sprintKeys);
    await t.expectError(() => agile.sprint.setProperty({ sprintId: String(s1.id), propertyKey: 'team' }), (e) => e.status === 400, 'a property write without a value is refused');
    await t.expectError(() => agile.sprint.getProperty({ sprintId: String(s1.id), propertyKey: 'team' }), (e) => e.status === 404, 'so there is nothing to read');
    await t.expectError(() => agile.sprint.deleteProperty({ sprintId: String(s1.id), propertyKey: 'team' }), (e) => e.status === 404, 'or to delete');
    await t.expectError(() => agile.board.getBoardProperty({ boardId: String(boardId), propertyKey: 'team' }), (e) => e.status === 404, 'the board has none either');

    const epics = await Promise.all(['Epic A', 'Epic B'].map((summary) => jira.issues.createIssue({ fields: { project: { key: 'BRD' }, issuetype: { name: 'Epic' }, summary } })));
    t.check(epics.length === 2 && epics.every((e) => !!e.key), 'two epics', epics);
    await agile.epic.rankEpics({ epicIdOrKey: epics[1].key!, rankBeforeEpic: epics[0].key! });
    const epicOrder = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = BRD AND issuetype = Epic ORDER BY Rank ASC', fields: ['summary'] });
    t.checkEffect(epicOrder.issues?.map((i) => i.key).join() === `${epics[1].key},${epics[0].key}`, 'rankEpics puts Epic B first', epicOrder);
    await agile.epic.moveIssuesToEpic({ epicIdOrKey: epics[0].key!, issues: [one1] });
    const loose = await agile.epic.getIssuesWithoutEpic({ jql: 'project = BRD' });
    t.checkEffect(keysOf(loose).sort().join() === [two, three].sort().join(), 'issues without an epic exclude the epic child and the epics', loose);
  },
};

export const scenarios: Scenario[] = [scenario];
