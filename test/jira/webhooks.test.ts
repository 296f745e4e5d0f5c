// Webhooks end to end: OAuth 2.0 apps register dynamic webhooks through jira.js, admins register admin webhooks, and real HTTP receivers on 127.0.0.1 get Jira's payloads, signatures and retries.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Version3Client } from 'jira.js';
import { afterEach, describe, expect, it } from 'vitest';
import { adf, failure, useSite } from './helpers.js';

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
}

/** A webhook receiver on an ephemeral port; `answer` picks each response's status. */
async function receiver(answer: (n: number) => number = () => 200): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      got.push({ headers: req.headers, raw, body: raw ? JSON.parse(raw) : null });
      res.statusCode = answer(got.length);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, got, close: () => new Promise((r) => server.close(() => r())) };
}

const env = useSite();
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  env.jira.twin.clock.unfreeze();
  await Promise.all(open.splice(0).map((r) => r.close()));
});

async function listen(answer?: (n: number) => number) {
  const r = await receiver(answer);
  open.push(r);
  return r;
}

/** jira.js as an OAuth 2.0 (3LO) app acting for the site admin, with the token `/_dtu/credentials` hands out. */
const asApp = () => new Version3Client({ host: env.site.host, authentication: { oauth2: { accessToken: env.site.creds.accessToken } } });

/** Sends whatever is due now and returns the site's deliveries (the control plane's view). */
async function flush(): Promise<any[]> {
  const res = await fetch(`${env.site.host}/_dtu/jira/webhooks/flush`, { method: 'POST' });
  return ((await res.json()) as { deliveries: any[] }).deliveries;
}

const newIssue = (project: string, summary: string) =>
  env.site.client.issues.createIssue({ fields: { project: { key: project }, summary, issuetype: { name: 'Task' } } });

