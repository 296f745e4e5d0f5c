/** Discovery, JWKS and key rotation, /introspect, /revoke, /userinfo and /logout on the org and custom servers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OktaJwtVerifier from '@okta/jwt-verifier';
import type { Listening } from '../../src/server/node.js';
import { org, startOkta, type Org } from './helpers.js';
import { assignEveryone, basic, createOidcApp, createUser, decodeJwt, headlessAuthorize, pkce, postForm } from './oauth-helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

const REDIRECT = 'http://localhost:8080/callback';
const issuerOf = (o: Org) => `${o.base}/oauth2/default`;

async function userTokens(label: string, scope = 'openid profile email offline_access') {
  const o = await org(server, label);
  const app = await createOidcApp(o, { grants: ['authorization_code', 'refresh_token'], postLogoutUris: ['http://localhost:8080/bye'] });
  await assignEveryone(o, app.id);
  const user = await createUser(o, `${label}.user@example.com`);
  const { verifier, challenge } = pkce();
  const auth = await headlessAuthorize(issuerOf(o), { client_id: app.clientId, redirect_uri: REDIRECT, scope, code_challenge: challenge, code_challenge_method: 'S256' }, user.login);
  const res = await postForm(`${issuerOf(o)}/v1/token`, { grant_type: 'authorization_code', code: auth.params.get('code')!, redirect_uri: REDIRECT, code_verifier: verifier }, { authorization: basic(app.clientId, app.clientSecret!) });
  return { o, app, user, tokens: await res.json(), cookie: auth.cookie!, authz: { authorization: basic(app.clientId, app.clientSecret!) } };
}

describe('discovery (docs "/.well-known/openid-configuration")', () => {
  it('describes the default custom server and the org server on the caller\'s origin', async () => {
    const o = await org(server, 'disco');
    const custom = await (await fetch(`${issuerOf(o)}/.well-known/openid-configuration`)).json();
    expect(custom).toMatchObject({
      issuer: issuerOf(o),
      authorization_endpoint: `${issuerOf(o)}/v1/authorize`,
      token_endpoint: `${issuerOf(o)}/v1/token`,
      userinfo_endpoint: `${issuerOf(o)}/v1/userinfo`,
      jwks_uri: `${issuerOf(o)}/v1/keys`,
      end_session_endpoint: `${issuerOf(o)}/v1/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(custom.scopes_supported).toEqual(['openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'api.read']);
    const asMeta = await (await fetch(`${issuerOf(o)}/.well-known/oauth-authorization-server`)).json();
    expect(asMeta.claims_supported).toEqual(['ver', 'jti', 'iss', 'aud', 'iat', 'exp', 'cid', 'uid', 'scp', 'sub']);

    const orgDoc = await (await fetch(`${o.base}/.well-known/openid-configuration`)).json();
    expect(orgDoc.issuer).toBe(o.base);
    expect(orgDoc.token_endpoint).toBe(`${o.base}/oauth2/v1/token`);
    expect(orgDoc.jwks_uri).toBe(`${o.base}/oauth2/v1/keys`);
  });

  it('answers unknown and inactive servers with 404 E0000007', async () => {
    const o = await org(server, 'disco-404');
    const missing = await fetch(`${o.base}/oauth2/ausNoSuchServer/.well-known/openid-configuration`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: ausNoSuchServer (AuthorizationServer)', errorCauses: [] });
    expect((await o.raw('/api/v1/authorizationServers/default/lifecycle/deactivate', { method: 'POST' })).status).toBe(204);
    expect((await fetch(`${issuerOf(o)}/v1/keys`)).status).toBe(404);
    await o.raw('/api/v1/authorizationServers/default/lifecycle/activate', { method: 'POST' });
    expect((await fetch(`${issuerOf(o)}/v1/keys`)).status).toBe(200);
  });
});

describe('key rotation (Authorization Servers API "Rotate keys")', () => {
  it('keeps the previous key published, so tokens it signed still verify', async () => {
    const o = await org(server, 'rotate');
    const app = await createOidcApp(o, { type: 'service' });
    const get = async () => (await (await postForm(`${issuerOf(o)}/v1/token`, { grant_type: 'client_credentials', scope: 'api.read' }, { authorization: basic(app.clientId, app.clientSecret!) })).json()).access_token as string;
    const before = await get();
    const oldKid = decodeJwt(before).header.kid;

    const rotated = await (await o.raw('/api/v1/authorizationServers/default/credentials/lifecycle/keyRotate', { method: 'POST', body: JSON.stringify({ use: 'sig' }), headers: { 'content-type': 'application/json' } })).json();
    expect(rotated.map((k: { status: string }) => k.status)).toEqual(['ACTIVE', 'EXPIRED']);
    expect(rotated[1].kid).toBe(oldKid);
    const server1 = await (await o.raw('/api/v1/authorizationServers/default')).json();
    expect(server1.credentials.signing.kid).toBe(rotated[0].kid);

    const after = await get();
    expect(decodeJwt(after).header.kid).toBe(rotated[0].kid);
    const jwks = await (await fetch(`${issuerOf(o)}/v1/keys`)).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([rotated[0].kid, oldKid]);

    const verifier = new OktaJwtVerifier({ issuer: issuerOf(o), testing: { disableHttpsCheck: true } });
    await expect(verifier.verifyAccessToken(before, 'api://default')).resolves.toBeTruthy();
    await expect(verifier.verifyAccessToken(after, 'api://default')).resolves.toBeTruthy();

    // A second rotation drops the oldest key: tokens it signed no longer verify.
    await o.raw('/api/v1/authorizationServers/default/credentials/lifecycle/keyRotate', { method: 'POST', body: '{"use":"sig"}', headers: { 'content-type': 'application/json' } });
    const fresh = new OktaJwtVerifier({ issuer: issuerOf(o), testing: { disableHttpsCheck: true } });
    await expect(fresh.verifyAccessToken(before, 'api://default')).rejects.toThrow();
    await expect(fresh.verifyAccessToken(after, 'api://default')).resolves.toBeTruthy();
  });
});

describe('introspect, revoke, userinfo (docs "/introspect", "/revoke", "/userinfo")', () => {
  it('introspects access, ID and refresh tokens, then reports them inactive once revoked', async () => {
    const { user, tokens, authz, app, o } = await userTokens('introspect');
    const introspect = async (token: string, hint?: string) => (await postForm(`${issuerOf(o)}/v1/introspect`, { token, ...(hint ? { token_type_hint: hint } : {}) }, authz)).json();

    const at = await introspect(tokens.access_token, 'access_token');
    expect(at).toMatchObject({ active: true, token_type: 'Bearer', scope: 'openid profile email offline_access', client_id: app.clientId, username: user.login, sub: user.login, uid: user.id, aud: 'api://default', iss: issuerOf(o) });
    const rt = await introspect(tokens.refresh_token, 'refresh_token');
    expect(rt).toMatchObject({ active: true, client_id: app.clientId, username: user.login, uid: user.id });
    expect((await introspect(tokens.id_token)).active).toBe(true);
    expect(await introspect('garbage')).toEqual({ active: false });

    const revoked = await postForm(`${issuerOf(o)}/v1/revoke`, { token: tokens.access_token, token_type_hint: 'access_token' }, authz);
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toBe('');
    expect(await introspect(tokens.access_token)).toEqual({ active: false });
    await postForm(`${issuerOf(o)}/v1/revoke`, { token: tokens.refresh_token }, authz);
    expect(await introspect(tokens.refresh_token)).toEqual({ active: false });

    const noAuth = await postForm(`${issuerOf(o)}/v1/introspect`, { token: tokens.id_token });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toEqual({ error: 'invalid_client', error_description: 'No client credentials found.' });
  });

  it('serves /userinfo for the token\'s scopes and challenges bad or under-scoped tokens', async () => {
    const { user, tokens, o } = await userTokens('userinfo');
    const res = await fetch(`${issuerOf(o)}/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(res.status).toBe(200);
    const info = await res.json();
    expect(info).toMatchObject({ sub: user.id, email: user.login, email_verified: true, preferred_username: user.login, given_name: 'Userinfo.user', family_name: 'Tester' });
    expect(info.phone_number).toBeUndefined();

    const bad = await fetch(`${issuerOf(o)}/v1/userinfo`, { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="The access token is invalid"');

    const svc = await createOidcApp(o, { type: 'service' });
    const cc = await (await postForm(`${issuerOf(o)}/v1/token`, { grant_type: 'client_credentials', scope: 'api.read' }, { authorization: basic(svc.clientId, svc.clientSecret!) })).json();
    const noUser = await fetch(`${issuerOf(o)}/v1/userinfo`, { headers: { authorization: `Bearer ${cc.access_token}` } });
    expect(noUser.status).toBe(403);
    expect(noUser.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });

  it('ends the session at /logout and redirects to a registered post-logout URI with state', async () => {
    const { tokens, cookie, app, o } = await userTokens('logout', 'openid');
    const q = new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: 'http://localhost:8080/bye', state: 'bye-1' });
    const out = await fetch(`${issuerOf(o)}/v1/logout?${q}`, { redirect: 'manual', headers: { cookie } });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('http://localhost:8080/bye?state=bye-1');
    expect(out.headers.get('set-cookie')).toMatch(/^sid="";/);
    const silent = await fetch(`${issuerOf(o)}/v1/authorize?${new URLSearchParams({ client_id: app.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', state: 's', prompt: 'none' })}`, { redirect: 'manual', headers: { cookie } });
    expect(new URL(silent.headers.get('location')!).searchParams.get('error')).toBe('login_required');

    const unregistered = await fetch(`${issuerOf(o)}/v1/logout?${new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: 'https://evil.example/' })}`, { redirect: 'manual' });
    expect(unregistered.status).toBe(400);
  });
});
