/** Helpers for the OAuth tests: OIDC apps made through the Apps API, form posts, PKCE, the headless sign-in, JWT peeking. */
import { createHash, randomBytes, generateKeyPairSync } from 'node:crypto';
import type { Org } from './helpers.js';
import { newUser } from './helpers.js';

export const PASSWORD = 'Xk4!vR9qzTq';

export interface OidcApp {
  id: string;
  clientId: string;
  clientSecret?: string;
  raw: Record<string, any>;
}

export interface AppSpec {
  type?: 'web' | 'service' | 'native' | 'browser';
  method?: 'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt' | 'none';
  grants?: string[];
  responseTypes?: string[];
  redirectUris?: string[];
  postLogoutUris?: string[];
  jwks?: Array<Record<string, unknown>>;
  dpop?: boolean;
  rotateRefresh?: boolean;
  label?: string;
}

/** Creates an OIDC app with the Apps API, as an admin would. */
export async function createOidcApp(o: Org, spec: AppSpec = {}): Promise<OidcApp> {
  const type = spec.type ?? 'web';
  const body = {
    name: 'oidc_client',
    label: spec.label ?? `oauth test ${type} ${randomBytes(3).toString('hex')}`,
    signOnMode: 'OPENID_CONNECT',
    credentials: { oauthClient: { token_endpoint_auth_method: spec.method ?? (type === 'browser' ? 'none' : 'client_secret_basic') } },
    settings: {
      oauthClient: {
        application_type: type,
        grant_types: spec.grants ?? (type === 'service' ? ['client_credentials'] : ['authorization_code', 'refresh_token']),
        response_types: spec.responseTypes ?? (type === 'service' ? ['token'] : ['code']),
        redirect_uris: spec.redirectUris ?? (type === 'service' ? [] : ['http://localhost:8080/callback']),
        post_logout_redirect_uris: spec.postLogoutUris ?? [],
        ...(spec.jwks ? { jwks: { keys: spec.jwks } } : {}),
        ...(spec.dpop ? { dpop_bound_access_tokens: true } : {}),
        ...(spec.rotateRefresh ? { refresh_token: { rotation_type: 'ROTATE', leeway: 0 } } : {}),
      },
    },
  };
  const res = await o.raw('/api/v1/apps', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const raw = (await res.json()) as Record<string, any>;
  if (res.status !== 200) throw new Error(`app create failed: ${res.status} ${JSON.stringify(raw)}`);
  return { id: raw.id, clientId: raw.credentials.oauthClient.client_id, clientSecret: raw.credentials.oauthClient.client_secret, raw };
}

/** Assigns the app to the Everyone group, so every user may sign in to it. */
export async function assignEveryone(o: Org, appId: string): Promise<void> {
  const groups = (await (await o.raw('/api/v1/groups?q=Everyone')).json()) as Array<{ id: string }>;
  const res = await o.raw(`/api/v1/apps/${appId}/groups/${groups[0].id}`, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } });
  if (res.status !== 200) throw new Error(`assign failed: ${res.status} ${await res.text()}`);
}

export async function createUser(o: Org, login: string): Promise<{ id: string; login: string }> {
  const res = await o.raw('/api/v1/users?activate=true', { method: 'POST', body: JSON.stringify(newUser(login)), headers: { 'content-type': 'application/json' } });
  const u = (await res.json()) as { id: string };
  if (res.status !== 200) throw new Error(`user create failed: ${res.status} ${JSON.stringify(u)}`);
  return { id: u.id, login };
}

export function postForm(url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers }, body: new URLSearchParams(params).toString(), redirect: 'manual' });
}

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function decodeJwt(token: string): { header: Record<string, any>; claims: Record<string, any> } {
  const [h, p] = token.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), claims: JSON.parse(Buffer.from(p, 'base64url').toString()) };
}

/** The query (or fragment) parameters of a redirect. */
export function redirectParams(res: Response): URLSearchParams {
  const loc = res.headers.get('location');
  if (!loc) throw new Error(`expected a redirect, got ${res.status}`);
  const u = new URL(loc);
  return new URLSearchParams(u.hash ? u.hash.slice(1) : u.search);
}

/**
 * The headless sign-in: POST the /authorize parameters with `username` and
 * `password`, as the hosted sign-in page does, and read the code off the redirect.
 */
export async function headlessAuthorize(issuer: string, params: Record<string, string>, login: string, password = PASSWORD): Promise<{ res: Response; params: URLSearchParams; cookie?: string }> {
  const res = await postForm(`${issuer}/v1/authorize`, { response_type: 'code', state: 'st-1', nonce: 'n-1', ...params, username: login, password });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  return { res, params: redirectParams(res), cookie };
}

/** An RSA key pair for private_key_jwt clients: the private key object and the public JWK to register. */
export function clientKeyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } as Record<string, unknown> };
}
