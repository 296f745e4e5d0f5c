// The Jira twin at the HTTP level: tenant resolution, OAuth scopes, XSRF, headers, rate limiting, determinism, reset, inferred and unimplemented operations.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Version3Client } from 'jira.js';
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

const siteName = () => new URL(site.host).pathname.split('/')[2];
const control = (method: string, path: string, body?: unknown) =>
  fetch(`${jira.server.url}/t/${siteName()}/_dtu${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const json = { 'content-type': 'application/json' };

describe('authentication and tenancy', () => {
  it('a credential alone picks its site when the URL has no /t/<site> prefix', async () => {
    const bare = new Version3Client({ host: jira.server.url, authentication: { basic: { email: site.creds.email, apiToken: site.creds.apiToken } } });
    expect((await bare.myself.getCurrentUser()).accountId).toBe(site.creds.accountId);
  });

  it("an API token only works with its owner's email address", async () => {
    const other = site.creds.users.find((u) => u.displayName === 'Priya Shah')!;
    const res = await site.raw('GET', '/rest/api/3/myself', { auth: `Basic ${Buffer.from(`${other.email}:${site.creds.apiToken}`).toString('base64')}` });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
  });

  it('OAuth 2.0 tokens are held to the operation’s scope ("Unauthorized; scope does not match")', async () => {
    const minted = await (await control('POST', '/jira/tokens', { kind: 'oauth_access_token', scopes: ['read:jira-user', 'read:jira-work'] })).json();
    const reader = new Version3Client({ host: site.host, authentication: { oauth2: { accessToken: minted.token } } });
    expect((await reader.issues.getIssue({ issueIdOrKey: 'ENG-1' })).key).toBe('ENG-1');
    const e = await failure(reader.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'nope' } }));
    expect(e.status).toBe(401);
    expect(e.data).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });
  });

  it('removed users lose API access', async () => {
    const priya = site.creds.users.find((u) => u.displayName === 'Priya Shah')!;
    await site.client.users.removeUser({ accountId: priya.accountId });
    const e = await failure(site.as('Priya Shah').myself.getCurrentUser());
    expect(e.status).toBe(401);
  });
});

describe('transport rules', () => {
  it('simple content types pass the XSRF check only with X-Atlassian-Token: no-check, then meet 415', async () => {
    const blocked = await site.raw('POST', '/rest/api/3/issue', { body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(blocked.status).toBe(403);
    expect(await blocked.text()).toMatch(/^XSRF check failed/);
    const passed = await site.raw('POST', '/rest/api/3/issue', { body: 'x', headers: { 'content-type': 'text/plain', 'x-atlassian-token': 'no-check' } });
    expect(passed.status).toBe(415);
  });

  it("answers with Jira's JSON content type, request ids and rate-limit headers", async () => {
    const a = await site.raw('GET', '/rest/api/3/serverInfo');
    const b = await site.raw('GET', '/rest/api/3/serverInfo');
    expect(a.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(a.headers.get('x-arequestid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a.headers.get('atl-traceid')).toMatch(/^[0-9a-f]{16}$/);
    expect(a.headers.get('x-arequestid')).not.toBe(b.headers.get('x-arequestid'));
    expect(Number(a.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
    expect((await a.json()).deploymentType).toBe('Cloud');
  });

  it('enforced burst limits answer 429 with Retry-After and X-RateLimit-* headers', async () => {
    jira.twin.clock.freeze('2030-01-01T00:00:00.500Z');
    try {
      await control('PUT', '/ratelimits', { enforce: true, scale: 0.03 });
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let n = 0; n < 4; n++) {
        last = await site.raw('GET', '/rest/api/3/myself');
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(last!.headers.get('retry-after')).toBe('1');
      expect(last!.headers.get('x-ratelimit-reset')).toBe('2030-01-01T00:00Z');
      expect(last!.headers.get('ratelimit-reason')).toBe('jira-burst-based');
      expect((await last!.json()).errorMessages).toHaveLength(1);
      jira.twin.clock.advance(1000);
      expect((await site.raw('GET', '/rest/api/3/myself')).status).toBe(200);
    } finally {
      await control('PUT', '/ratelimits', { enforce: false, scale: 1 });
      jira.twin.clock.unfreeze();
    }
  });
});

describe('state', () => {
  it('the same seed gives the same site, ids and tokens included', async () => {
    const again = await startJira();
    try {
      const name = siteName();
      const creds = await (await fetch(`${again.server.url}/t/${name}/_dtu/credentials`)).json();
      expect(creds.accountId).toBe(site.creds.accountId);
      expect(creds.apiToken).toBe(site.creds.apiToken);
    } finally {
      await again.server.close();
    }
  });

  it('reset returns a site to its fixture', async () => {
    await site.client.projects.createProject({ key: 'TEMP', name: 'Temporary', projectTypeKey: 'software', leadAccountId: site.creds.accountId });
    expect((await control('POST', '/reset')).status).toBe(200);
    expect((await failure(site.client.projects.getProject({ projectIdOrKey: 'TEMP' }))).status).toBe(404);
    expect((await site.client.projects.getProject({ projectIdOrKey: 'ENG' })).name).toBe('Engineering Platform');
  });

  it('operations without hand-written behavior keep state through the inferred layer (components)', async () => {
    const res = await site.raw('POST', '/rest/api/3/component', { body: JSON.stringify({ name: 'Backend', project: 'ENG' }), headers: json });
    expect(res.status).toBe(201);
    const created = await res.json();
    const read = await (await site.raw('GET', `/rest/api/3/component/${created.id}`)).json();
    expect(read).toMatchObject({ name: 'Backend', project: 'ENG' });
    expect((await site.client.projects.getProject({ projectIdOrKey: 'ENG' })).components?.map((c) => c.name)).toEqual(['Backend']);
    const missing = await site.raw('GET', '/rest/api/3/component/424242');
    expect(missing.status).toBe(404);
    expect(Array.isArray((await missing.json()).errorMessages)).toBe(true);
  });

  it('unimplemented operations answer 501 in Jira’s ErrorCollection format', async () => {
    const res = await site.raw('PUT', '/rest/api/3/plans/plan/1/archive', { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(501);
    expect((await res.json()).errorMessages[0]).toContain('archivePlan');
  });
});