describe('dynamic webhooks (OAuth 2.0 apps)', () => {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-webhooks/ — "Only Connect and OAuth 2.0 apps can use this operation."
  it('are refused to user credentials and to under-scoped tokens, in Jira’s words', async () => {
    expect(env.site.creds.accessTokenScopes).toEqual(expect.arrayContaining(['read:jira-work', 'manage:jira-webhook']));
    const basic = await failure(env.site.client.webhooks.getDynamicWebhooksForApp());
    expect(basic.status).toBe(403);
    expect(JSON.stringify(basic.data)).toContain('Only Connect and OAuth 2.0 apps can use this operation.');
    const minted = (await (await env.site.raw('POST', '/_dtu/jira/tokens', { body: JSON.stringify({ scopes: ['read:jira-work'] }), headers: { 'content-type': 'application/json' }, auth: null })).json()) as { token: string };
    const narrow = new Version3Client({ host: env.site.host, authentication: { oauth2: { accessToken: minted.token } } });
    const scoped = await failure(narrow.webhooks.getDynamicWebhooksForApp());
    expect(scoped.status).toBe(401);
    expect(JSON.stringify(scoped.data)).toContain('scope does not match');
  });

  it('deliver jira:issue_created only for issues their JQL matches, naming the matched webhook', async () => {
    const r = await listen();
    const app = asApp();
    const reg = await app.webhooks.registerDynamicWebhooks({ url: r.url, webhooks: [{ events: ['jira:issue_created'], jqlFilter: 'project = ENG' }] });
    const id = reg.webhookRegistrationResult?.[0]?.createdWebhookId;
    expect(id).toEqual(expect.any(Number));
    const eng = await newIssue('ENG', 'Hooked');
    await newIssue('MOB', 'Not hooked');
    const ds = await flush();
    expect(ds.map((d) => [d.event, d.state])).toEqual([['jira:issue_created', 'delivered']]);
    expect(r.got).toHaveLength(1);
    const { body, headers } = r.got[0];
    expect(body).toMatchObject({ webhookEvent: 'jira:issue_created', issue_event_type_name: 'issue_created', matchedWebhookIds: [id], issue: { id: eng.id, key: eng.key } });
    expect(body.issue.fields.summary).toBe('Hooked');
    expect(body.user.accountId).toBe(env.site.creds.accountId);
    expect(typeof body.timestamp).toBe('number');
    expect(headers['x-atlassian-webhook-identifier']).toBe(ds[0].id);
    expect(headers['x-atlassian-webhook-flow']).toBe('Primary');
    expect(headers['x-hub-signature']).toBeUndefined(); // only admin webhooks with a secret are signed
  });

  it('carry the changelog on jira:issue_updated, and comments on comment_created', async () => {
    const r = await listen();
    await asApp().webhooks.registerDynamicWebhooks({ url: r.url, webhooks: [{ events: ['jira:issue_updated', 'comment_created', 'jira:issue_deleted'], jqlFilter: 'project = ENG' }] });
    const issue = await newIssue('ENG', 'Before');
    await env.site.client.issues.editIssue({ issueIdOrKey: issue.key, fields: { summary: 'After' } });
    await env.site.client.issueComments.addComment({ issueIdOrKey: issue.key, comment: adf('Looks good') });
    await env.site.client.issues.deleteIssue({ issueIdOrKey: issue.key });
    await flush();
    const events = r.got.map((g) => `${g.body.webhookEvent}/${g.body.issue_event_type_name ?? ''}`);
    expect(events).toEqual(['jira:issue_updated/issue_updated', 'comment_created/', 'jira:issue_updated/issue_commented', 'jira:issue_deleted/issue_deleted']);
    const edit = r.got[0].body;
    expect(edit.changelog.items).toEqual([expect.objectContaining({ field: 'summary', fromString: 'Before', toString: 'After' })]);
    expect(edit.issue.fields.summary).toBe('After');
    const comment = r.got[1].body;
    expect(comment.comment.body).toEqual(adf('Looks good'));
    expect(comment.issue).toMatchObject({ key: issue.key, fields: { summary: 'After' } });
    expect(r.got[3].body.issue.key).toBe(issue.key);
  });

  it('are listed, refreshed (30 more days from now), expire unrefreshed, and are deleted — each app sees only its own', async () => {
    const clock = env.jira.twin.clock;
    clock.freeze();
    const app = asApp();
    const r = await listen();
    const reg = await app.webhooks.registerDynamicWebhooks({ url: r.url, webhooks: [{ events: ['jira:issue_created'], jqlFilter: 'project = ENG' }, { events: [], jqlFilter: 'project = ENG' }, { events: ['jira:issue_created'], jqlFilter: 'summary ~ "x"' }] });
    const [ok, badEvent, badJql] = reg.webhookRegistrationResult!;
    expect(ok.createdWebhookId).toEqual(expect.any(Number));
    expect(badEvent.errors?.[0]).toMatch(/event/i);
    expect(badJql.errors?.[0]).toMatch(/unsupported/);
    const thirtyDays = 30 * 86_400_000;
    const listed = await app.webhooks.getDynamicWebhooksForApp();
    expect(listed.values).toEqual([expect.objectContaining({ id: ok.createdWebhookId, jqlFilter: 'project = ENG', events: ['jira:issue_created'], expirationDate: clock.ms() + thirtyDays })]);
    clock.advance(10 * 86_400_000);
    const refreshed = await app.webhooks.refreshWebhooks({ webhookIds: [ok.createdWebhookId!] });
    expect(refreshed.expirationDate).toBe(clock.ms() + thirtyDays);
    clock.advance(thirtyDays + 1);
    await newIssue('ENG', 'After expiry');
    await flush();
    expect(r.got).toHaveLength(0);
    // Another user's grant through the same app does not see this user's webhooks.
    const priya = env.site.creds.users.find((u) => u.displayName === 'Priya Shah')!;
    const other = new Version3Client({ host: env.site.host, authentication: { oauth2: { accessToken: priya.accessToken } } });
    expect((await other.webhooks.getDynamicWebhooksForApp()).total).toBe(0);
    await app.webhooks.deleteWebhookById({ webhookIds: [ok.createdWebhookId!] });
    expect((await app.webhooks.getDynamicWebhooksForApp()).total).toBe(0);
  });

  it('retry retryable failures with backoff on the twin clock, then list the delivery as failed', async () => {
    const clock = env.jira.twin.clock;
    clock.freeze();
    const r = await listen(() => 503);
    await asApp().webhooks.registerDynamicWebhooks({ url: r.url, webhooks: [{ events: ['jira:issue_created'], jqlFilter: 'project = ENG' }] });
    await newIssue('ENG', 'Flaky receiver');
    let [d] = await flush();
    expect([d.state, d.attempts.length]).toEqual(['pending', 1]);
    // Not due yet: nothing is sent before the 5-minute minimum backoff.
    clock.advance(4 * 60_000);
    [d] = await flush();
    expect(d.attempts).toHaveLength(1);
    for (let n = 1; n <= 5; n++) {
      clock.advance(15 * 60_000);
      [d] = await flush();
      expect(r.got[n].headers['x-atlassian-webhook-retry']).toBe(String(n));
    }
    expect([d.state, d.attempts.length]).toEqual(['failed', 6]);
    expect(new Set(r.got.map((g) => g.headers['x-atlassian-webhook-identifier'])).size).toBe(1);
    const failed = await asApp().webhooks.getFailedWebhooks();
    expect(failed.values).toEqual([{ id: d.id, url: r.url, body: r.got[0].raw, failureTime: clock.ms() }]);
  });

  it('do not retry a 4xx answer that Jira treats as final', async () => {
    const r = await listen(() => 400);
    await asApp().webhooks.registerDynamicWebhooks({ url: r.url, webhooks: [{ events: ['jira:issue_created'], jqlFilter: 'project = ENG' }] });
    await newIssue('ENG', 'Rejected');
    const [d] = await flush();
    expect([d.state, d.attempts.length, d.attempts[0].status]).toEqual(['failed', 1, 400]);
  });
});

