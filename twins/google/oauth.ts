/** The OAuth 2.0 endpoints of oauth2.googleapis.com served by the twin: token (refresh and JWT-bearer grants), tokeninfo, revoke. */
// They sit outside the spec digest (they are another host's API), so they are plain routes.
import type { Context, Hono } from 'hono';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { DtuEnv } from '../../src/core/pipeline.js';
import type { Twin } from '../../src/core/twin.js';
import type { Tenant } from '../../src/core/tenant.js';
import { CLOCK_SKEW_SEC, resolveSubject, verifySignature } from './auth.js';
import { K, findUserByEmail, ids, serviceAccounts, tokens, type AccessToken, type OAuthClient, type RefreshToken } from './store.js';

/** Lifetime Google gives access tokens (a second under an hour, as its responses say). */
export const TOKEN_TTL_SEC = 3599;

/** Audiences Google's token endpoint accepts in a JWT-bearer assertion (gtoken signs the first). */
const TOKEN_AUDIENCES = ['https://oauth2.googleapis.com/token', 'https://www.googleapis.com/oauth2/v4/token', 'https://accounts.google.com/o/oauth2/token'];

type C = Context<DtuEnv>;

/** OAuth errors are flat `{error, error_description}` bodies (RFC 6749 §5.2), not the API error envelope. */
const oauthError = (c: C, status: 400 | 401, error: string, description: string) =>
  c.json({ error, error_description: description }, status, { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' });

export function mintAccessToken(twin: Twin, t: Tenant, fields: Omit<AccessToken, 'id' | 'expiresAt'>, ttlSec: number | undefined = TOKEN_TTL_SEC): AccessToken {
  const tok: AccessToken = { ...fields, id: ids.accessToken(t) } as AccessToken;
  if (ttlSec !== undefined) tok.expiresAt = twin.clock.ms() + ttlSec * 1000;
  tokens(t).put(tok);
  twin.registry.registerCredential(tok.id, t.name);
  return tok;
}

async function readParams(c: C): Promise<Record<string, string> | undefined> {
  const text = await c.req.text();
  if (text.length > 64 * 1024) return undefined;
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    try {
      const v = JSON.parse(text) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : undefined;
    } catch {
      return undefined;
    }
  }
  const out = Object.fromEntries(new URLSearchParams(text));
  for (const [k, v] of new URL(c.req.url).searchParams) out[k] ??= v;
  return out;
}

/** The tenant a token request belongs to: its path prefix, else the credential it presents. */
function tenantFor(c: C, twin: Twin, credential: string | undefined): Tenant {
  const named = c.env.tenantName ?? (credential ? twin.registry.tenantForCredential(credential) : undefined);
  return twin.tenant(named ?? 'default');
}

function issuerOf(assertion: string): string | undefined {
  try {
    const iss = decodeJwt(assertion).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

async function token(c: C, twin: Twin): Promise<Response> {
  const p = await readParams(c);
  if (!p) return oauthError(c, 400, 'invalid_request', 'Invalid request body.');
  const grant = p.grant_type;
  if (!grant) return oauthError(c, 400, 'unsupported_grant_type', 'Invalid grant_type: ');

  if (grant === 'refresh_token') {
    const t = tenantFor(c, twin, p.refresh_token);
    const client = p.client_id ? t.collection<OAuthClient>(K.clients).get(p.client_id) : undefined;
    if (!client) return oauthError(c, 401, 'invalid_client', 'The OAuth client was not found.');
    if (client.secret !== p.client_secret) return oauthError(c, 401, 'invalid_client', 'Unauthorized');
    const rt = p.refresh_token ? t.collection<RefreshToken>(K.refreshTokens).get(p.refresh_token) : undefined;
    if (!rt || rt.clientId !== client.id) return oauthError(c, 400, 'invalid_grant', 'Bad Request');
    const user = findUserByEmail(t, rt.subject);
    if (rt.revoked || !user || user.suspended) return oauthError(c, 400, 'invalid_grant', 'Token has been expired or revoked.');
    // A refresh may narrow the scopes, never widen them.
    const asked = p.scope ? p.scope.split(/\s+/).filter(Boolean) : rt.scopes;
    if (asked.some((s) => !rt.scopes.includes(s))) return oauthError(c, 400, 'invalid_scope', 'Bad Request');
    const tok = mintAccessToken(twin, t, { subject: rt.subject, scopes: asked, clientId: client.id });
    return c.json({ access_token: tok.id, expires_in: TOKEN_TTL_SEC, scope: asked.join(' '), token_type: 'Bearer' });
  }

  if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    const assertion = p.assertion ?? '';
    const iss = issuerOf(assertion);
    if (!iss) return oauthError(c, 400, 'invalid_request', 'Invalid JWT.');
    const t = tenantFor(c, twin, iss);
    const sa = serviceAccounts(t).get(iss);
    if (!sa) return oauthError(c, 400, 'invalid_grant', 'Invalid grant: account not found');
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(assertion).kid;
    } catch {
      return oauthError(c, 400, 'invalid_request', 'Invalid JWT.');
    }
    if ((kid && kid !== sa.keyId) || !(await verifySignature(sa, assertion))) return oauthError(c, 400, 'invalid_grant', 'Invalid JWT Signature.');
    const claims = decodeJwt(assertion);
    const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
    const ownTokenUrl = `${c.env.origin}${c.env.prefix}/token`;
    if (typeof aud !== 'string' || !(TOKEN_AUDIENCES.includes(aud) || aud === ownTokenUrl)) {
      return oauthError(c, 400, 'invalid_grant', 'Invalid JWT: Failed audience check.');
    }
    const nowSec = twin.clock.seconds();
    if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number' || claims.exp - claims.iat > 3600 || claims.exp + CLOCK_SKEW_SEC < nowSec || claims.iat - CLOCK_SKEW_SEC > nowSec) {
      return oauthError(c, 400, 'invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
    }
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter(Boolean) : [];
    if (!scopes.length) return oauthError(c, 400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
    if (sub && sub.toLowerCase() !== sa.id.toLowerCase() && !findUserByEmail(t, sub)) return oauthError(c, 400, 'invalid_grant', 'Invalid email or User ID');
    const subject = resolveSubject(t, sa, sub, scopes);
    if (!subject) {
      return oauthError(c, 401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
    }
    const tok = mintAccessToken(twin, t, { subject, scopes, clientId: sa.clientId });
    return c.json({ access_token: tok.id, expires_in: TOKEN_TTL_SEC, token_type: 'Bearer' });
  }

  return oauthError(c, 400, 'unsupported_grant_type', `Invalid grant_type: ${grant}`);
}

/** `GET /tokeninfo?access_token=…` — what google-auth-library's `getTokenInfo` reads. */
async function tokenInfo(c: C, twin: Twin): Promise<Response> {
  const p = (await readParams(c)) ?? {};
  const value = p.access_token ?? '';
  const t = tenantFor(c, twin, value);
  const tok = tokens(t).get(value);
  if (!tok || (tok.expiresAt !== undefined && tok.expiresAt <= twin.clock.ms())) return oauthError(c, 400, 'invalid_token', 'Invalid Value');
  const expiresIn = tok.expiresAt === undefined ? TOKEN_TTL_SEC : Math.max(0, Math.floor((tok.expiresAt - twin.clock.ms()) / 1000));
  const user = findUserByEmail(t, tok.subject);
  return c.json({
    azp: tok.clientId,
    aud: tok.clientId,
    ...(user ? { sub: user.id, email: user.primaryEmail, email_verified: 'true' } : { email: tok.subject }),
    scope: tok.scopes.join(' '),
    exp: String(Math.floor(twin.clock.seconds() + expiresIn)),
    expires_in: String(expiresIn),
    access_type: 'offline',
  });
}

/** `POST /revoke?token=…` revokes an access token, or a refresh token and everything minted from it. */
async function revoke(c: C, twin: Twin): Promise<Response> {
  const p = (await readParams(c)) ?? {};
  const value = p.token ?? '';
  const t = tenantFor(c, twin, value);
  const rt = t.collection<RefreshToken>(K.refreshTokens).get(value);
  if (rt) {
    rt.revoked = true;
    t.collection<RefreshToken>(K.refreshTokens).put(rt);
    for (const tok of tokens(t).filter((x) => x.clientId === rt.clientId && x.subject === rt.subject && x.expiresAt !== undefined)) tokens(t).delete(tok.id);
    return c.body(null, 200);
  }
  if (tokens(t).delete(value)) return c.body(null, 200);
  return oauthError(c, 400, 'invalid_token', 'Token expired or revoked');
}

export function oauthRoutes(app: Hono<DtuEnv>, twin: Twin): void {
  for (const path of ['/token', '/oauth2/v4/token', '/o/oauth2/token']) app.post(path, (c) => token(c, twin));
  for (const path of ['/tokeninfo', '/oauth2/v3/tokeninfo']) app.on(['GET', 'POST'], path, (c) => tokenInfo(c, twin));
  for (const path of ['/revoke', '/o/oauth2/revoke']) app.post(path, (c) => revoke(c, twin));
}
