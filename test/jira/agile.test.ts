// Jira Software through jira.js's AgileClient: the seeded scrum board, sprints through their lifecycle, backlog, epics, rank and the JQL sprint functions.
import { AgileClient } from 'jira.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure, startJira, type Site } from './helpers.js';

let jira: Awaited<ReturnType<typeof startJira>>;
let site: Site;
let agile: AgileClient;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(async () => {
  await jira.server.close();
});
beforeEach(async () => {
  site = await jira.site();
  agile = new AgileClient({ host: site.host, authentication: { basic: { email: site.creds.email, apiToken: site.creds.apiToken } } });
});

const keys = (page: { issues?: Array<{ key?: string }> }) => (page.issues ?? []).map((i) => i.key).sort();
const search = async (jql: string) => (await site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql, fields: ['key'] })).issues!.map((i) => i.key);

describe('Agile boards and sprints', () => {
  it('the seeded ENG scrum board: configuration, sprints by state, sprint and backlog issues', async () => {
    const boards = await agile.board.getAllBoards({ projectKeyOrId: 'ENG', type: 'scrum' });
    expect(boards.values.map((b) => b.name)).toEqual(['ENG board']);
    const board = boards.values[0]!;
    const config = await agile.board.getConfiguration({ boardId: board.id! });
    expect(config.columnConfig?.columns?.map((c) => c.name)).toEqual(['To Do', 'In Progress', 'Done']);
    // jira.js 5.4.0 declares this page as void; the twin answers Jira's page of sprints.
    const sprints = (await agile.board.getAllSprints({ boardId: board.id!, state: 'active,future' })) as unknown as { values: Array<{ id: number; name: string; state: string }> };
    expect(sprints.values.map((x) => [x.name, x.state])).toEqual([['ENG Sprint 2', 'active'], ['ENG Sprint 3', 'future']]);
    const active = sprints.values[0]!;
    expect(keys(await agile.sprint.getIssuesForSprint({ sprintId: active.id! }))).toEqual(['ENG-2', 'ENG-4']);
    // The backlog: not done, in no open sprint, epics left out — every open ENG issue is planned into a sprint.
    expect(keys(await agile.board.getIssuesForBacklog({ boardId: board.id! }))).toEqual([]);
    expect(keys(await agile.board.getIssuesForBoard({ boardId: board.id! }))).toEqual(['ENG-1', 'ENG-2', 'ENG-3', 'ENG-4', 'ENG-5', 'ENG-6']);
    const issue = await agile.issue.getIssue({ issueIdOrKey: 'ENG-2' });
    expect((issue.fields as any).sprint.name).toBe('ENG Sprint 2');
    expect((issue.fields as any).epic.key).toBe('ENG-1');
    expect((await failure(agile.board.getBoard({ boardId: 999 }))).status).toBe(404);
  });

  it('a sprint goes future → active (needs dates) → closed, and unfinished issues return to the backlog', async () => {
    const board = (await agile.board.getAllBoards({ projectKeyOrId: 'ENG', type: 'scrum' })).values[0]!;
    const s = await agile.sprint.createSprint({ name: 'Hardening', originBoardId: board.id! });
    expect(s.state).toBe('future');
    await agile.sprint.moveIssuesToSprintAndRank({ sprintId: s.id!, issues: ['ENG-6'] });
    expect(keys(await agile.sprint.getIssuesForSprint({ sprintId: s.id! }))).toEqual(['ENG-6']);
    const noDates = await failure(agile.sprint.partiallyUpdateSprint({ sprintId: s.id!, state: 'active' }));
    expect(noDates.status).toBe(400);
    await agile.sprint.partiallyUpdateSprint({ sprintId: s.id!, state: 'active', startDate: '2024-05-01T09:00:00.000Z', endDate: '2024-05-15T09:00:00.000Z' });
    expect(await search('sprint in openSprints() AND key = ENG-6')).toEqual(['ENG-6']);
    await agile.sprint.partiallyUpdateSprint({ sprintId: s.id!, state: 'closed' });
    const closed = await agile.sprint.getSprint({ sprintId: s.id! });
    expect(closed.state).toBe('closed');
    expect(closed.completeDate).toBeDefined();
    expect(await search('sprint in closedSprints() AND key = ENG-6')).toEqual(['ENG-6']);
    expect(await search('sprint in openSprints() AND key = ENG-6')).toEqual([]);
    expect(keys(await agile.board.getIssuesForBacklog({ boardId: board.id! }))).toContain('ENG-6');
  });

  it('boards are made on filters; epics hold issues through `parent`; rank orders ORDER BY Rank', async () => {
    const filter = await site.client.filters.createFilter({ name: 'Mobile', jql: 'project = MOB ORDER BY Rank ASC' });
    const board = await agile.board.createBoard({ name: 'Mobile scrum', type: 'scrum', filterId: Number(filter.id), location: { type: 'project', projectKeyOrId: 'MOB' } });
    expect(board.location?.projectKey).toBe('MOB');
    expect(keys(await agile.board.getIssuesForBoard({ boardId: board.id! }))).toEqual(['MOB-1', 'MOB-2']);
    expect((await failure(agile.board.createBoard({ name: 'x', type: 'scrum', filterId: 99999, location: { type: 'project', projectKeyOrId: 'MOB' } }))).status).toBe(400);

    const epic = await agile.epic.getEpic({ epicIdOrKey: 'ENG-1' });
    expect(epic.name).toBe('Public API v2');
    await agile.epic.moveIssuesToEpic({ epicIdOrKey: 'ENG-1', issues: ['ENG-4'] });
    expect(keys(await agile.epic.getIssuesForEpic({ epicIdOrKey: 'ENG-1' }))).toEqual(['ENG-2', 'ENG-4']);
    expect(await search('"Epic Link" = ENG-1 ORDER BY key')).toEqual(['ENG-2', 'ENG-4']);
    await agile.epic.removeIssuesFromEpic({ issues: ['ENG-4'] });
    expect(keys(await agile.epic.getIssuesForEpic({ epicIdOrKey: 'ENG-1' }))).toEqual(['ENG-2']);

    // New issues rank last, the fixture's too: each seeded issue ranks after the one written before it.
    expect(await search('project = ENG ORDER BY Rank DESC')).toEqual(['ENG-6', 'ENG-5', 'ENG-4', 'ENG-3', 'ENG-2', 'ENG-1']);
    const ranks = await Promise.all(['ENG-1', 'ENG-2', 'MKT-3'].map(async (k) => (await agile.issue.getIssue({ issueIdOrKey: k })).fields?.customfield_10019 as string));
    expect(new Set(ranks).size).toBe(3);
    expect([...ranks].sort()).toEqual(ranks);
    await agile.issue.rankIssues({ issues: ['ENG-6'], rankBeforeIssue: 'ENG-4' });
    expect(await search('project = ENG AND key in (ENG-4, ENG-5, ENG-6) ORDER BY Rank ASC')).toEqual(['ENG-6', 'ENG-4', 'ENG-5']);
  });
});