describe('admin webhooks (/rest/webhooks/1.0/webhook)', () => {
  const register = (body: unknown, auth?: string) =>
    env.site.raw('POST', '/rest/webhooks/1.0/webhook', { body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, ...(auth ? { auth } : {}) });

  it('sign deliveries with the secret (X-Hub-Signature: sha256=HMAC of the body) and never read the secret back', async () => {
    const r = await listen();
    const res = await register({ name: 'signed', url: `${r.url}/\${issue.key}`, events: ['jira:issue_created', 'worklog_created'], filters: { 'issue-related-events-section': 'project = MOB' }, secret: 's3cret' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Record<string, unknown>;
    expect(created).toMatchObject({ name: 'signed', enabled: true, events: ['jira:issue_created', 'worklog_created'] });
    expect(created.secret).toBeUndefined();
    const issue = await newIssue('MOB', 'Signed');
    await newIssue('ENG', 'Filtered out');
    await env.site.client.issueWorklogs.addWorklog({ issueIdOrKey: issue.key, timeSpentSeconds: 3600 });
    await flush();
    expect(r.got.map((g) => g.body.webhookEvent)).toEqual(['jira:issue_created', 'worklog_created']);
    for (const g of r.got) expect(g.headers['x-hub-signature']).toBe(`sha256=${createHmac('sha256', 's3cret').update(g.raw).digest('hex')}`);
    expect(r.got[1].body.worklog).toMatchObject({ issueId: issue.id, timeSpentSeconds: 3600 });
    // ${issue.key} in the URL is replaced per event (Webhooks guide, variable substitution).
    const ds = await flush();
    expect(ds[0].url).toBe(`${r.url}/${issue.key}`);
  });

  it('deliver sprint, version and project events with their payloads', async () => {
    const r = await listen();
    await register({ name: 'site', url: r.url, events: ['sprint_created', 'sprint_started', 'jira:version_created', 'jira:version_released', 'project_updated', 'issuelink_created'] });
    const board = (await env.site.raw('GET', '/rest/agile/1.0/board?type=scrum').then((x) => x.json())) as { values: Array<{ id: number }> };
    const sprint = (await env.site.raw('POST', '/rest/agile/1.0/sprint', { body: JSON.stringify({ name: 'Hook sprint', originBoardId: board.values[0].id }), headers: { 'content-type': 'application/json' } }).then((x) => x.json())) as { id: number };
    await env.site.raw('POST', `/rest/agile/1.0/sprint/${sprint.id}`, { body: JSON.stringify({ state: 'active', startDate: '2026-01-01T00:00:00.000Z', endDate: '2026-01-15T00:00:00.000Z' }), headers: { 'content-type': 'application/json' } });
    const eng = await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' });
    const version = await env.site.client.projectVersions.createVersion({ name: 'v-hook', projectId: Number(eng.id) });
    await env.site.client.projectVersions.updateVersion({ id: version.id!, released: true });
    await env.site.raw('PUT', '/rest/api/3/project/ENG', { body: JSON.stringify({ description: 'hooked' }), headers: { 'content-type': 'application/json' } });
    const [a, b] = [await newIssue('ENG', 'a'), await newIssue('ENG', 'b')];
    await env.site.client.issueLinks.linkIssues({ type: { name: 'Blocks' }, inwardIssue: { key: b.key }, outwardIssue: { key: a.key } });
    await flush();
    const by = Object.fromEntries(r.got.map((g) => [g.body.webhookEvent, g.body]));
    expect(Object.keys(by).sort()).toEqual(['issuelink_created', 'jira:version_created', 'jira:version_released', 'project_updated', 'sprint_created', 'sprint_started']);
    expect(by.sprint_created.sprint).toMatchObject({ id: sprint.id, state: 'future', name: 'Hook sprint' });
    expect(by.sprint_started.sprint).toMatchObject({ id: sprint.id, state: 'active' });
    expect(by['jira:version_released'].version).toMatchObject({ id: version.id, released: true, projectId: Number(eng.id) });
    expect(by.project_updated.project).toMatchObject({ key: 'ENG', id: Number(eng.id) });
    expect(by.issuelink_created.issueLink).toMatchObject({ sourceIssueId: Number(a.id), destinationIssueId: Number(b.id), issueLinkType: { name: 'Blocks' } });
  });

  it('are managed by administrators only, with field errors for bad input', async () => {
    const priya = env.site.creds.users.find((u) => u.displayName === 'Priya Shah')!;
    const asPriya = `Basic ${Buffer.from(`${priya.email}:${priya.apiToken}`).toString('base64')}`;
    expect((await register({ name: 'x', url: 'http://127.0.0.1:9/x', events: ['jira:issue_created'] }, asPriya)).status).toBe(403);
    const bad = await register({ name: '', url: 'not a url', events: ['nope'] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors).toEqual(expect.objectContaining({ name: expect.any(String), url: expect.any(String), events: expect.stringContaining('nope') }));
    const made = (await (await register({ name: 'keep', url: 'http://127.0.0.1:9/x', events: ['jira:issue_created'] })).json()) as { self: string };
    const id = made.self.split('/').pop();
    const put = await env.site.raw('PUT', `/rest/webhooks/1.0/webhook/${id}`, { body: JSON.stringify({ enabled: false }), headers: { 'content-type': 'application/json' } });
    expect(((await put.json()) as { enabled: boolean; name: string })).toMatchObject({ enabled: false, name: 'keep' });
    expect(((await (await env.site.raw('GET', '/rest/webhooks/1.0/webhook')).json()) as unknown[])).toHaveLength(1);
    expect((await env.site.raw('DELETE', `/rest/webhooks/1.0/webhook/${id}`)).status).toBe(204);
    expect((await env.site.raw('GET', `/rest/webhooks/1.0/webhook/${id}`)).status).toBe(404);
  });
});
