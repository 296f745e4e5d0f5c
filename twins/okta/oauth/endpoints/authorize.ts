// GET/POST /authorize: client and redirect checks, sign-in (session, hosted page or headless form POST), codes and implicit tokens.
import { VendorError } from '../../../../src/core/errors.js';
import { findOAuthClient, findUserByLogin, users, verifyPassword, type AppDoc, type UserDoc } from '../../store.js';
import { decide, isAssigned, splitScopes } from '../model/policy.js';
import { K, scopes as serverScopes } from '../model/servers.js';
import { mintAccessToken, mintIdToken } from '../model/tokens.js';
import { grantTypesOf, type CodeDoc } from './token.js';
import { currentSession, errorPage, formPostPage, loginPage, sessionCookie } from './session.js';
import { noteSignIn, redeemSessionToken, startSession } from '../../model/sessions.js';
import type { AsContext } from '../model/context.js';
import { recordConsent } from '../../model/user-grants.js';

/** Authorization codes live 60 seconds (docs /authorize "Response Properties"). */
const CODE_TTL_MS = 60_000;

type Mode = 'query' | 'fragment' | 'form_post';

class Redirected extends Error {
  constructor(readonly error: string, readonly description: string) {
    super(error);
  }
}

const fail = (error: string, description: string): never => {
  throw new Redirected(error, description);
};

function respond(redirectUri: string, mode: Mode, params: Record<string, string>, headers: Record<string, string> = {}): Response {
  if (mode === 'form_post') {
    const page = formPostPage(redirectUri, params);
    for (const [k, v] of Object.entries(headers)) page.headers.set(k, v);
    return page;
  }
  const u = new URL(redirectUri);
  const qs = new URLSearchParams(params).toString();
  let location: string;
  if (mode === 'fragment') location = `${u.toString().split('#')[0]}#${qs}`;
  else {
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    location = u.toString();
  }
  return new Response(null, { status: 302, headers: { location, 'cache-control': 'no-cache, no-store', 'referrer-policy': 'no-referrer', ...headers } });
}

/**
 * The /authorize endpoint. Sign-in happens, in order, through: a POSTed
 * `username` + `password` (the hosted page's form, usable headlessly), an existing
 * `sid` session (unless `prompt=login`), or the hosted page; `prompt=none` without
 * a session answers `login_required`.
 */
