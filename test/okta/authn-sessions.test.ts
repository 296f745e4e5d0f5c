/** Signing in through the Authentication API and the sessions it opens, read and ended through the official SDK. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { newUser, sswsOrg as org, startOkta, type Org } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

const authn = async (o: Org, body: Record<string, unknown>) => {
  const res = await o.raw('/api/v1/authn', { method: 'POST', token: null, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};

describe('authentication API and sessions', () => {
  // okta-sdk-python cassettes test_sessions_it: an unknown session token is 401 E0000004 with no causes; a create with
  // no body at all cannot be read (400 E0000003), as for every operation that needs a body.
  it('an unknown session token fails authentication; a create without a body is not well-formed', async () => {
    const o = await org(server, 'session-errors');
    const bad = await o.raw('/api/v1/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionToken: 'invalid_token_12345' }) });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ errorCode: 'E0000004', errorSummary: 'Authentication failed', errorCauses: [] });
    const empty = await o.raw('/api/v1/sessions', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ errorCode: 'E0000003', errorSummary: 'The request body was not well-formed.', errorCauses: [] });
    const realm = await o.raw('/api/v1/realms', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect((await realm.json()).errorCode).toBe('E0000003');
  });

  it('a password sign-in gives a one-time session token; the session is read, refreshed and ended by id and by cookie', async () => {
    const o = await org(server, 'authn');
    const u = await o.client.userApi.createUser({ body: newUser('ann@example.com') });
    const tx = await authn(o, { username: 'ann@example.com', password: 'Xk4!vR9qzTq' });
    expect(tx.status).toBe(200);
    expect(tx.body.status).toBe('SUCCESS');
    expect(tx.body._embedded.user.id).toBe(u.id);
    const session = await o.client.sessionApi.createSession({ createSessionRequest: { sessionToken: tx.body.sessionToken } });
    expect(session.userId).toBe(u.id);
    expect(session.status).toBe('ACTIVE');
    expect(session.login).toBe('ann@example.com');
    expect(session.amr).toEqual(['pwd']);
    // A session token is single use.
    await expect(o.client.sessionApi.createSession({ createSessionRequest: { sessionToken: tx.body.sessionToken } })).rejects.toMatchObject({ status: 401, errorCode: 'E0000004' });
    // Signing in stamps lastLogin.
    expect((await o.client.userApi.getUser({ userId: u.id! })).lastLogin).toBeInstanceOf(Date);

    const byCookie = await o.client.sessionApi.getCurrentSession({ cookie: `sid=${session.id}` });
    expect(byCookie.id).toBe(session.id);
    const before = session.expiresAt!.getTime();
    await o.control('POST', 'clock', { advanceMs: 60_000 });
    const refreshed = await o.client.sessionApi.refreshSession({ sessionId: session.id! });
    expect(refreshed.expiresAt!.getTime()).toBeGreaterThan(before);
    await o.client.sessionApi.revokeSession({ sessionId: session.id! });
    await expect(o.client.sessionApi.getSession({ sessionId: session.id! })).rejects.toMatchObject({ status: 404, errorCode: 'E0000007' });
  });

  it('a wrong password fails with E0000004 and the tenth in a row locks the user out', async () => {
    const o = await org(server, 'lockout');
    const u = await o.client.userApi.createUser({ body: newUser('bo@example.com') });
    for (let i = 0; i < 9; i++) {
      const r = await authn(o, { username: 'bo@example.com', password: 'wrong' });
      expect([r.status, r.body.errorCode]).toEqual([401, 'E0000004']);
    }
    const tenth = await authn(o, { username: 'bo@example.com', password: 'wrong' });
    expect(tenth.body.status).toBe('LOCKED_OUT');
    expect((await o.client.userApi.getUser({ userId: u.id! })).status).toBe('LOCKED_OUT');
    // Even the right password now reports LOCKED_OUT and issues no session token.
    const right = await authn(o, { username: 'bo@example.com', password: 'Xk4!vR9qzTq' });
    expect(right.body).toMatchObject({ status: 'LOCKED_OUT' });
    expect(right.body.sessionToken).toBeUndefined();
  });

  it('an expired password must be changed before the transaction succeeds', async () => {
    const o = await org(server, 'expired');
    const u = await o.client.userApi.createUser({ body: newUser('cy@example.com') });
    await o.client.userApi.expirePassword({ userId: u.id! });
    const tx = await authn(o, { username: 'cy@example.com', password: 'Xk4!vR9qzTq' });
    expect(tx.body.status).toBe('PASSWORD_EXPIRED');
    expect(tx.body._links.next.name).toBe('changePassword');
    const wrongOld = await o.raw('/api/v1/authn/credentials/change_password', { method: 'POST', token: null, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stateToken: tx.body.stateToken, oldPassword: 'nope', newPassword: 'Zq8!mW3pLx' }) });
    expect(wrongOld.status).toBe(403);
    const done = await o.raw('/api/v1/authn/credentials/change_password', { method: 'POST', token: null, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stateToken: tx.body.stateToken, oldPassword: 'Xk4!vR9qzTq', newPassword: 'Zq8!mW3pLx' }) });
    const body = (await done.json()) as any;
    expect(body.status).toBe('SUCCESS');
    expect((await o.client.userApi.getUser({ userId: u.id! })).status).toBe('ACTIVE');
    // The state token expired with the transaction.
    const again = await authn(o, { stateToken: tx.body.stateToken });
    expect([again.status, again.body.errorCode]).toEqual([401, 'E0000011']);
  });

  it('a user with an active factor gets MFA_REQUIRED, a security question answer completes it, a wrong one is refused', async () => {
    const o = await org(server, 'mfa');
    const u = await o.client.userApi.createUser({ body: newUser('di@example.com') });
    const f = await o.client.userFactorApi.enrollFactor({ userId: u.id!, body: { factorType: 'question', provider: 'OKTA', profile: { question: 'favorite_art_piece', answer: 'mona lisa' } } as any });
    const tx = await authn(o, { username: 'di@example.com', password: 'Xk4!vR9qzTq' });
    expect(tx.body.status).toBe('MFA_REQUIRED');
    expect(tx.body._embedded.factors.map((x: any) => x.id)).toEqual([f.id]);
    const verify = (answer: string) => o.raw(`/api/v1/authn/factors/${f.id}/verify`, { method: 'POST', token: null, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stateToken: tx.body.stateToken, answer }) });
    const bad = await verify('the scream');
    expect([bad.status, ((await bad.json()) as any).errorCode]).toEqual([403, 'E0000068']);
    const good = (await (await verify('mona lisa')).json()) as any;
    expect(good.status).toBe('SUCCESS');
    const session = await o.client.sessionApi.createSession({ createSessionRequest: { sessionToken: good.sessionToken } });
    expect(session.amr).toContain('mfa');
    // Clearing the user's sessions ends this one.
    await o.client.userApi.revokeUserSessions({ userId: u.id! });
    await expect(o.client.sessionApi.getSession({ sessionId: session.id! })).rejects.toMatchObject({ status: 404 });
  });
});
