// Sign in with Slack (OpenID Connect): openid.connect.token, openid.connect.userInfo, the JWKS and the discovery document.
import type { Hono } from 'hono';
import type { Handler } from '../../../src/core/handler.js';
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { SlackError } from '../errors.js';
import { readArgs, str } from '../handlers/args.js';
import { getUser, team, type SlackUser } from '../store.js';
import type { SlackMethod } from '../handlers/common.js';
import { scopeList } from './installed-apps.js';
import { authenticateClient, grant, refreshGrant } from './oauth.js';
import { redeemCode } from './oauth-codes.js';
import { tenantFor } from './authorize.js';
import { atHash, publishedKeys, signJwt } from './openid-keys.js';

/** id_tokens are valid for five minutes: `exp` is `iat` + 300 in the decoded example of the openid.connect.token reference. */
const ID_TOKEN_TTL_SEC = 300;

/**
 * The claims Slack returns about a person, by granted scope
 * (https://docs.slack.dev/reference/methods/openid.connect.userInfo): `openid`
 * names the person and workspace, `email` adds the address, `profile` the
 * name, locale and pictures of the person and the workspace.
 */
export function identityClaims(tenant: Tenant, u: SlackUser, scopes: string[]): Record<string, unknown> {
  const t = team(tenant);
  const c: Record<string, unknown> = { sub: u.id, 'https://slack.com/user_id': u.id, 'https://slack.com/team_id': t.id };
  if (scopes.includes('email') && u.profile.email) Object.assign(c, { email: u.profile.email, email_verified: u.is_email_confirmed, date_email_verified: u.updated });
  if (scopes.includes('profile')) {
    Object.assign(c, { name: u.real_name || u.name, picture: u.profile.image_512, given_name: u.profile.first_name, family_name: u.profile.last_name, locale: 'en-US' });
    for (const size of [24, 32, 48, 72, 192, 512]) c[`https://slack.com/user_image_${size}`] = u.profile[`image_${size}` as 'image_24'];
    Object.assign(c, { 'https://slack.com/team_name': t.name, 'https://slack.com/team_domain': t.domain });
    for (const [k, v] of Object.entries(t.icon)) c[`https://slack.com/team_${k}`] = v;
  }
  return c;
}

/** The twin names itself as issuer (origin plus tenant prefix), so relying parties that check `iss` against discovery accept it; Slack's own is https://slack.com. */
const issuerOf = (baseUrl: string) => baseUrl;

async function idToken(tenant: Tenant, issuer: string, audience: string, u: SlackUser, scopes: string[], at: { access: string; authTime: number; nonce?: string; now: number }): Promise<string> {
  return signJwt(tenant, {
    iss: issuer, sub: u.id, aud: audience, exp: at.now + ID_TOKEN_TTL_SEC, iat: at.now, auth_time: at.authTime, ...(at.nonce ? { nonce: at.nonce } : {}),
    at_hash: atHash(at.access), ...identityClaims(tenant, u, scopes),
  });
}

/**
 * openid.connect.token (https://docs.slack.dev/reference/methods/openid.connect.token):
 * a code from /openid/connect/authorize becomes a user token (`token_type: Bearer`)
 * and a signed id_token; codes from the other authorize pages are
 * oauth_authorization_url_mismatch. With token rotation on, a refresh token
 * comes too and grant_type=refresh_token spends it.
 */
export const openidConnectToken: Handler = async (ctx) => {
  const args = readArgs(ctx);
  const { tenant, app } = authenticateClient(ctx, args);
  const now = ctx.twin.clock.seconds();
  const grantType = str(args, 'grant_type') || 'authorization_code';
  if (grantType === 'refresh_token') {
    const out = refreshGrant(ctx.twin, tenant, app, str(args, 'refresh_token'));
    const userId = (out.authed_user as { id?: string } | undefined)?.id;
    const u = userId ? getUser(tenant, userId) : undefined;
    if (!u) throw new SlackError('invalid_refresh_token');
    const scopes = scopeList(out.scope);
    const token = String(out.access_token);
    const id = await idToken(tenant, issuerOf(ctx.baseUrl), app.client_id, u, scopes, { access: token, authTime: now, now });
    return { body: { ok: true, access_token: token, token_type: 'Bearer', id_token: id, refresh_token: out.refresh_token, expires_in: out.expires_in } };
  }
  if (grantType !== 'authorization_code') throw new SlackError('unsupported_grant_type');
  const rec = redeemCode(ctx.twin, tenant, 'openid', app.id, { code: str(args, 'code'), redirect_uri: str(args, 'redirect_uri'), code_verifier: str(args, 'code_verifier') }, {
    invalid: 'invalid_code', used: 'invalid_grant', expired: 'invalid_grant', verifier: 'invalid_grant',
  });
  const u = getUser(tenant, rec.user_id);
  if (!u || u.deleted) throw new SlackError('invalid_grant');
  const { token, refresh } = grant(ctx.twin, tenant, app, 'user', u.id, rec.user_scope);
  const id = await idToken(tenant, issuerOf(ctx.baseUrl), app.client_id, u, rec.user_scope, { access: token.token, authTime: rec.issued ?? now, nonce: rec.nonce, now });
  const body: Record<string, unknown> = { ok: true, access_token: token.token, token_type: 'Bearer', id_token: id };
  if (refresh) Object.assign(body, { refresh_token: refresh, expires_in: (token.expires_at ?? now) - now });
  return { body };
};

/** openid.connect.userInfo: the claims the calling token's scopes allow. */
export const openidUserInfo: SlackMethod = (ctx, _a, who) => {
  const u = getUser(ctx.tenant, who.user_id ?? '');
  if (!u) throw new SlackError('invalid_auth');
  return identityClaims(ctx.tenant, u, who.scopes);
};

/**
 * GET /openid/connect/keys: the JWKS id_tokens verify against.
 * GET /.well-known/openid-configuration: discovery, shaped like Slack's own
 * (https://slack.com/.well-known/openid-configuration) with the twin's URLs.
 */
export function openidRoutes(app: Hono<DtuEnv>, twin: Twin): void {
  app.get('/openid/connect/keys', (c) => c.json(publishedKeys(tenantFor(c, twin))));
  app.get('/.well-known/openid-configuration', (c) => {
    const base = `${c.env.origin}${c.env.prefix}`;
    return c.json({
      issuer: issuerOf(base),
      authorization_endpoint: `${base}/openid/connect/authorize`,
      token_endpoint: `${base}/api/openid.connect.token`,
      userinfo_endpoint: `${base}/api/openid.connect.userInfo`,
      jwks_uri: `${base}/openid/connect/keys`,
      scopes_supported: ['openid', 'profile', 'email'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'auth_time', 'iss'],
      claims_parameter_supported: false,
      request_parameter_supported: false,
      request_uri_parameter_supported: true,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      code_challenge_methods_supported: ['S256', 'plain'],
    });
  });
}
