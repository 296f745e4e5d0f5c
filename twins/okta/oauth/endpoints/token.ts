// POST /token: client_credentials, authorization_code (+PKCE), refresh_token and password grants, with DPoP binding.
import { createHash } from 'node:crypto';
import type { Doc } from '../../../../src/core/tenant.js';
import { findUserByLogin, users, verifyPassword, type AppDoc, type UserDoc } from '../../store.js';
import { authenticateClient, type AuthedClient } from './client-auth.js';
import { NO_STORE, OAUTH, oauthError } from '../errors.js';
import { decide, isAssigned, splitScopes, type Decision } from '../model/policy.js';
import { currentNonce, nonceValid, verifyProof, ProofError } from '../model/dpop.js';
import { K } from '../model/servers.js';
import { findRefresh, mintAccessToken, mintIdToken, mintRefreshToken, refreshActive, refreshExpiry, saveRefresh, type RefreshDoc } from '../model/tokens.js';
import type { AsContext } from '../model/context.js';
import { record } from '../../model/events.js';

export interface CodeDoc extends Doc {
  asId: string;
  clientId: string;
  redirectUri: string | null;
  userId: string;
  scopes: string[];
  nonce?: string;
  challenge?: string;
  challengeMethod?: string;
  authTime: number;
  expiresAt: number;
  decision: Decision;
}

const GRANTS = new Set(['authorization_code', 'client_credentials', 'refresh_token', 'password']);
/** Grants Okta knows but the twin does not serve (device, token exchange, SAML/JWT bearer, interaction code). */
const KNOWN_UNSERVED = new Set([
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:ietf:params:oauth:grant-type:token-exchange',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'urn:ietf:params:oauth:grant-type:saml2-bearer',
  'interaction_code',
]);

export const grantTypesOf = (app: AppDoc): string[] => (app.settings?.oauthClient?.grant_types ?? []) as string[];
const requiresDpop = (app: AppDoc) => app.settings?.oauthClient?.dpop_bound_access_tokens === true;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...NO_STORE, ...headers } });

export async function tokenEndpoint(ctx: AsContext, req: Request, form: URLSearchParams): Promise<Response> {
  const grantType = form.get('grant_type');
  if (!grantType) throw OAUTH.missingGrantType();
  if (!GRANTS.has(grantType) && !KNOWN_UNSERVED.has(grantType)) throw OAUTH.unsupportedGrantType();
  const endpoint = ctx.endpoint('token');
  const client = await authenticateClient(ctx, form, req.headers, endpoint);
  const configured = grantTypesOf(client.app);
  if (!configured.includes(grantType) || KNOWN_UNSERVED.has(grantType)) throw OAUTH.unauthorizedClient(configured);
  if (grantType === 'client_credentials' && client.method === 'none') throw OAUTH.unauthorizedClient(configured);
  const jkt = await dpopBinding(ctx, client.app, req, endpoint);

  switch (grantType) {
    case 'client_credentials': {
      const d = decide(ctx, client.app, 'client_credentials', splitScopes(form.get('scope')));
      return json(await issue(ctx, client, { decision: d, grantType, jkt }));
    }
    case 'authorization_code':
      return json(await redeemCode(ctx, client, form, jkt));
    case 'refresh_token':
      return json(await refresh(ctx, client, form, jkt));
    default:
      return json(await passwordGrant(ctx, client, form, jkt));
  }
}

/**
 * A client that requires DPoP must send a proof signed for this endpoint that carries
 * the server's nonce; without the nonce Okta answers `use_dpop_nonce` with a
 * `dpop-nonce` header (okta-sdk-python cassettes test_dpop_it). Other clients' proofs
 * are ignored, as @okta/okta-sdk-nodejs sends one on every token request.
 */
async function dpopBinding(ctx: AsContext, app: AppDoc, req: Request, endpoint: string): Promise<string | undefined> {
  if (!requiresDpop(app)) return undefined;
  const proof = req.headers.get('dpop');
  if (!proof) throw OAUTH.dpopMissing();
  let verified;
  try {
    verified = await verifyProof(proof, { htm: 'POST', htu: [endpoint], now: ctx.tenant.now() });
  } catch (e) {
    if (e instanceof ProofError) throw OAUTH.dpopInvalid(e.message);
    throw e;
  }
  if (!nonceValid(ctx.tenant, verified.nonce)) throw OAUTH.useDpopNonce(currentNonce(ctx.tenant));
  return verified.jkt;
}

interface IssueInput {
  decision: Decision;
  grantType: string;
  user?: UserDoc;
  authTime?: number;
  nonce?: string;
  jkt?: string;
  /** The refresh token being used (kept or rotated), when refreshing. */
  refreshing?: RefreshDoc;
}

/** Mints the token response, in the field order Okta writes it. */
async function issue(ctx: AsContext, client: AuthedClient, input: IssueInput): Promise<Record<string, unknown>> {
  const { decision, user } = input;
  const at = await mintAccessToken(ctx, { clientId: client.clientId, user, scopes: decision.scopes, ttlSec: decision.accessTtlSec, authTime: input.authTime, jkt: input.jkt });
  const out: Record<string, unknown> = {
    token_type: input.jkt ? 'DPoP' : 'Bearer',
    expires_in: decision.accessTtlSec,
    access_token: at.token,
    scope: decision.scopes.join(' '),
  };
  if (user && decision.scopes.includes('offline_access') && grantTypesOf(client.app).includes('refresh_token')) {
    out.refresh_token = refreshFor(ctx, client, input, user).value;
  }
  if (user && decision.scopes.includes('openid')) {
    out.id_token = await mintIdToken(ctx, { clientId: client.clientId, user, scopes: decision.scopes, authTime: input.authTime ?? Math.floor(ctx.tenant.now().getTime() / 1000), nonce: input.nonce, accessToken: at.token });
  }
  record(ctx.tenant, {
    eventType: ctx.kind === 'org' ? 'app.oauth2.token.grant.access_token' : 'app.oauth2.as.token.grant.access_token',
    displayMessage: 'OAuth2 access token is granted',
    target: [{ id: String(at.claims.jti), type: 'access_token', alternateId: null, displayName: 'Access Token', detailEntry: { expires: new Date(Number(at.claims.exp) * 1000).toISOString(), subject: String(at.claims.sub), hash: null } }],
    debugData: { grantType: input.grantType, requestedScopes: decision.scopes.join(' '), clientId: client.clientId },
  });
  return out;
}