export async function authorizeEndpoint(ctx: AsContext, req: Request, params: URLSearchParams, prefix: string): Promise<Response> {
  const clientId = params.get('client_id');
  const app = clientId ? findOAuthClient(ctx.tenant, clientId) : undefined;
  if (!clientId || !app || app.status !== 'ACTIVE') return errorPage(400, "Invalid value for 'client_id' parameter.", 'invalid_client');
  const redirectUri = params.get('redirect_uri');
  const registered = (app.settings?.oauthClient?.redirect_uris ?? []) as string[];
  if (!redirectUri || !registered.includes(redirectUri)) {
    return errorPage(400, `The 'redirect_uri' parameter must be a Login redirect URI in the client app settings: ${ctx.orgUrl}/admin/app/oidc_client/instance/${app.id}#tab-general`);
  }
  const responseTypes = (params.get('response_type') ?? '').split(/\s+/).filter(Boolean);
  const implicit = responseTypes.includes('token') || responseTypes.includes('id_token');
  const rawMode = params.get('response_mode');
  const mode: Mode = rawMode === 'query' || rawMode === 'fragment' || rawMode === 'form_post' ? rawMode : implicit ? 'fragment' : 'query';
  const state = params.get('state');
  const withState = (p: Record<string, string>) => (state !== null ? { ...p, state } : p);
  const extraHeaders: Record<string, string> = {};
  try {
    if (rawMode !== null && rawMode !== mode) fail('unsupported_response_mode', `The response mode '${rawMode}' is not supported.`);
    if (implicit && mode === 'query') fail('unsupported_response_mode', "The 'query' response mode is not allowed for response types that include tokens.");
    checkResponseType(app, responseTypes);
    const challenge = params.get('code_challenge');
    const method = params.get('code_challenge_method');
    const publicClient = app.credentials?.oauthClient?.token_endpoint_auth_method === 'none';
    if (responseTypes.includes('code') && !challenge && (publicClient || app.credentials?.oauthClient?.pkce_required === true)) {
      fail('invalid_request', "PKCE code challenge is required when the token endpoint authentication method is 'NONE'.");
    }
    // Okta documents S256 as the only code_challenge_method it accepts (docs /authorize).
    if (challenge && method !== 'S256') fail('invalid_request', "The 'code_challenge_method' parameter is invalid. Valid values: [S256].");
    const nonce = params.get('nonce') ?? undefined;
    if (responseTypes.includes('id_token') && !nonce) fail('invalid_request', "The 'nonce' parameter is required for authorize requests with either the 'id_token' or 'token' response types.");

    const signedIn = await signIn(ctx, req, params, prefix);
    if (signedIn instanceof Response) return signedIn;
    const { user, authTime, newSid } = signedIn;
    if (newSid) extraHeaders['set-cookie'] = sessionCookie(prefix, newSid);
    if (!isAssigned(ctx.tenant, app, user)) fail('access_denied', 'User is not assigned to the client application.');

    const grant = responseTypes.includes('code') ? 'authorization_code' : 'implicit';
    const requested = splitScopes(params.get('scope'));
    const decision = decide(ctx, app, grant, requested, user);
    if (responseTypes.includes('id_token') && !decision.scopes.includes('openid')) fail('invalid_scope', "The 'openid' scope must be provided for 'id_token' response types.");
    // The twin's signed-in user approves the consent Okta would ask for; the approval is kept as the user's grants.
    if (app.settings?.oauthClient?.consent_method === 'REQUIRED') {
      const consented = serverScopes(ctx.tenant, ctx.id).filter((s) => s.consent === 'REQUIRED' && decision.scopes.includes(s.name));
      if (consented.length) recordConsent(ctx.tenant, { userId: user.id, clientId, issuer: ctx.issuer, asId: ctx.id, scopeIds: consented.map((s) => s.id) });
    }

    const out: Record<string, string> = {};
    if (responseTypes.includes('code')) {
      const code = ctx.tenant.random.chars(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
      ctx.tenant.collection<CodeDoc>(K.codes).put({
        id: code, asId: ctx.id, clientId, redirectUri, userId: user.id, scopes: decision.scopes, nonce,
        ...(challenge ? { challenge, challengeMethod: method ?? 'S256' } : {}),
        authTime, expiresAt: ctx.tenant.now().getTime() + CODE_TTL_MS, decision,
      });
      out.code = code;
    }
    let accessToken: string | undefined;
    if (responseTypes.includes('token')) {
      // Implicit tokens never come with a refresh token (docs "offline_access").
      const scopes = decision.scopes.filter((s) => s !== 'offline_access');
      accessToken = (await mintAccessToken(ctx, { clientId, user, scopes, ttlSec: decision.accessTtlSec, authTime })).token;
      Object.assign(out, { token_type: 'Bearer', expires_in: String(decision.accessTtlSec), access_token: accessToken, scope: scopes.join(' ') });
    }
    if (responseTypes.includes('id_token')) {
      out.id_token = await mintIdToken(ctx, { clientId, user, scopes: decision.scopes, authTime, nonce, accessToken });
    }
    return respond(redirectUri, mode, withState(out), extraHeaders);
  } catch (e) {
    if (e instanceof Redirected) return respond(redirectUri, mode, withState({ error: e.error, error_description: e.description }), extraHeaders);
    // Policy and scope refusals come back to the client as redirect parameters.
    if (e instanceof VendorError && isOAuthBody(e.body)) return respond(redirectUri, mode, withState({ error: e.body.error, error_description: e.body.error_description }), extraHeaders);
    throw e;
  }
}

function isOAuthBody(b: unknown): b is { error: string; error_description: string } {
  return !!b && typeof b === 'object' && typeof (b as Record<string, unknown>).error === 'string';
}

/** The app must allow each response type, and the grant behind it. */
function checkResponseType(app: AppDoc, types: string[]): void {
  const allowed = (app.settings?.oauthClient?.response_types ?? ['code']) as string[];
  const grants = grantTypesOf(app);
  const known = types.length > 0 && types.every((t) => t === 'code' || t === 'token' || t === 'id_token');
  const ok = known && types.every((t) => allowed.includes(t)) &&
    (!types.includes('code') || grants.includes('authorization_code')) &&
    (!(types.includes('token') || types.includes('id_token')) || grants.includes('implicit'));
  if (!ok) fail('unsupported_response_type', `The response type is not supported by the authorization server. Configured response types: [${allowed.join(', ')}].`);
}

type SignedIn = { user: UserDoc; authTime: number; newSid?: string };

async function signIn(ctx: AsContext, req: Request, params: URLSearchParams, prefix: string): Promise<SignedIn | Response> {
  const t = ctx.tenant;
  const action = ctx.endpoint('authorize');
  const prompt = (params.get('prompt') ?? '').split(/\s+/);
  const username = params.get('username');
  if (req.method === 'POST' && username !== null) {
    const user = findUserByLogin(t, username);
    if (!user || user.status !== 'ACTIVE' || !verifyPassword(t, user.id, params.get('password') ?? '')) {
      return loginPage(action, params, { error: 'Unable to sign in', status: 401 });
    }
    const s = startSession(t, user);
    noteSignIn(t, user);
    return { user, authTime: s.authTime, newSid: s.id };
  }
  // A session token from /api/v1/authn signs the user in once (Authentication API, "Session Token").
  const sessionToken = params.get('sessionToken');
  if (sessionToken) {
    const s = redeemSessionToken(t, sessionToken);
    const user = s && users(t).get(s.userId);
    if (s && user) return { user, authTime: s.authTime, newSid: s.id };
  }
  const current = currentSession(t, req);
  const maxAge = Number(params.get('max_age'));
  const fresh = current && (!Number.isFinite(maxAge) || params.get('max_age') === null || Math.floor(t.now().getTime() / 1000) - current.session.authTime <= maxAge);
  const hinted = params.get('login_hint');
  const sameUser = current && (!hinted || findUserByLogin(t, hinted)?.id === current.user.id);
  if (current && fresh && sameUser && !prompt.includes('login')) return { user: current.user, authTime: current.session.authTime };
  if (prompt.includes('none')) fail('login_required', 'The client specified not to prompt, but the user is not logged in.');
  return loginPage(action, params);
}
