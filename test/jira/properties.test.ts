// Entity properties through jira.js (issues, projects, issue types, users, comments, worklogs, bulk), app-only operations refused to users, and multi-valued query parameters.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure, startJira, type Site } from './helpers.js';

let jira: Awaited<ReturnType<typeof startJira>>;
let site: Site;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(async () => {
  await jira.server.close();
});
beforeEach(async () => {
  site = await jira.site();
});

const VALUE = { nested: { deep: [1, 2, { flag: true }] }, text: 'значение', nothing: null };

describe('entity properties', () => {
  it('issue properties round-trip verbatim, replace on rewrite, list, and delete', async () => {
    const c = site.client;
    expect((await c.issueProperties.getIssuePropertyKeys({ issueIdOrKey: 'ENG-1' })).keys).toEqual([]);
    const first = await site.raw('PUT', '/rest/api/3/issue/ENG-1/properties/app.state', { body: JSON.stringify(VALUE), headers: { 'content-type': 'application/json' } });
    expect(first.status).toBe(201);
    expect((await c.issueProperties.getIssueProperty({ issueIdOrKey: 'ENG-1', propertyKey: 'app.state' })).value).toEqual(VALUE);
    await c.issueProperties.setIssueProperty({ issueIdOrKey: 'ENG-1', propertyKey: 'app.state', propertyValue: { only: 'this' } });
    expect((await c.issueProperties.getIssueProperty({ issueIdOrKey: 'ENG-1', propertyKey: 'app.state' })).value).toEqual({ only: 'this' });
    const keys = await c.issueProperties.getIssuePropertyKeys({ issueIdOrKey: 'ENG-1' });
    expect(keys.keys?.map((k) => k.key)).toEqual(['app.state']);
    await c.issueProperties.deleteIssueProperty({ issueIdOrKey: 'ENG-1', propertyKey: 'app.state' });
    expect((await failure(c.issueProperties.getIssueProperty({ issueIdOrKey: 'ENG-1', propertyKey: 'app.state' }))).status).toBe(404);
  });

  it('bulk set reaches the issues named, and each owner kind keeps its own namespace', async () => {
    const c = site.client;
    const [a, b] = await Promise.all(['ENG-1', 'ENG-2'].map((k) => c.issues.getIssue({ issueIdOrKey: k, fields: ['summary'] })));
    await c.issueProperties.bulkSetIssueProperty({ propertyKey: 'flag', value: { bulk: true }, filter: { entityIds: [Number(a.id), Number(b.id)] } });
    expect((await c.issueProperties.getIssueProperty({ issueIdOrKey: 'ENG-2', propertyKey: 'flag' })).value).toEqual({ bulk: true });
    expect((await failure(c.issueProperties.getIssueProperty({ issueIdOrKey: 'ENG-3', propertyKey: 'flag' }))).status).toBe(404);
    await c.projectProperties.setProjectProperty({ projectIdOrKey: 'ENG', propertyKey: 'flag', propertyValue: { on: 'project' } });
    expect((await c.projectProperties.getProjectProperty({ projectIdOrKey: 'ENG', propertyKey: 'flag' })).value).toEqual({ on: 'project' });
    // jira.js 5.4.0 sends setIssueTypeProperty and setWorklogProperty without their value, which Jira refuses.
    expect((await failure(c.issueTypeProperties.setIssueTypeProperty({ issueTypeId: '10002', propertyKey: 'flag' }))).status).toBe(400);
    const json = { 'content-type': 'application/json' };
    await site.raw('PUT', '/rest/api/3/issuetype/10002/properties/flag', { body: JSON.stringify({ on: 'type' }), headers: json });
    expect((await c.issueTypeProperties.getIssueTypeProperty({ issueTypeId: '10002', propertyKey: 'flag' })).value).toEqual({ on: 'type' });
    expect((await failure(c.userProperties.getUserPropertyKeys({}))).status).toBe(400);
    await c.userProperties.setUserProperty({ accountId: site.creds.accountId, propertyKey: 'flag', propertyValue: { on: 'user' } });
    expect((await c.userProperties.getUserProperty({ accountId: site.creds.accountId, propertyKey: 'flag' })).value).toEqual({ on: 'user' });
    const comment = await c.issueComments.addComment({ issueIdOrKey: 'ENG-1', comment: 'hi' });
    await c.issueCommentProperties.setCommentProperty({ commentId: comment.id!, propertyKey: 'flag', property: { on: 'comment' } });
    const worklog = await c.issueWorklogs.addWorklog({ issueIdOrKey: 'ENG-1', timeSpentSeconds: 60 });
    await site.raw('PUT', `/rest/api/3/issue/ENG-1/worklog/${worklog.id}/properties/flag`, { body: JSON.stringify({ on: 'worklog' }), headers: json });
    expect((await c.issueCommentProperties.getCommentProperty({ commentId: comment.id!, propertyKey: 'flag' })).value).toEqual({ on: 'comment' });
    expect((await c.issueWorklogProperties.getWorklogProperty({ issueIdOrKey: 'ENG-1', worklogId: worklog.id!, propertyKey: 'flag' })).value).toEqual({ on: 'worklog' });
  });

  it('app-only operations refuse user credentials before reading the request', async () => {
    const webhooks = await failure(site.client.webhooks.getDynamicWebhooksForApp());
    expect(webhooks).toEqual({ status: 403, data: { errorMessages: ['Only Connect and OAuth 2.0 apps can use this operation.'], errors: {} } });
    const props = await failure(site.client.appProperties.getAddonProperties({ addonKey: 'com.example.app' }));
    expect(props.status).toBe(403);
  });

  it('repeated and comma-joined query lists mean the same', async () => {
    const repeated = await (await site.raw('GET', '/rest/api/3/myself?expand=groups&expand=applicationRoles')).json();
    const joined = await (await site.raw('GET', '/rest/api/3/myself?expand=groups,applicationRoles')).json();
    expect(repeated.groups.items.length).toBeGreaterThan(0);
    expect(repeated).toEqual(joined);
  });
});
