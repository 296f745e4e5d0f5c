/** Okta SDK scenarios for signing in: org metadata, authenticator methods, sessions from the Authentication API, app logos. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr, userBody } from './common.js';

async function signInAndSessions(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const org = await client.orgSettingApi.getOrgSettings();
  t.check(/^00o/.test(org.id!), 'the org settings', org);
  const meta = await client.orgSettingApi.getWellknownOrgMetadata();
  t.check(meta.pipeline === 'idx' && meta.id === org.id, 'org metadata names the org', meta);

  const u = await client.userApi.createUser({ body: userBody('signin@example.com') });
  // The Authentication API is outside the SDK's generated surface; the SDK's own http client posts to it.
  const authn = async () => (await client.http.postJson(`${ctx.baseUrl}/api/v1/authn`, { body: JSON.stringify({ username: 'signin@example.com', password: 'Xk4!vR9qzTq' }) } as any)) as any;
  const tx = await authn();
  t.check(tx.status === 'SUCCESS' && typeof tx.sessionToken === 'string', 'a password sign-in gives a session token', tx);
  const sessions = client.sessionApi;
  const s = await sessions.createSession({ createSessionRequest: { sessionToken: tx.sessionToken } });
  t.check(s.userId === u.id && s.status === 'ACTIVE', 'a session for the user', s);
  await t.expectError(() => sessions.createSession({ createSessionRequest: { sessionToken: tx.sessionToken } }), oktaErr(401, 'E0000004'), 'a session token is single use');
  t.check((await sessions.getSession({ sessionId: s.id! })).id === s.id, 'read by id');
  t.check((await sessions.getCurrentSession({ cookie: `sid=${s.id}` })).id === s.id, 'read by cookie');
  t.check((await sessions.refreshSession({ sessionId: s.id! })).expiresAt!.getTime() >= s.expiresAt!.getTime(), 'refreshed');
  t.check((await sessions.refreshCurrentSession({ cookie: `sid=${s.id}` })).id === s.id, 'refreshed by cookie');
  await sessions.revokeSession({ sessionId: s.id! });
  await t.expectError(() => sessions.getSession({ sessionId: s.id! }), oktaErr(404, 'E0000007'), 'a revoked session is gone', { effect: true });
  const second = await sessions.createSession({ createSessionRequest: { sessionToken: (await authn()).sessionToken } });
  t.check(second.status === 'ACTIVE', 'a second session');
  await sessions.closeCurrentSession({ cookie: `sid=${second.id}` });
  await t.expectError(() => sessions.getSession({ sessionId: second.id! }), oktaErr(404, 'E0000007'), 'a closed session is gone', { effect: true });
  const third = await sessions.createSession({ createSessionRequest: { sessionToken: (await authn()).sessionToken } });
  await client.userApi.revokeUserSessions({ userId: u.id! });
  await t.expectError(() => sessions.getSession({ sessionId: third.id! }), oktaErr(404, 'E0000007'), "clearing a user's sessions ends them", { effect: true });
  t.check((await client.userApi.getUser({ userId: u.id! })).lastLogin instanceof Date, 'sign-ins stamp lastLogin');
}

async function authenticatorMethods(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const api = client.authenticatorApi;
  const phone = (await collect(api.listAuthenticators())).find((a) => a.key === 'phone_number')!;
  const methods = await collect(api.listAuthenticatorMethods({ authenticatorId: phone.id! }));
  t.check(methods.map((m) => `${m.type}:${m.status}`).join() === 'sms:INACTIVE,voice:INACTIVE', 'phone offers sms and voice, off in a new org', methods);
  t.check((await api.activateAuthenticatorMethod({ authenticatorId: phone.id!, methodType: 'sms' })).status === 'ACTIVE', 'sms on');
  t.check((await api.getAuthenticatorMethod({ authenticatorId: phone.id!, methodType: 'sms' })).status === 'ACTIVE', 'read back');
  t.check((await api.deactivateAuthenticatorMethod({ authenticatorId: phone.id!, methodType: 'sms' })).status === 'INACTIVE', 'sms off');
  const verify = (await collect(api.listAuthenticators())).find((a) => a.key === 'okta_verify')!;
  const totp = await api.replaceAuthenticatorMethod({ authenticatorId: verify.id!, methodType: 'totp', authenticatorMethodBase: { type: 'totp', settings: { passCodeLength: 8 } } as any });
  t.check((totp as any).settings?.passCodeLength === 8, 'method settings replaced', totp);
  await t.expectError(() => api.getAuthenticatorMethod({ authenticatorId: phone.id!, methodType: 'push' }), oktaErr(404, 'E0000007'), 'a method the authenticator lacks is 404');
}

async function appLogo(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const app = await client.applicationApi.createApplication({ application: { name: 'bookmark', label: 'Compat Logo', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com' } } } as any });
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  await client.applicationApi.uploadApplicationLogo({ appId: app.id!, file: { data: png, name: 'logo.png' } as any });
  const after = await client.applicationApi.getApplication({ appId: app.id! });
  t.checkEffect(String((after._links as any)?.logo?.[0]?.href ?? '').includes('/fs/bco/'), 'the logo link names the uploaded file', after._links);
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'sign-in: org metadata, Authentication API and the Sessions API', run: signInAndSessions },
  { vendor: 'okta', sdk: SDK, name: 'authenticators: methods on and off, method settings', run: authenticatorMethods },
  { vendor: 'okta', sdk: SDK, name: 'apps: uploading a logo', run: appLogo },
];
