// Sign in with Slack (OpenID Connect), classic oauth.access and app configuration tokens against the twin, driven by @slack/web-api and verified with jose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { Listening } from '../../src/server/node.js';
import { startSlack, slackError } from './helpers.js';
import { rtWorkspace, type RtWorkspace } from './realtime-helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

const CB = 'https://app.example.com/auth/callback';
const anon = (w: RtWorkspace) => new WebClient(undefined, { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } });

/** Approves on an authorize page as `user` and returns the redirect. */
async function approve(w: RtWorkspace, path: string, q: Record<string, string>, user = w.person('alice')): Promise<URL> {
  const u = new URL(`${w.base}${path}`);
  for (const [k, v] of Object.entries({ client_id: w.creds.clientId, redirect_uri: CB, state: 'st', ...q, dtu_auto_approve: user })) u.searchParams.set(k, v);
  const res = await fetch(u, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

const codeOf = async (w: RtWorkspace, path: string, q: Record<string, string>, user?: string) => (await approve(w, path, q, user)).searchParams.get('code')!;

describe('Sign in with Slack (https://api.slack.com/authentication/sign-in-with-slack)', () => {
  it('exchanges a code from /openid/connect/authorize for a user token and an RS256 id_token that verifies against the published JWKS', async () => {
    const w = await rtWorkspace(server, 'siws-token');
    const bob = w.person('bob');
    const code = await codeOf(w, '/openid/connect/authorize', { scope: 'openid email profile', response_type: 'code', nonce: 'n-0S6_WzA2Mj' }, bob);
    const res = await anon(w).openid.connect.token({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code, redirect_uri: CB });
    expect(res).toMatchObject({ ok: true, token_type: 'Bearer', access_token: expect.stringMatching(/^xoxp-/), id_token: expect.any(String) });
    const disco = (await (await fetch(`${w.base}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(disco).toMatchObject({ issuer: w.base, jwks_uri: `${w.base}/openid/connect/keys`, token_endpoint: `${w.base}/api/openid.connect.token`, id_token_signing_alg_values_supported: ['RS256'] });
    const now = new Date(await w.now());
    const { payload, protectedHeader } = await jwtVerify(res.id_token!, createRemoteJWKSet(new URL(disco.jwks_uri)), { issuer: w.base, audience: w.creds.clientId, currentDate: now });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      sub: bob, nonce: 'n-0S6_WzA2Mj', 'https://slack.com/user_id': bob, 'https://slack.com/team_id': w.creds.teamId, email: 'bob@acme.test', email_verified: true, name: expect.any(String),
      at_hash: createHash('sha256').update(res.access_token!).digest().subarray(0, 16).toString('base64url'),
    });
    expect(payload.exp! - payload.iat!).toBe(300);
    // The token reads the same claims back from openid.connect.userInfo.
    const info = await new WebClient(res.access_token, { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } }).openid.connect.userInfo();
    expect(info).toMatchObject({ sub: bob, email: 'bob@acme.test', 'https://slack.com/team_name': 'Acme Corp' });
    await expect(jwtVerify(res.id_token!, createRemoteJWKSet(new URL(disco.jwks_uri)), { issuer: w.base, audience: 'someone-else', currentDate: now })).rejects.toThrow();
    expect((await slackError(anon(w).openid.connect.token({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code, redirect_uri: CB }))).error).toBe('invalid_grant');
  });

  it('keeps each flow’s codes to its own exchange, checks redirect_uri and PKCE, and scopes the claims', async () => {
    const w = await rtWorkspace(server, 'siws-rules');
    const oidc = { scope: 'openid', response_type: 'code' };
    const fromV2 = await codeOf(w, '/oauth/v2/authorize', { scope: 'chat:write' });
    const creds = { client_id: w.creds.clientId, client_secret: w.creds.clientSecret };
    expect((await slackError(anon(w).openid.connect.token({ ...creds, code: fromV2, redirect_uri: CB }))).error).toBe('oauth_authorization_url_mismatch');
    const fromOidc = await codeOf(w, '/openid/connect/authorize', oidc);
    expect((await slackError(anon(w).oauth.v2.access({ ...creds, code: fromOidc }))).error).toBe('oauth_authorization_url_mismatch');
    // redirect_uri "is required if your app passed it as a parameter to /openid/connect/authorize".
    expect((await slackError(anon(w).openid.connect.token({ ...creds, code: await codeOf(w, '/openid/connect/authorize', oidc) }))).error).toBe('bad_redirect_uri');
    expect((await slackError(anon(w).openid.connect.token({ ...creds, code: 'nope', redirect_uri: CB }))).error).toBe('invalid_code');
    expect((await slackError(anon(w).openid.connect.token({ ...creds, client_secret: 'wrong', code: fromOidc, redirect_uri: CB }))).error).toBe('bad_client_secret');
    expect((await (await fetch(`${w.base}/openid/connect/authorize?client_id=${w.creds.clientId}&scope=email&response_type=code&redirect_uri=${encodeURIComponent(CB)}&dtu_auto_approve=${w.person('alice')}`)).text())).toContain('invalid_scope');

    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const pkce = await codeOf(w, '/openid/connect/authorize', { ...oidc, code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await slackError(anon(w).openid.connect.token({ ...creds, code: pkce, redirect_uri: CB, code_verifier: 'wrong' } as never))).error).toBe('invalid_grant');
    const pkce2 = await codeOf(w, '/openid/connect/authorize', { ...oidc, code_challenge: challenge, code_challenge_method: 'S256' });
    const ok = await anon(w).openid.connect.token({ ...creds, code: pkce2, redirect_uri: CB, code_verifier: verifier } as never);
    // With only `openid`, the id_token names the person and workspace and nothing more.
    const claims = decodeJwt(ok.id_token!);
    expect(claims).toMatchObject({ sub: w.person('alice'), 'https://slack.com/team_id': w.creds.teamId });
    expect(claims.email).toBeUndefined();
    expect(claims.name).toBeUndefined();
  });
});

describe('oauth.access (classic apps, https://docs.slack.dev/reference/methods/oauth.access)', () => {
  it('exchanges a /oauth/authorize code once for a user token, and a bot token when `bot` was asked for', async () => {
    const w = await rtWorkspace(server, 'oauth-v1');
    const carol = w.person('carol');
    const code = await codeOf(w, '/oauth/authorize', { scope: 'bot,channels:read' }, carol);
    const res = await anon(w).oauth.access({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code, redirect_uri: CB });
    expect(res).toMatchObject({ ok: true, access_token: expect.stringMatching(/^xoxp-/), team_id: w.creds.teamId, team_name: 'Acme Corp', enterprise_id: w.creds.enterpriseId, bot: { bot_user_id: w.creds.botUserId, bot_access_token: expect.stringMatching(/^xoxb-/) } });
    expect(String(res.scope).split(',')).toEqual(expect.arrayContaining(['channels:read', 'identify', 'bot']));
    const asCarol = new WebClient(String(res.access_token), { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } });
    expect((await asCarol.auth.test()).user_id).toBe(carol);
    expect((await slackError(anon(w).oauth.access({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code }))).error).toBe('code_already_used');
    const v2 = await codeOf(w, '/oauth/v2/authorize', { scope: 'chat:write' });
    expect((await slackError(anon(w).oauth.access({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code: v2 }))).error).toBe('oauth_authorization_url_mismatch');
  });
});

describe('app configuration tokens (https://api.slack.com/methods/tooling.tokens.rotate)', () => {
  it('rotates a configuration token with its single-use refresh token; tokens expire after 12 hours on the twin clock', async () => {
    const w = await rtWorkspace(server, 'config-tokens');
    await w.freeze();
    const first = (await w.slack('POST', 'config-tokens', { user: w.person('alice') })).body;
    expect(first).toMatchObject({ token: expect.stringMatching(/^xoxe\.xoxp-1-/), refresh_token: expect.stringMatching(/^xoxe-1-/), team_id: w.creds.teamId, user_id: w.person('alice') });
    expect(first.exp - first.iat).toBe(43_200);
    const config = new WebClient(first.token, { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } });
    await config.apps.manifest.validate({ manifest: { display_information: { name: 'From config' } } } as never);
    expect((await slackError(config.conversations.list({}))).error).toBe('missing_scope');
    const rotated = await anon(w).tooling.tokens.rotate({ refresh_token: first.refresh_token });
    expect(rotated).toMatchObject({ ok: true, token: expect.stringMatching(/^xoxe\.xoxp-1-/), refresh_token: expect.stringMatching(/^xoxe-1-/), user_id: w.person('alice') });
    expect(rotated.token).not.toBe(first.token);
    expect((await slackError(anon(w).tooling.tokens.rotate({ refresh_token: first.refresh_token }))).error).toBe('invalid_refresh_token');
    await w.advance(12 * 3600_000);
    expect((await slackError(config.auth.test())).error).toBe('token_expired');
    expect((await w.slack('POST', 'config-tokens', { user: 'U0NOPE' })).status).toBe(404);
  });
});
