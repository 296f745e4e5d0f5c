// Column settings (navigator default, per user, per filter) accept every body shape Jira reads; unknown filters answer 404.
import { describe, expect, it } from 'vitest';
import { useSite } from './helpers.js';

const env = useSite();

describe('column settings bodies', () => {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-navigator-settings/#api-rest-api-3-settings-columns-put
  it('sets the navigator default columns from a {columns} object, as jira.js 6 sends it', async () => {
    const r = await env.site.raw('PUT', '/rest/api/3/settings/columns', { body: JSON.stringify({ columns: ['summary', 'status'] }), headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(200);
    const cols = await env.site.client.issueNavigatorSettings.getIssueNavigatorDefaultColumns();
    expect(cols.map((c) => c.value)).toEqual(['summary', 'status']);
  });

  it('sets them from repeated form fields, as the reference documents', async () => {
    const r = await env.site.raw('PUT', '/rest/api/3/settings/columns', { body: 'columns=assignee&columns=priority', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(200);
    const cols = await env.site.client.issueNavigatorSettings.getIssueNavigatorDefaultColumns();
    expect(cols.map((c) => c.value)).toEqual(['assignee', 'priority']);
  });

  it('refuses a column no field stands behind, and keeps the columns it had', async () => {
    const r = await env.site.raw('PUT', '/rest/api/3/settings/columns', { body: JSON.stringify({ columns: ['summary', 'nosuchcolumn'] }), headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toMatch(/nosuchcolumn/);
    const cols = await env.site.client.issueNavigatorSettings.getIssueNavigatorDefaultColumns();
    expect(cols.map((c) => c.value)).not.toContain('nosuchcolumn');
  });

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-columns-put
  it("sets the caller's own columns from a {columns} object, and a number in place of a name is refused", async () => {
    await env.site.client.users.setUserColumns({ accountId: env.site.creds.accountId, columns: ['issuekey', 'summary'] });
    const own = await env.site.client.users.getUserDefaultColumns({ accountId: env.site.creds.accountId });
    expect(own.map((c) => c.value)).toEqual(['issuekey', 'summary']);
    const bad = await env.site.raw('PUT', '/rest/api/3/user/columns', { body: JSON.stringify({ columns: [1] }), headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
  });
});

describe('filter columns and unknown filters', () => {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-filters/#api-rest-api-3-filter-id-columns-put
  it('sets a filter its own columns from a {columns} object; none of its own is a 404', async () => {
    const f = await env.site.client.filters.createFilter({ name: 'cols', jql: 'project = ENG' });
    expect((await env.site.raw('GET', `/rest/api/3/filter/${f.id}/columns`)).status).toBe(404);
    const r = await env.site.raw('PUT', `/rest/api/3/filter/${f.id}/columns`, { body: JSON.stringify({ columns: ['summary', 'status'] }), headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(200);
    expect((await env.site.client.filters.getColumns({ id: Number(f.id) })).map((c) => c.value)).toEqual(['summary', 'status']);
  });

  it('answers a deleted or unknown filter, and its share permissions, with 404', async () => {
    const f = await env.site.client.filters.createFilter({ name: 'gone', jql: 'project = ENG' });
    await env.site.client.filters.deleteFilter({ id: Number(f.id) });
    for (const path of [`/rest/api/3/filter/${f.id}`, '/rest/api/3/filter/99999999', '/rest/api/3/filter/99999999/permission']) {
      const r = await env.site.raw('GET', path);
      expect(r.status).toBe(404);
      expect(((await r.json()) as { errorMessages: string[] }).errorMessages[0]).toMatch(/not available to you/);
    }
  });
});
