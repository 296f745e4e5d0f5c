/** The official Okta SDK authenticates against the twin, creates a user and reads it back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { newUser, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

describe('okta sdk smoke', () => {
  it('authenticates with the seeded SSWS token, creates a user and reads it back', async () => {
    const o = await org(server, 'smoke');
    const me = await o.client.userApi.getUser({ userId: 'me' });
    expect(me.id).toBe(o.creds.adminUserId);

    const created = await o.client.userApi.createUser({ body: newUser('smoke.user@example.com'), activate: true });
    expect(created.status).toBe('ACTIVE');
    expect(created.id).toMatch(/^00u[0-9A-Za-z]{17}$/);

    const byId = await o.client.userApi.getUser({ userId: created.id! });
    expect(byId.profile?.login).toBe('smoke.user@example.com');
    const byLogin = await o.client.userApi.getUser({ userId: 'smoke.user@example.com' });
    expect(byLogin.id).toBe(created.id);
    const byShortname = await o.client.userApi.getUser({ userId: 'smoke.user' });
    expect(byShortname.id).toBe(created.id);
  });

  it('answers every response with Okta headers', async () => {
    const o = await org(server, 'headers');
    const res = await o.raw('/api/v1/users');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-okta-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get('x-rate-limit-limit')).toBe('600');
    expect(Number(res.headers.get('x-rate-limit-remaining'))).toBeLessThan(600);
    expect(Number(res.headers.get('x-rate-limit-reset'))).toBeGreaterThan(0);
    expect(res.headers.get('date')).toBeTruthy();
    expect(res.headers.get('link')).toMatch(new RegExp(`^<${o.base}/api/v1/users>; rel="self"$`));
  });
});
