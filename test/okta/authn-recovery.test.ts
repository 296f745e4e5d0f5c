/** Self-service recovery through the Authentication API: forgot password and unlock, by SMS code or recovery token, with the recovery question. */
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

const post = async (o: Org, path: string, body: Record<string, unknown>) => {
  const res = await o.raw(path, { method: 'POST', token: null, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};

/** A user with a recovery question and an active SMS factor. */
async function recoverable(o: Org, login: string) {
  const body = newUser(login);
  const u = await o.client.userApi.createUser({ body: { ...body, credentials: { ...body.credentials, recovery_question: { question: 'Favorite city?', answer: 'Lisbon' } } } as any });
  const sms: any = await o.client.userFactorApi.enrollFactor({ userId: u.id!, activate: true, body: { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+1 415 555 0100' } } as any });
  return { u, sms };
}

describe('authentication API recovery', () => {
  it('forgot password by SMS: code, recovery question, new password, then the MFA the user has', async () => {
    const o = await org(server, 'recover-sms');
    const { u, sms } = await recoverable(o, 'rita@example.com');
    const start = await post(o, '/api/v1/authn/recovery/password', { username: 'rita@example.com', factorType: 'SMS' });
    expect(start.body).toMatchObject({ status: 'RECOVERY_CHALLENGE', recoveryType: 'PASSWORD', factorType: 'SMS', factorResult: 'WAITING' });
    expect(start.body._links.next.href).toMatch(/\/api\/v1\/authn\/recovery\/factors\/SMS\/verify$/);
    const stateToken = start.body.stateToken;
    const wrong = await post(o, '/api/v1/authn/recovery/factors/sms/verify', { stateToken, passCode: '000000' });
    expect([wrong.status, wrong.body.errorCode]).toEqual([403, 'E0000068']);
    const { passCode } = await o.control('GET', `okta/factors/${sms.id}/passcode`);
    const verified = await post(o, '/api/v1/authn/recovery/factors/sms/verify', { stateToken, passCode });
    expect(verified.body.status).toBe('RECOVERY');
    expect(verified.body._embedded.user.recovery_question.question).toBe('Favorite city?');
    const badAnswer = await post(o, '/api/v1/authn/recovery/answer', { stateToken, answer: 'Paris' });
    expect([badAnswer.status, badAnswer.body.errorCode]).toEqual([403, 'E0000087']);
    const answered = await post(o, '/api/v1/authn/recovery/answer', { stateToken, answer: 'lisbon' });
    expect(answered.body.status).toBe('PASSWORD_RESET');
    const weak = await post(o, '/api/v1/authn/credentials/reset_password', { stateToken, newPassword: 'short' });
    expect(weak.status).toBe(403);
    const reset = await post(o, '/api/v1/authn/credentials/reset_password', { stateToken, newPassword: 'N3w!Passw0rdX' });
    expect(reset.body.status).toBe('MFA_REQUIRED');
    const signIn = await post(o, '/api/v1/authn', { username: 'rita@example.com', password: 'N3w!Passw0rdX' });
    expect(signIn.body.status).toBe('MFA_REQUIRED');
    expect(signIn.body._embedded.user.id).toBe(u.id);
  });

  it('unlock by SMS: a locked-out user answers the question and is ACTIVE again; others cannot unlock', async () => {
    const o = await org(server, 'recover-unlock');
    const { u, sms } = await recoverable(o, 'uma@example.com');
    const notLocked = await post(o, '/api/v1/authn/recovery/unlock', { username: 'uma@example.com', factorType: 'SMS' });
    expect([notLocked.status, notLocked.body.errorCode]).toEqual([403, 'E0000032']);
    await o.control('POST', `okta/users/${u.id}/lockout`);
    const start = await post(o, '/api/v1/authn/recovery/unlock', { username: 'uma@example.com', factorType: 'SMS' });
    expect(start.body).toMatchObject({ status: 'RECOVERY_CHALLENGE', recoveryType: 'UNLOCK' });
    const { passCode } = await o.control('GET', `okta/factors/${sms.id}/passcode`);
    await post(o, '/api/v1/authn/recovery/factors/sms/verify', { stateToken: start.body.stateToken, passCode });
    const done = await post(o, '/api/v1/authn/recovery/answer', { stateToken: start.body.stateToken, answer: 'Lisbon' });
    expect(done.body).toMatchObject({ status: 'SUCCESS', recoveryType: 'UNLOCK' });
    expect(done.body.sessionToken).toBeUndefined();
    expect((await o.client.userApi.getUser({ userId: u.id! })).status).toBe('ACTIVE');
  });

  it('a recovery token works once; an unknown user gets the same email answer; stateTokens expire on the twin clock', async () => {
    const o = await org(server, 'recover-token');
    const body = newUser('tom@example.com');
    const u = await o.client.userApi.createUser({ body: { ...body, credentials: { ...body.credentials, recovery_question: { question: 'First pet?', answer: 'Rexie' } } } as any });
    const ghost = await post(o, '/api/v1/authn/recovery/password', { username: 'nobody@example.com', factorType: 'EMAIL' });
    const real = await post(o, '/api/v1/authn/recovery/password', { username: 'tom@example.com', factorType: 'EMAIL' });
    expect(ghost.body).toEqual(real.body);
    expect(real.body).toMatchObject({ status: 'RECOVERY_CHALLENGE', factorType: 'EMAIL', recoveryType: 'PASSWORD' });
    expect(real.body.stateToken).toBeUndefined();

    const link = await o.client.userApi.forgotPassword({ userId: u.id!, sendEmail: false });
    const recoveryToken = link.resetPasswordUrl!.split('/').pop();
    const tx = await post(o, '/api/v1/authn/recovery/token', { recoveryToken });
    expect(tx.body.status).toBe('RECOVERY');
    const again = await post(o, '/api/v1/authn/recovery/token', { recoveryToken });
    expect([again.status, again.body.errorCode]).toEqual([403, 'E0000105']);
    await o.control('POST', 'clock', { advanceMs: 6 * 60_000 });
    const late = await post(o, '/api/v1/authn/recovery/answer', { stateToken: tx.body.stateToken, answer: 'Rexie' });
    expect([late.status, late.body.errorCode]).toEqual([401, 'E0000011']);
  });
});
