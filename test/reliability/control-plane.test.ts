// Control plane inputs are checked against their schemas, the admin token gates it off loopback, and handed-out credentials survive the clock.
import { describe, expect, it } from 'vitest';
import { VENDORS } from '../../src/vendors.js';
import { listen } from '../../src/server/node.js';
import { loadFixture } from '../../src/core/fixtures.js';
import { call, credentialsOf, freshTenant, twinOf, WHOAMI } from './helpers.js';

const DAY = 86_400_000;

describe('faults', () => {
  it('refuses an unknown operation, naming the closest one (getUsr → getUser)', async () => {
    const okta = await twinOf('okta');
    const res = await call(okta, 'POST', '/_dtu/faults', { body: { kind: 'error', operation: 'getUsr', status: 503 } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('unknown operation "getUsr"; did you mean "getUser"?');
    expect((await call(okta, 'GET', '/_dtu/faults')).json.faults).toEqual([]);
  });

  it('refuses a glob that matches nothing, unknown fields and out-of-range values; accepts a good rule that then fires', async () => {
    const slack = await twinOf('slack');
    const bad = [
      [{ kind: 'error', operation: 'chatt.*' }, 'matches no operation'],
      [{ kind: 'error', operation: 'chat.postMessage', statuss: 500 }, 'unknown field "statuss"'],
      [{ kind: 'boom' }, 'must be one of latency, error, outage, rate_limit'],
      [{ kind: 'error', probability: 2 }, '/probability must be <= 1'],
      [{ kind: 'error', status: 200 }, '/status must be >= 400'],
      [{ kind: 'latency', latencyMs: 'slow' }, '/latencyMs must be integer'],
      [{ kind: 'error', tenant: '../etc' }, '/tenant must match pattern'],
    ] as const;
    for (const [body, message] of bad) {
      const res = await call(slack, 'POST', '/_dtu/faults', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.message).toContain(message);
    }
    expect((await call(slack, 'POST', '/_dtu/faults', { body: '{not json' })).status).toBe(400);
    const tenant = freshTenant('faults');
    const added = await call(slack, 'POST', `/t/${tenant}/_dtu/faults`, { body: { kind: 'error', operation: 'auth.test', count: 1, status: 503 } });
    expect(added.status).toBe(201);
    const creds = await credentialsOf(slack, tenant);
    const hit = await call(slack, 'POST', `/t/${tenant}/api/auth.test`, { headers: { authorization: `Bearer ${creds.botToken}` } });
    expect(hit.status).toBe(503);
    const after = await call(slack, 'POST', `/t/${tenant}/api/auth.test`, { headers: { authorization: `Bearer ${creds.botToken}` } });
    expect(after.json.ok).toBe(true);
  });
});

describe('seed', () => {
  it('refuses malformed fixtures with the offending path and leaves the tenant as it was', async () => {
    const okta = await twinOf('okta');
    const tenant = freshTenant('seed');
    const before = (await credentialsOf(okta, tenant)).token;
    const cases = [
      [{ fixture: { usres: [] } }, 'unknown field "usres"'],
      [{ fixture: { users: 'alice' } }, 'fixture/users must be array'],
      [{ fixture: { users: [{ password: 'x' }] } }, 'fixture/users/0: missing field "profile"'],
      [{ fixture: 'default' }, 'seed/fixture must be object,null'],
      [{ tenant: 'a b', fixture: {} }, 'seed/tenant must match pattern'],
      [{}, 'missing field "fixture"'],
    ] as const;
    for (const [body, message] of cases) {
      const res = await call(okta, 'POST', `/t/${tenant}/_dtu/seed`, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.message).toContain(message);
    }
    expect((await credentialsOf(okta, tenant)).token).toBe(before);
    const ok = await call(okta, 'POST', `/t/${tenant}/_dtu/seed`, { body: { fixture: { org: { subdomain: 'tiny' }, users: [{ profile: { login: 'a@tiny.example', email: 'a@tiny.example', firstName: 'A', lastName: 'B' } }] } } });
    expect(ok.status).toBe(200);
    const creds = await credentialsOf(okta, tenant);
    const list = await call(okta, 'GET', `/t/${tenant}/api/v1/users`, { headers: { authorization: `SSWS ${creds.token}` } });
    expect(list.json.map((u: any) => u.profile.login).sort()).toContain('a@tiny.example');
  });

  it('every vendor accepts its own default fixture and none; Slack refuses one without a team', async () => {
    for (const v of VENDORS) {
      const twin = await twinOf(v);
      for (const fixture of [loadFixture(v, 'default'), null]) {
        const res = await call(twin, 'POST', `/t/${freshTenant('seed')}/_dtu/seed`, { body: { fixture } });
        expect(res.status, `${v} ${res.text}`).toBe(200);
      }
    }
    const res = await call(await twinOf('slack'), 'POST', `/t/${freshTenant('seed')}/_dtu/seed`, { body: { fixture: { users: [] } } });
    expect(res.json.error.message).toContain('missing field "team"');
  });
});

describe('clock and restore', () => {
  it('refuses invalid times, unknown fields and jumps past what a date can show, without moving', async () => {
    const jira = await twinOf('jira');
    const before = (await call(jira, 'GET', '/_dtu/clock')).json.epochMs;
    for (const body of [{ set: 'yesterday-ish' }, { advanceMs: 'a lot' }, { advanceMs: 1e300 }, { set: 8.64e15 + 1 }, { freeze: {} }, { sett: 1 }, {}]) {
      const res = await call(jira, 'POST', '/_dtu/clock', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(typeof res.json.error.message).toBe('string');
    }
    expect(Math.abs((await call(jira, 'GET', '/_dtu/clock')).json.epochMs - before)).toBeLessThan(5_000);
  });

  it('refuses snapshots that are not snapshots', async () => {
    const google = await twinOf('google');
    for (const body of [{ tenants: { t1: { collections: { users: [{ name: 'no id' }] } } } }, { tenants: { 'bad name!': { collections: {} } } }, { tenants: [] }, { tenants: { t1: { collections: {}, random: [1, 2] } } }]) {
      const res = await call(google, 'POST', '/_dtu/restore', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('admin token', () => {
  it('guards every control route but health when set; vendor routes are unaffected', async () => {
    const twin = await twinOf('slack', { adminToken: 'sesame-123' });
    expect((await call(twin, 'GET', '/_dtu/health')).status).toBe(200);
    for (const [method, path] of [['GET', '/_dtu/credentials'], ['GET', '/_dtu/journal'], ['POST', '/_dtu/reset'], ['GET', '/_dtu/snapshot'], ['GET', '/_dtu/slack/apps']]) {
      const none = await call(twin, method, path);
      expect(none.status, path).toBe(401);
      expect(none.json.error.message).toContain('admin token');
      expect((await call(twin, method, path, { headers: { 'x-dtu-admin-token': 'sesame-12' } })).status).toBe(401);
    }
    const creds = await call(twin, 'GET', '/_dtu/credentials', { headers: { 'x-dtu-admin-token': 'sesame-123' } });
    expect(creds.status).toBe(200);
    expect((await call(twin, 'GET', '/_dtu/credentials', { headers: { authorization: 'Bearer sesame-123' } })).status).toBe(200);
    const vendor = await call(twin, 'POST', '/api/auth.test', { headers: { authorization: `Bearer ${creds.json.botToken}` } });
    expect(vendor.json.ok).toBe(true);
  });

  it('a twin without one refuses to listen beyond loopback', async () => {
    const twin = await twinOf('jira');
    await expect(listen(twin, { host: '0.0.0.0', port: 0 })).rejects.toThrow(/without an admin token/);
  });
});

describe('credentials as the clock moves', () => {
  for (const v of VENDORS) {
    it(`${v}: what /_dtu/credentials hands out works after 31, 95 and 400 days`, async () => {
      const twin = await twinOf(v, {});
      const tenant = freshTenant('clock');
      await credentialsOf(twin, tenant);
      for (const days of [31, 64, 305]) {
        await call(twin, 'POST', '/_dtu/clock', { body: { advanceMs: days * DAY } });
        const creds = await credentialsOf(twin, tenant);
        for (const probe of WHOAMI[v](creds)) {
          // No /t/ prefix: the credential alone must find its tenant.
          const res = await call(twin, probe.method ?? 'GET', probe.path, { headers: probe.headers });
          expect(probe.ok(res.status, res.json), `${v} +${days}d ${probe.path} ${res.status} ${res.text.slice(0, 200)}`).toBe(true);
        }
      }
    });
  }
});
