// Site-wide listings through jira.js: labels in use, worklogs by id and by change time, and which issues the caller watches.
import { describe, expect, it } from 'vitest';
import { useSite } from './helpers.js';

const env = useSite();

describe('site-wide listings', () => {
  it('list every label in use, sorted and paged', async () => {
    const issue = await env.site.client.issues.createIssue({ fields: { project: { key: 'ENG' }, summary: 'Labelled', issuetype: { name: 'Task' }, labels: ['zeta-label', 'alpha-label'] } });
    const all = await env.site.client.labels.getAllLabels({ maxResults: 1000 });
    expect(all.values).toEqual(expect.arrayContaining(['alpha-label', 'zeta-label']));
    expect(all.values).toEqual([...all.values!].sort());
    expect(all.isLast).toBe(true);
    const second = await env.site.client.labels.getAllLabels({ maxResults: 1, startAt: 1 });
    expect([second.startAt, second.maxResults, second.values]).toEqual([1, 1, [all.values![1]]]);
    await env.site.client.issues.editIssue({ issueIdOrKey: issue.key, fields: { labels: [] } });
    expect((await env.site.client.labels.getAllLabels({ maxResults: 1000 })).values).not.toContain('zeta-label');
  });

  it('find worklogs by id and by the time they changed', async () => {
    const clock = env.jira.twin.clock;
    clock.freeze('2026-03-01T10:00:00.000Z');
    try {
      const issue = await env.site.client.issues.createIssue({ fields: { project: { key: 'ENG' }, summary: 'Logged', issuetype: { name: 'Task' } } });
      const w = await env.site.client.issueWorklogs.addWorklog({ issueIdOrKey: issue.key, timeSpentSeconds: 600 });
      const byIds = await env.site.client.issueWorklogs.getWorklogsForIds({ ids: [Number(w.id), 99999999] });
      expect(byIds.map((x) => [x.id, x.timeSpentSeconds])).toEqual([[w.id, 600]]);
      const since = Date.parse('2026-03-01T09:59:00.000Z');
      const page = await env.site.client.issueWorklogs.getIdsOfWorklogsModifiedSince({ since });
      expect(page.values).toEqual([{ worklogId: Number(w.id), updatedTime: Date.parse('2026-03-01T10:00:00.000Z'), properties: [] }]);
      expect([page.lastPage, page.until]).toEqual([true, Date.parse('2026-03-01T10:00:00.000Z')]);
      expect((await env.site.client.issueWorklogs.getIdsOfWorklogsModifiedSince({ since: since + 120_000 })).values).toEqual([]);
    } finally {
      clock.unfreeze();
    }
  });

  it('say which of the named issues the caller watches', async () => {
    const mine = await env.site.client.issues.createIssue({ fields: { project: { key: 'ENG' }, summary: 'Watched', issuetype: { name: 'Task' } } });
    const other = await env.site.as('Priya Shah').issues.createIssue({ fields: { project: { key: 'ENG' }, summary: 'Not watched', issuetype: { name: 'Task' } } });
    const r = await env.site.client.issueWatchers.getIsWatchingIssueBulk({ issueIds: [mine.id, other.id] });
    expect(r.issuesIsWatching).toEqual({ [mine.id]: true, [other.id]: false });
  });
});
