// jira.js compat: what one user keeps track of — personal preferences, which issues they watch, and the site's work log feed.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

/** Version2Client's setPreference takes the value; the body is written against Version3's types. */
type V2Myself = { setPreference(p: { key: string; value: string }): Promise<void> };

export const scenarios: Scenario[] = overBothClients(
  { name: 'personal tracking: preferences, bulk watching state, work logs changed since, work logs by id' },
  async (jira, ctx, t, api) => {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-mypreferences-put
    // Version2Client sends the value as text/plain; jira.js 5.4.0's Version3Client.setPreference sends no body at
    // all (its request config has no `data`), so on v3 the value is set with a plain request and only read through the SDK.
    if (api === 2) await (jira.myself as unknown as V2Myself).setPreference({ key: 'compat.board.view', value: 'compact' });
    else {
      const auth = Buffer.from(`${ctx.credentials.email}:${ctx.credentials.apiToken}`).toString('base64');
      const put = await fetch(`${ctx.baseUrl}/rest/api/3/mypreferences?key=compat.board.view`, { method: 'PUT', body: 'compact', headers: { authorization: `Basic ${auth}`, 'content-type': 'text/plain' } });
      t.check(put.status === 204, 'a text/plain preference value is stored (204)', put.status);
    }
    const pref = await jira.myself.getPreference({ key: 'compat.board.view' });
    t.checkEffect(pref === 'compact', 'a preference set as text reads back', pref);
    await jira.myself.removePreference({ key: 'compat.board.view' });
    await t.expectError(() => jira.myself.getPreference({ key: 'compat.board.view' }), (e) => e.status === 404, 'a removed preference is gone (404)', { effect: true });

    // POST /issue/watching: the caller's watching state per visible issue id (creators watch what they create).
    const me = ctx.credentials.accountId as string;
    const watched = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'Watched task' } });
    const unwatched = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'Unwatched task' } });
    await jira.issueWatchers.removeWatcher({ issueIdOrKey: unwatched.key!, accountId: me });
    const state = await jira.issueWatchers.getIsWatchingIssueBulk({ issueIds: [watched.id!, unwatched.id!, '99999999'] });
    const watching = (state.issuesIsWatching ?? {}) as Record<string, boolean>;
    t.checkEffect(
      watching[watched.id!] === true && watching[unwatched.id!] === false && !('99999999' in watching),
      'watching state per issue; unknown ids are left out',
      state,
    );

    // GET /worklog/updated then POST /worklog/list: the feed an integration syncs work logs from.
    const logged = await jira.issueWorklogs.addWorklog({ issueIdOrKey: watched.key!, timeSpent: '1h 30m' });
    const since = Date.parse(logged.updated!) - 1;
    const feed = await jira.issueWorklogs.getIdsOfWorklogsModifiedSince({ since });
    t.check(feed.values?.some((v) => v.worklogId === Number(logged.id)) === true && feed.values.every((v) => (v.updatedTime ?? 0) >= since) && feed.lastPage === true, 'the new work log is in the changed-since feed', feed);
    const full = await jira.issueWorklogs.getWorklogsForIds({ ids: [Number(logged.id), 99999999] });
    t.check(full.length === 1 && full[0].id === logged.id && full[0].timeSpentSeconds === 5400 && full[0].issueId === watched.id, 'work logs by id: known ids only, with their time', full);
  },
);
