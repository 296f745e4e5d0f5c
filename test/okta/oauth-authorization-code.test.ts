/** Authorization code + PKCE through the headless sign-in, ID tokens, refresh tokens, sessions and the password grant. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OktaJwtVerifier from '@okta/jwt-verifier';
import { createHash } from 'node:crypto';
import type { Listening } from '../../src/server/node.js';
import { org, startOkta, type Org } from './helpers.js';
import { PASSWORD, assignEveryone, basic, createOidcApp, createUser, decodeJwt, headlessAuthorize, pkce, postForm, redirectParams } from './oauth-helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

const REDIRECT = 'http://localhost:8080/callback';
const issuerOf = (o: Org) => `${o.base}/oauth2/default`;

async function setup(label: string, spec: Parameters<typeof createOidcApp>[1] = {}) {
  const o = await org(server, label);
  const app = await createOidcApp(o, { grants: ['authorization_code', 'refresh_token'], ...spec });
  await assignEveryone(o, app.id);
  const user = await createUser(o, `${label}.user@example.com`);
  return { o, app, user, issuer: issuerOf(o) };
}

describe('authorization code with PKCE (developer.okta.com "Implement authorization by grant type")', () => {
  it('signs in headlessly, redeems the code and returns verifiable access and ID tokens', async () => {
    const { o, app, user, issuer } = await setup('ac-happy');
    const { verifier, challenge } = pkce();
    const auth = await headlessAuthorize(issuer, {
      client_id: app.clientId, redirect_uri: REDIRECT, scope: 'openid profile email offline_access',
      code_challenge: challenge, code_challenge_method: 'S256', state: 'xyz', nonce: 'nonce-123',
    }, user.login);
    expect(auth.res.status).toBe(302);
    expect(auth.res.headers.get('location')!.startsWith(`${REDIRECT}?`)).toBe(true);
    expect(auth.params.get('state')).toBe('xyz');
    const code = auth.params.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const res = await postForm(`${issuer}/v1/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }, { authorization: basic(app.clientId, app.clientSecret!) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['token_type', 'expires_in', 'access_token', 'scope', 'refresh_token', 'id_token']);
    expect(body.scope).toBe('openid profile email offline_access');

    const at = decodeJwt(body.access_token).claims;
    expect(at).toMatchObject({ iss: issuer, aud: 'api://default', cid: app.clientId, uid: user.id, sub: user.login, scp: ['openid', 'profile', 'email', 'offline_access'] });
    expect(typeof at.auth_time).toBe('number');

    const id = decodeJwt(body.id_token).claims;
    expect(id).toMatchObject({ sub: user.id, email: user.login, ver: 1, iss: issuer, aud: app.clientId, amr: ['pwd'], nonce: 'nonce-123', preferred_username: user.login, auth_time: at.auth_time });
    expect(id.name).toBe('Ac-happy.user Tester');
    expect(id.jti).toMatch(/^ID\./);
    expect(id.idp).toMatch(/^00o/);
    expect(id.at_hash).toBe(createHash('sha256').update(body.access_token).digest().subarray(0, 16).toString('base64url'));

    const verifier2 = new OktaJwtVerifier({ issuer, testing: { disableHttpsCheck: true } });
    await expect(verifier2.verifyIdToken(body.id_token, app.clientId, 'nonce-123')).resolves.toBeTruthy();
    await expect(verifier2.verifyAccessToken(body.access_token, 'api://default')).resolves.toBeTruthy();
    await expect(verifier2.verifyIdToken(body.id_token, app.clientId, 'other-nonce')).rejects.toThrow(/nonce/);
    void o;
  });

  it('keeps no code, verifier, client secret or token in the journal: the redirect, the form and the reply are redacted by the shared rules', async () => {
    const { o, app, user, issuer } = await setup('ac-journal');
    const { verifier, challenge } = pkce();
    const auth = await headlessAuthorize(issuer, { client_id: app.clientId, redirect_uri: REDIRECT, scope: 'openid offline_access', code_challenge: challenge, code_challenge_method: 'S256', state: 'st-1' }, user.login);
    const code = auth.params.get('code')!;
    const res = await postForm(`${issuer}/v1/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: app.clientId, client_secret: app.clientSecret! });
    const body = await res.json();
    expect(res.status).toBe(200);
    const entries = server.twin.journal.query({ tenant: o.tenant });
    const text = JSON.stringify(entries);
    for (const secret of [code, verifier, app.clientSecret!, body.access_token, body.refresh_token, body.id_token, auth.cookie ?? 'no-cookie-sent']) expect(text).not.toContain(secret);
    const token = entries.filter((e) => e.path.endsWith('/v1/token')).at(-1)!;
    expect(token.request.body).toMatchObject({ grant_type: 'authorization_code', code: '[redacted]', code_verifier: '[redacted]', client_secret: '[redacted]', client_id: app.clientId, redirect_uri: REDIRECT });
    expect(token.response.body).toMatchObject({ token_type: 'Bearer', access_token: '[redacted]', refresh_token: '[redacted]', id_token: '[redacted]' });
    const redirect = entries.find((e) => e.response.headers.location?.startsWith(`${REDIRECT}?`))!;
    expect(redirect.response.headers.location).toBe(`${REDIRECT}?code=[redacted]&state=st-1`);
  });

  it('refuses a wrong verifier, a reused code and a different redirect_uri', async () => {
    const { app, user, issuer } = await setup('ac-neg');
    const authz = { authorization: basic(app.clientId, app.clientSecret!) };
    const { verifier, challenge } = pkce();
    const start = () => headlessAuthorize(issuer, { client_id: app.clientId, redirect_uri: REDIRECT, scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' }, user.login);

    const c1 = (await start()).params.get('code')!;
    const bad = await postForm(`${issuer}/v1/token`, { grant_type: 'authorization_code', code: c1, redirect_uri: REDIRECT, code_verifier: 'x'.repeat(43) }, authz);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_grant', error_description: 'PKCE verification failed.' });
    // The failed attempt used the code up.
    const again = await postForm(`${issuer}/v1/token`, { grant_type: 'authorization_code', code: c1, redirect_uri: REDIRECT, code_verifier: verifier }, authz);
    expect(await again.json()).toEqual({ error: 'invalid_grant', error_description: 'The authorization code is invalid or has expired.' });

    const c2 = (await start()).params.get('code')!;
    const ok = await postForm(`${issuer}/v1/token`, { grant_type: 'authorization_code', code: c2, redirect_uri: REDIRECT, code_verifier: verifier }, authz);
    expect(ok.status).toBe(200);
    const replay = await postForm(`${issuer}/v1/token`, { grant_type: 'authorization_code', code: c2, redirect_uri: REDIRECT, code_verifier: verifier }, authz);
    expect(replay.status).toBe(400);
    expect((await replay.json()).error).toBe('invalid_grant');

    const c3 = (await start()).params.get('code')!;
    const elsewhere = await postForm(`${issuer}/v1/token`, { grant_type: 'authorization_code', code: c3, redirect_uri: 'http://localhost:8080/other', code_verifier: verifier }, authz);
    expect(elsewhere.status).toBe(400);
    expect((await elsewhere.json()).error).toBe('invalid_grant');
  });

  it('sends unregistered redirect URIs and unknown clients to an error page, not the client', async () => {
    const { app, issuer } = await setup('ac-page');
    const page = await fetch(`${issuer}/v1/authorize?client_id=${app.clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://evil.example/cb')}&state=s`, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(await page.text()).toContain("The 'redirect_uri' parameter must be a Login redirect URI in the client app settings");
    const unknown = await fetch(`${issuer}/v1/authorize?client_id=0oaNope&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s`, { redirect: 'manual' });
    expect(unknown.status).toBe(400);
  });

  it('shows the hosted sign-in page, then reuses the session for prompt=none', async () => {
    const { app, user, issuer } = await setup('ac-session');
    const q = new URLSearchParams({ client_id: app.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', state: 's1', nonce: 'n1', login_hint: user.login });
    const page = await fetch(`${issuer}/v1/authorize?${q}`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="POST"');
    expect(html).toContain(`value="${user.login}"`);

    const silentFirst = await fetch(`${issuer}/v1/authorize?${q}&prompt=none`, { redirect: 'manual' });
    expect(silentFirst.status).toBe(302);
    const err = redirectParams(silentFirst);
    expect(err.get('error')).toBe('login_required');
    expect(err.get('state')).toBe('s1');

    const wrong = await postForm(`${issuer}/v1/authorize?${q}`, { username: user.login, password: 'not-it' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Unable to sign in');

    const signIn = await headlessAuthorize(issuer, Object.fromEntries(q), user.login);
    expect(signIn.cookie).toMatch(/^sid=/);
    const silent = await fetch(`${issuer}/v1/authorize?${q}&prompt=none`, { redirect: 'manual', headers: { cookie: signIn.cookie! } });
    expect(silent.status).toBe(302);
    expect(redirectParams(silent).get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('denies users the app is not assigned to, and public clients without PKCE', async () => {
    const o = await org(server, 'ac-assign');
    const app = await createOidcApp(o, { grants: ['authorization_code'] });
    const user = await createUser(o, 'ac-assign.user@example.com');
    const denied = await headlessAuthorize(issuerOf(o), { client_id: app.clientId, redirect_uri: REDIRECT, scope: 'openid' }, user.login);
    expect(denied.params.get('error')).toBe('access_denied');
    expect(denied.params.get('error_description')).toBe('User is not assigned to the client application.');

    const spa = await createOidcApp(o, { type: 'browser', grants: ['authorization_code'] });
    await assignEveryone(o, spa.id);
    const noPkce = await headlessAuthorize(issuerOf(o), { client_id: spa.clientId, redirect_uri: REDIRECT, scope: 'openid' }, user.login);
    expect(noPkce.params.get('error')).toBe('invalid_request');
    // Okta documents S256 as the only code_challenge_method.
    const plain = await headlessAuthorize(issuerOf(o), { client_id: spa.clientId, redirect_uri: REDIRECT, scope: 'openid', code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }, user.login);
    expect(plain.params.get('error')).toBe('invalid_request');
  });
});

describe('refresh tokens (docs "Refresh access tokens")', () => {
  it('refreshes with offline_access, keeps the token by default and rotates it when the app asks', async () => {
    for (const rotate of [false, true]) {
      const { app, user, issuer } = await setup(rotate ? 'rt-rotate' : 'rt-static', { rotateRefresh: rotate });
      const authz = { authorization: basic(app.clientId, app.clientSecret!) };
      const { verifier, challenge } = pkce();
      const code = (await headlessAuthorize(issuer, { client_id: app.clientId, redirect_uri: REDIRECT, scope: 'openid offline_access', code_challenge: challenge, code_challenge_method: 'S256' }, user.login)).params.get('code')!;
      const first = await (await postForm(`${issuer}/v1/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }, authz)).json();
      const second = await postForm(`${issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: first.refresh_token, scope: 'openid offline_access' }, authz);
      expect(second.status).toBe(200);
      const sb = await second.json();
      expect(decodeJwt(sb.access_token).claims.uid).toBe(user.id);
      expect(sb.id_token).toBeTruthy();
      if (rotate) {
        expect(sb.refresh_token).not.toBe(first.refresh_token);
        const old = await postForm(`${issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, authz);
        expect(await old.json()).toEqual({ error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' });
      } else {
        expect(sb.refresh_token).toBe(first.refresh_token);
      }
      const wider = await postForm(`${issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: sb.refresh_token, scope: 'openid profile offline_access' }, authz);
      expect(wider.status).toBe(400);
      expect((await wider.json()).error).toBe('invalid_scope');
    }
  });

  it('lists and revokes refresh tokens through the Authorization Servers API', async () => {
    const { o, app, user, issuer } = await setup('rt-admin');
    const authz = { authorization: basic(app.clientId, app.clientSecret!) };
    const { verifier, challenge } = pkce();
    const code = (await headlessAuthorize(issuer, { client_id: app.clientId, redirect_uri: REDIRECT, scope: 'openid offline_access', code_challenge: challenge, code_challenge_method: 'S256' }, user.login)).params.get('code')!;
    const tokens = await (await postForm(`${issuer}/v1/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }, authz)).json();

    const clients = await (await o.raw('/api/v1/authorizationServers/default/clients')).json();
    expect(clients.map((c: { client_id: string }) => c.client_id)).toEqual([app.clientId]);
    const list = await (await o.raw(`/api/v1/authorizationServers/default/clients/${app.clientId}/tokens?expand=scope`)).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: 'ACTIVE', clientId: app.clientId, userId: user.id, scopes: ['openid', 'offline_access'], issuer });
    expect(list[0].id).toMatch(/^oar/);

    expect((await o.raw(`/api/v1/authorizationServers/default/clients/${app.clientId}/tokens/${list[0].id}`, { method: 'DELETE' })).status).toBe(204);
    const after = await postForm(`${issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, authz);
    expect((await after.json()).error).toBe('invalid_grant');

    const unknown = await o.raw('/api/v1/authorizationServers/default/clients/0oa_dummy_client_id/tokens');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errorSummary).toBe('Not found: Resource not found: 0oa_dummy_client_id (PublicClientApp)');
  });

  it('shows the same refresh tokens from the app and the user, and revokes them there', async () => {
    const { o, app, user, issuer } = await setup('rt-views');
    const authz = { authorization: basic(app.clientId, app.clientSecret!) };
    const grant = async () => {
      const { verifier, challenge } = pkce();
      const code = (await headlessAuthorize(issuer, { client_id: app.clientId, redirect_uri: REDIRECT, scope: 'openid offline_access', code_challenge: challenge, code_challenge_method: 'S256' }, user.login)).params.get('code')!;
      return (await (await postForm(`${issuer}/v1/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }, authz)).json()).refresh_token as string;
    };
    const [rt1, rt2] = [await grant(), await grant()];
    const appTokens = await (await o.raw(`/api/v1/apps/${app.id}/tokens`)).json();
    expect(appTokens.map((t: { userId: string }) => t.userId)).toEqual([user.id, user.id]);
    const clients = await (await o.raw(`/api/v1/users/${user.id}/clients`)).json();
    expect(clients).toEqual([expect.objectContaining({ client_id: app.clientId, client_name: app.raw.label })]);

    expect((await o.raw(`/api/v1/apps/${app.id}/tokens/${appTokens[0].id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await (await postForm(`${issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: rt1 }, authz)).json()).error).toBe('invalid_grant');
    expect((await postForm(`${issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: rt2 }, authz)).status).toBe(200);

    expect((await o.raw(`/api/v1/users/${user.id}/clients/${app.clientId}/tokens`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await o.raw(`/api/v1/users/${user.id}/clients/${app.clientId}/tokens`)).json()).toEqual([]);
    expect((await (await postForm(`${issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: rt2 }, authz)).json()).error).toBe('invalid_grant');
    expect(await (await o.raw(`/api/v1/users/${user.id}/clients`)).json()).toEqual([]);
  });
});

describe('password grant', () => {
  it('issues tokens for valid credentials of an assigned user and refuses bad ones', async () => {
    const { app, user, issuer } = await setup('pw', { grants: ['password', 'refresh_token'] });
    const authz = { authorization: basic(app.clientId, app.clientSecret!) };
    const ok = await postForm(`${issuer}/v1/token`, { grant_type: 'password', username: user.login, password: PASSWORD, scope: 'openid email' }, authz);
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(decodeJwt(body.id_token).claims.email).toBe(user.login);
    const bad = await postForm(`${issuer}/v1/token`, { grant_type: 'password', username: user.login, password: 'nope', scope: 'openid' }, authz);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_grant', error_description: 'The credentials provided were invalid.' });
  });
});
