// Client authentication at /token, /introspect and /revoke: client_secret_basic/post/jwt, private_key_jwt and public clients.
import { decodeJwt, decodeProtectedHeader, jwtVerify, errors as joseErrors } from 'jose';
import { VendorError } from '../../../../src/core/errors.js';
import { apps, findOAuthClient, type AppDoc } from '../../store.js';
import { NO_STORE, OAUTH, oauthError } from '../errors.js';
import { verifyWithJwk } from '../model/keys.js';
import type { AsContext } from '../model/context.js';

export type AuthMethod = 'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt' | 'none';

export interface AuthedClient {
  app: AppDoc;
  clientId: string;
  method: AuthMethod;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * An unknown `client_id` is answered in the management API's error shape, not
 * OAuth's (a response Okta is widely quoted with, e.g. infrahq/infra's provider tests).
 */
function unknownClient(ctx: AsContext): VendorError {
  const errorId = `oae${ctx.tenant.random.chars(22)}`;
  return new VendorError(
    401,
    { errorCode: 'invalid_client', errorSummary: "Invalid value for 'client_id' parameter.", errorLink: 'invalid_client', errorId, errorCauses: [] },
    NO_STORE,
  );
}

export const configuredMethod = (app: AppDoc): AuthMethod => (app.credentials?.oauthClient?.token_endpoint_auth_method ?? 'client_secret_basic') as AuthMethod;

/** The app's usable secrets: its `client_secret`, plus ACTIVE entries of the client-secrets API. */
function secretsOf(ctx: AsContext, app: AppDoc): string[] {
  const out: string[] = [];
  const main = app.credentials?.oauthClient?.client_secret;
  if (typeof main === 'string' && main) out.push(main);
  for (const s of ctx.tenant.collection(`/api/v1/apps/${app.id}/credentials/secrets`).values()) {
    const rec = s as Record<string, unknown>;
    if (rec.status === 'ACTIVE' && typeof rec.client_secret === 'string') out.push(rec.client_secret);
  }
  return out;
}

function decodeBasic(header: string): { id: string; secret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (!m) return undefined;
  const raw = Buffer.from(m[1], 'base64').toString('utf8');
  const i = raw.indexOf(':');
  if (i < 0) return undefined;
  try {
    return { id: decodeURIComponent(raw.slice(0, i).replace(/\+/g, ' ')), secret: decodeURIComponent(raw.slice(i + 1).replace(/\+/g, ' ')) };
  } catch {
    return { id: raw.slice(0, i), secret: raw.slice(i + 1) };
  }
}

/** Authenticates the calling client, or throws the error Okta answers with (docs "Client authentication methods"). */
export async function authenticateClient(ctx: AsContext, form: URLSearchParams, headers: Headers, endpointUrl: string): Promise<AuthedClient> {
  const authz = headers.get('authorization');
  const basic = authz && /^Basic\s/i.test(authz) ? authz : undefined;
  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  if ([basic, secret, assertion].filter((x) => x !== null && x !== undefined).length > 1) throw OAUTH.multipleCredentials();

  let clientId: string | null;
  let method: AuthMethod;
  let presentedSecret: string | undefined;
  if (basic) {
    const creds = decodeBasic(basic);
    if (!creds) throw oauthError(401, 'invalid_client', 'Client authentication failed. Either the client or the client credentials are invalid.');
    clientId = creds.id;
    presentedSecret = creds.secret;
    method = 'client_secret_basic';
  } else if (assertion !== null) {
    if (form.get('client_assertion_type') !== JWT_BEARER) throw oauthError(400, 'invalid_request', `The 'client_assertion_type' parameter must be '${JWT_BEARER}'.`);
    let claims: ReturnType<typeof decodeJwt>;
    let alg: string | undefined;
    try {
      claims = decodeJwt(assertion);
      alg = decodeProtectedHeader(assertion).alg;
    } catch {
      throw OAUTH.assertionMalformed();
    }
    clientId = form.get('client_id') ?? (typeof claims.iss === 'string' ? claims.iss : null);
    method = alg?.startsWith('HS') ? 'client_secret_jwt' : 'private_key_jwt';
  } else if (secret !== null) {
    clientId = form.get('client_id');
    presentedSecret = secret;
    method = 'client_secret_post';
  } else {
    clientId = form.get('client_id');
    if (!clientId) throw OAUTH.noClientCredentials();
    method = 'none';
  }
  if (!clientId) throw OAUTH.clientIdMissing();

  const app = findOAuthClient(ctx.tenant, clientId) ?? apps(ctx.tenant).find((a) => a.id === clientId && a.signOnMode === 'OPENID_CONNECT');
  if (!app) throw unknownClient(ctx);
  if (app.status !== 'ACTIVE') throw OAUTH.clientAuthFailed();
  const configured = configuredMethod(app);

  if (method === 'client_secret_basic' || method === 'client_secret_post') {
    // Okta accepts a secret in either place for any secret-based client.
    if (configured === 'private_key_jwt' || configured === 'none') throw OAUTH.authMethodMismatch(configured);
    if (!secretsOf(ctx, app).includes(presentedSecret ?? '')) throw OAUTH.badSecret();
  } else if (method === 'none') {
    if (configured !== 'none') throw OAUTH.clientAuthFailed();
  } else {
    if (configured !== method) throw OAUTH.authMethodMismatch(configured);
    await verifyAssertion(ctx, app, clientId, assertion!, method, endpointUrl);
  }
  return { app, clientId, method };
}

async function verifyAssertion(ctx: AsContext, app: AppDoc, clientId: string, assertion: string, method: AuthMethod, endpointUrl: string): Promise<void> {
  const claims = decodeJwt(assertion);
  const now = ctx.tenant.now();
  if (claims.iss !== clientId || claims.sub !== clientId) throw OAUTH.assertionIssuer();
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(endpointUrl)) throw OAUTH.assertionAudience();
  if (typeof claims.exp !== 'number') throw OAUTH.assertionMalformed();
  if (claims.exp * 1000 <= now.getTime()) throw OAUTH.assertionExpired();

  if (method === 'client_secret_jwt') {
    for (const s of secretsOf(ctx, app)) {
      try {
        await jwtVerify(assertion, new TextEncoder().encode(s), { algorithms: ['HS256', 'HS384', 'HS512'], currentDate: now });
        return;
      } catch (e) {
        if (e instanceof joseErrors.JWTExpired) throw OAUTH.assertionExpired();
      }
    }
    throw OAUTH.assertionSignature();
  }

  // private_key_jwt: the app's registered public keys (settings.oauthClient.jwks.keys), ACTIVE ones only.
  const keys = ((app.settings?.oauthClient?.jwks?.keys ?? []) as Array<Record<string, unknown>>).filter((k) => k.status === undefined || k.status === 'ACTIVE');
  const kid = decodeProtectedHeader(assertion).kid;
  let key: Record<string, unknown> | undefined;
  if (kid !== undefined) key = keys.find((k) => k.kid === kid);
  else if (keys.length === 1) key = keys[0];
  if (!key) throw OAUTH.assertionKid();
  const r = await verifyWithJwk(assertion, key, now);
  if (!r.ok) throw r.reason === 'expired' ? OAUTH.assertionExpired() : OAUTH.assertionSignature();
}
