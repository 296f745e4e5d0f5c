/** Cursor pagination the SDK follows, Okta's per-endpoint rate-limit headers, 429 E0000047, and the SDK's backoff on it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { all, newUser, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

describe('pagination', () => {
  it('the SDK walks 250 users in pages of 100 through Link rel="next" on the twin origin', async () => {
    const o = await org(server, 'paging');
    for (let batch = 0; batch < 10; batch++) {
      const made = await Promise.all(
        Array.from({ length: 25 }, (_, k) => batch * 25 + k).map((i) =>
          o.raw('/api/v1/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(newUser(`user${String(i).padStart(3, '0')}@example.com`)) }),
        ),
      );
      expect(made.map((r) => r.status)).toEqual(Array(25).fill(200));
    }
    const first = await o.raw('/api/v1/users?limit=100');
    const page1 = await first.json();
    expect(page1).toHaveLength(100);
    const link = first.headers.get('link')!;
    expect(link).toContain(`<${o.base}/api/v1/users?limit=100>; rel="self"`);
    const next = /<([^>]+)>; rel="next"/.exec(link)![1];
    expect(new URL(next).searchParams.get('after')).toBe(page1[99].id);

    const ids = (await all(o.client.userApi.listUsers({ limit: 100 }))).map((u) => u.id);
    expect(ids).toHaveLength(251);
    expect(new Set(ids).size).toBe(251);

    // A cursor stays valid after its user is deleted: ids sort in creation order.
    const cursor = page1[99].id;
    const following = (await (await o.raw('/api/v1/users?limit=101')).json())[100].id;
    await o.client.userApi.deleteUser({ userId: cursor });
    await o.client.userApi.deleteUser({ userId: cursor });
    const after = await (await o.raw(`/api/v1/users?limit=5&after=${cursor}`)).json();
    expect(after[0].id).toBe(following);
  });

  it('honours limit and clamps it to the documented maximum', async () => {
    const o = await org(server, 'limits-cap');
    for (let i = 0; i < 3; i++) await o.client.groupApi.createGroup({ group: { profile: { name: `G${i}` } } });
    expect(await (await o.raw('/api/v1/groups?limit=2')).json()).toHaveLength(2);
    const capped = await o.raw('/api/v1/users?limit=5000');
    expect(capped.headers.get('link')).toBe(`<${o.base}/api/v1/users?limit=5000>; rel="self"`);
    expect(await capped.json()).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('counts every call in Okta per-endpoint buckets', async () => {
    const o = await org(server, 'buckets');
    const users = await o.raw('/api/v1/users');
    const apps = await o.raw('/api/v1/apps');
    const logs = await o.raw('/api/v1/logs');
    const me = await o.raw('/api/v1/users/me');
    expect(users.headers.get('x-rate-limit-limit')).toBe('600');
    expect(apps.headers.get('x-rate-limit-limit')).toBe('100');
    expect(logs.headers.get('x-rate-limit-limit')).toBe('120');
    expect(me.headers.get('x-rate-limit-limit')).toBe('2000');
    const again = await o.raw('/api/v1/users');
    expect(Number(again.headers.get('x-rate-limit-remaining'))).toBe(Number(users.headers.get('x-rate-limit-remaining')) - 1);
  });

  it('answers 429 E0000047 with reset headers once a bucket is spent (when enforcement is on)', async () => {
    const o = await org(server, 'exhaust');
    await o.control('PUT', 'ratelimits', { enforce: true, scale: 2 / 120 });
    expect((await o.raw('/api/v1/logs')).status).toBe(200);
    expect((await o.raw('/api/v1/logs')).status).toBe(200);
    const res = await o.raw('/api/v1/logs');
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorCauses: [] });
    expect(res.headers.get('x-rate-limit-limit')).toBe('2');
    expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(res.headers.getSetCookie?.()).toEqual([]);
    expect(res.headers.get('x-rate-limit-reset')?.split(',')).toHaveLength(1);
    expect(Number(res.headers.get('x-rate-limit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.parse(res.headers.get('date')!) / 1000));
    // Other buckets are unaffected.
    expect((await o.raw('/api/v1/users')).status).toBe(200);
  });
});

describe('rate limit backoff', () => {
  let own: Listening;
  beforeAll(async () => {
    own = await startOkta();
  });
  afterAll(async () => {
    await own.close();
  });

  it('the SDK waits for x-rate-limit-reset and retries with X-Okta-Retry-For', async () => {
    const o = await org(own, 'backoff');
    await o.control('PUT', 'ratelimits', { enforce: true, scale: 1 / 120 });
    // A first call compiles the operation's validators; make it now, not inside the 300 ms before the boundary.
    await o.raw('/api/v1/logs?limit=1');
    const mark = (await o.control('GET', 'journal?limit=1')).lastSeq as number;
    // Put the twin clock just before a window boundary so the retry lands in a fresh window.
    const now = Date.now();
    await o.control('POST', 'clock', { set: Math.ceil(now / 60_000) * 60_000 + 60_000 - 300 });
    expect((await o.raw('/api/v1/logs?since=2000-01-01T00:00:00.000Z&until=2100-01-01T00:00:00.000Z')).status).toBe(200);
    const events = await all(o.client.systemLogApi.listLogEvents({ since: '2000-01-01T00:00:00.000Z', until: '2100-01-01T00:00:00.000Z' }));
    expect(events.length).toBeGreaterThan(0);
    const journal = (await o.control('GET', `journal?operationId=getLogs&since=${mark}`)).entries as Array<{ status: number; request: { headers: Record<string, string> } }>;
    expect(journal.map((e) => e.status)).toEqual([200, 429, 200]);
    expect(journal[2].request.headers['x-okta-retry-count']).toBe('1');
    expect(journal[2].request.headers['x-okta-retry-for']).toMatch(/^[0-9a-f]{32}$/);
  });
});
