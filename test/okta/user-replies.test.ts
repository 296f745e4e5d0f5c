// Kept GET user and user list answers (handlers/users.ts, src/core/reply-cache.ts): after any write through the API, the next read is what presenting afresh gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clock } from '../../src/core/clock.js';
import { createTwin, type Twin } from '../../src/core/twin.js';
import { jsonCalls } from '../helpers/json-calls.js';
import { mintApiToken } from '../../twins/okta/auth.js';
import { definition } from '../../twins/okta/index.js';
import { presentUser } from '../../twins/okta/present/users.js';
import { users } from '../../twins/okta/store.js';

const ORIGIN = 'http://okta.replies.test';
let twin: Twin;
const clock = new Clock();
let token: string;
let adminId: string;
let a: string;
let b: string;
let group: string;
let made = 0;

const { call, ok } = jsonCalls(() => twin, ORIGIN, () => ({ authorization: `SSWS ${token}`, accept: 'application/json' }));

const profile = (n: string, lastName = 'Kept') => ({ firstName: 'Reply', lastName, email: `${n}@example.com`, login: `${n}@example.com` });

beforeAll(async () => {
  clock.freeze('2026-03-04T05:06:07.000Z');
  twin = createTwin(definition(), { seed: 'user-replies', clock, fixture: 'empty' });
  const creds = await (await twin.fetch(new Request(`${ORIGIN}/_dtu/credentials`))).json();
  token = creds.token;
  adminId = creds.adminUserId;
  a = (await ok('POST', '/api/v1/users?activate=false', { profile: profile('a') })).id;
  b = (await ok('POST', '/api/v1/users?activate=true', { profile: profile('b') })).id;
  group = (await ok('POST', '/api/v1/groups', { profile: { name: 'Kept readers' } })).id;
});
afterAll(async () => {
  await twin.close();
});

// Writes Okta's Users, Lifecycle and Groups APIs offer, each to `a` or to what a page of users shows.
const WRITES: Record<string, (n: number) => Promise<unknown>> = {
  rename: (n) => ok('POST', `/api/v1/users/${a}`, { profile: { firstName: `First ${n}` } }),
  lastName: (n) => ok('POST', `/api/v1/users/${a}`, { profile: { lastName: n % 2 ? 'Kept' : 'Moved' } }),
  activate: () => call('POST', `/api/v1/users/${a}/lifecycle/activate?sendEmail=false`),
  suspend: () => call('POST', `/api/v1/users/${a}/lifecycle/suspend`),
  unsuspend: () => call('POST', `/api/v1/users/${a}/lifecycle/unsuspend`),
  deactivate: () => call('POST', `/api/v1/users/${a}/lifecycle/deactivate`),
  reactivate: () => call('POST', `/api/v1/users/${a}/lifecycle/reactivate`),
  join: () => call('PUT', `/api/v1/groups/${group}/users/${a}`),
  create: (n) => ok('POST', '/api/v1/users?activate=false', { profile: profile(`c${n}-${++made}`) }),
  deleteOther: async () => {
    await call('DELETE', `/api/v1/users/${b}`);
    await call('DELETE', `/api/v1/users/${b}`);
  },
};

const LISTS = [
  `/api/v1/users?search=${encodeURIComponent('profile.lastName eq "Kept"')}&limit=20`,
  `/api/v1/users?search=${encodeURIComponent('profile.lastName eq "Kept"')}&limit=1`,
  `/api/v1/users?filter=${encodeURIComponent('status eq "ACTIVE"')}`,
  '/api/v1/users?limit=2',
];

/** `a` presented now, without any kept answer: what the GET must say. */
function fresh(): string {
  const t = twin.registry.get('default');
  return JSON.stringify(presentUser({ baseUrl: ORIGIN, tenant: t }, users(t).get(a)!));
}

describe('GET user and user pages after writes (answers are kept until the org changes)', () => {
  it('shows every write on the next read, by id, by login and as `me`, whatever was read before it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...Object.keys(WRITES)), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(...LISTS)), { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const [w, n, list] of steps) {
          await ok('GET', `/api/v1/users/${a}`); // read (and keep) before the write
          const pageBefore = await call('GET', list);
          await pageBefore.text();
          await WRITES[w](n);
          const res = await call('GET', `/api/v1/users/${a}`);
          const body = await res.text();
          expect(res.status, body).toBe(200);
          expect(body).toBe(fresh());
          // By login, the same user; read again, the same bytes.
          const login = users(twin.registry.get('default')).get(a)!.profile.login;
          expect(await (await call('GET', `/api/v1/users/${encodeURIComponent(login)}`)).text()).toBe(body);
          expect(await (await call('GET', `/api/v1/users/${a}`)).text()).toBe(body);
          // A page shows the user as it is now, with the Link header of this request.
          const page = await call('GET', list);
          const items = (await page.json()) as Array<{ id: string; status: string; profile: { firstName: string; lastName: string } }>;
          const now = users(twin.registry.get('default')).get(a)!;
          for (const u of items.filter((i) => i.id === a)) expect([u.status, u.profile.firstName, u.profile.lastName]).toEqual([now.status, now.profile.firstName, now.profile.lastName]);
          if (list.includes('limit=20')) expect(items.some((i) => i.id === a)).toBe(now.profile.lastName === 'Kept');
          // The Link header belongs to this answer: `next` continues after this page's last user.
          const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
          if (next) expect(new URL(next).searchParams.get('after')).toBe(items.at(-1)!.id);
        }
      }),
      { numRuns: 20, seed: 13 },
    );
  });

  it('answers `me` for each caller, never another caller\'s kept answer', async () => {
    const other = (await ok('POST', '/api/v1/users?activate=false', { profile: profile(`me-${++made}`) })).id;
    const theirs = mintApiToken(twin.registry.get('default'), other, 'second caller').token;
    // Both reads at the same revision of the org: the second must not be the first one's kept answer.
    expect((await ok('GET', '/api/v1/users/me')).id).toBe(adminId);
    const asThem = await twin.fetch(new Request(`${ORIGIN}/api/v1/users/me`, { headers: { authorization: `SSWS ${theirs}`, accept: 'application/json' } }));
    expect(((await asThem.json()) as { id: string }).id).toBe(other);
    expect((await ok('GET', '/api/v1/users/me')).id).toBe(adminId);
  });
});