/** A refresh token: the one being used (static, or rotated when the app asks for rotation), or a new one. */
function refreshFor(ctx: AsContext, client: AuthedClient, input: IssueInput, user: UserDoc): RefreshDoc {
  const old = input.refreshing;
  const rotate = client.app.settings?.oauthClient?.refresh_token?.rotation_type === 'ROTATE';
  if (old && !rotate) {
    const now = ctx.tenant.now();
    old.lastUpdated = now.toISOString();
    old.expiresAt = refreshExpiry(new Date(old.created), now, old.lifetimeMin, old.windowMin);
    saveRefresh(ctx, old);
    return old;
  }
  if (old) {
    old.status = 'REVOKED';
    old.lastUpdated = ctx.tenant.now().toISOString();
    saveRefresh(ctx, old);
  }
  return mintRefreshToken(ctx, {
    clientId: client.clientId,
    userId: user.id,
    scopes: input.decision.scopes,
    grantType: old?.grantType ?? input.grantType,
    authTime: input.authTime ?? Math.floor(ctx.tenant.now().getTime() / 1000),
    lifetimeMin: input.decision.refreshLifetimeMin,
    windowMin: input.decision.refreshWindowMin,
    ...(input.jkt ? { jkt: input.jkt } : {}),
  });
}

const activeUser = (u: UserDoc | undefined) => !!u && (u.status === 'ACTIVE' || u.status === 'PASSWORD_EXPIRED' || u.status === 'RECOVERY');

async function redeemCode(ctx: AsContext, client: AuthedClient, form: URLSearchParams, jkt: string | undefined) {
  const code = form.get('code');
  if (!code) throw OAUTH.missingParam('code');
  const codes = ctx.tenant.collection<CodeDoc>(K.codes);
  const doc = codes.get(code);
  if (!doc || doc.asId !== ctx.id || doc.clientId !== client.clientId || doc.expiresAt <= ctx.tenant.now().getTime()) throw OAUTH.badCode();
  // A code is good once, whatever happens next.
  codes.delete(code);
  const redirectUri = form.get('redirect_uri');
  if (doc.redirectUri && !redirectUri) throw OAUTH.missingParam('redirect_uri');
  if (doc.redirectUri && redirectUri !== doc.redirectUri) throw OAUTH.redirectMismatch();
  const verifier = form.get('code_verifier');
  if (doc.challenge) {
    if (!verifier) throw OAUTH.verifierMissing();
    const computed = doc.challengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
    if (computed !== doc.challenge) throw OAUTH.pkceFailed();
  } else if (verifier) {
    throw OAUTH.pkceFailed();
  }
  const user = users(ctx.tenant).get(doc.userId);
  if (!activeUser(user)) throw OAUTH.badCode();
  return issue(ctx, client, { decision: doc.decision, grantType: 'authorization_code', user, authTime: doc.authTime, nonce: doc.nonce, jkt });
}

async function refresh(ctx: AsContext, client: AuthedClient, form: URLSearchParams, jkt: string | undefined) {
  const value = form.get('refresh_token');
  if (!value) throw OAUTH.missingParam('refresh_token');
  const doc = findRefresh(ctx, client.clientId, value);
  if (!doc || !refreshActive(ctx, doc)) throw OAUTH.badRefresh();
  const user = users(ctx.tenant).get(doc.userId);
  if (!activeUser(user)) throw OAUTH.badRefresh();
  // Narrowing is allowed, widening is not (docs /token "scope" for refresh_token).
  const asked = splitScopes(form.get('scope'));
  if (asked?.some((s) => !doc.scopes.includes(s))) throw oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
  const wanted = asked?.length ? asked : doc.scopes;
  // Policies are re-evaluated on refresh, against the grant that created the token.
  const d = decide(ctx, client.app, doc.grantType, wanted, user);
  return issue(ctx, client, { decision: d, grantType: 'refresh_token', user, authTime: doc.authTime, jkt, refreshing: doc });
}

async function passwordGrant(ctx: AsContext, client: AuthedClient, form: URLSearchParams, jkt: string | undefined) {
  const username = form.get('username');
  const password = form.get('password');
  if (!username) throw OAUTH.missingParam('username');
  if (!password) throw OAUTH.missingParam('password');
  const user = findUserByLogin(ctx.tenant, username);
  if (!user || !activeUser(user) || !verifyPassword(ctx.tenant, user.id, password)) throw OAUTH.badUserCredentials();
  if (!isAssigned(ctx.tenant, client.app, user)) throw oauthError(400, 'access_denied', 'User is not assigned to the client application.');
  const d = decide(ctx, client.app, 'password', splitScopes(form.get('scope')), user);
  return issue(ctx, client, { decision: d, grantType: 'password', user, authTime: Math.floor(ctx.tenant.now().getTime() / 1000), jkt });
}
