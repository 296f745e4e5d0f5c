/**
 * An Okta OAuth 2.0 service app for the Management API, made as an admin makes one: an API Services app
 * authenticating with private_key_jwt, granted some `okta.*` scopes, and an access token from the org
 * authorization server's client_credentials grant (developer.okta.com "Implement OAuth for Okta with a service app").
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT, importJWK, type JWK } from 'jose';
import type { Twin } from '../../src/core/twin.js';
import { ORIGIN, call } from './helpers.js';

export interface ServiceToken {
  clientId: string;
  appId: string;
  token: string;
  scope: string;
  /** Another access token for the same app and scopes. */
  another(): Promise<string>;
  /** Revokes a token at the org server's /oauth2/v1/revoke, authenticating as the app (RFC 7009). */
  revoke(token: string): Promise<number>;
}

export async function oktaServiceToken(twin: Twin, tenant: string, ssws: string, scopes: string[]): Promise<ServiceToken> {
  const admin = { authorization: `SSWS ${ssws}` };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `matrix-${randomUUID().slice(0, 8)}`;
  const pub = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, use: 'sig', alg: 'RS256' };
  const app = await call(twin, 'POST', `/t/${tenant}/api/v1/apps`, {
    headers: admin,
    body: {
      name: 'oidc_client', label: `matrix service ${kid}`, signOnMode: 'OPENID_CONNECT',
      credentials: { oauthClient: { token_endpoint_auth_method: 'private_key_jwt' } },
      settings: { oauthClient: { application_type: 'service', grant_types: ['client_credentials'], response_types: ['token'], redirect_uris: [], jwks: { keys: [pub] } } },
    },
  });
  if (app.status !== 200) throw new Error(`service app: ${app.status} ${app.text.slice(0, 200)}`);
  const org = `${ORIGIN}/t/${tenant}`;
  for (const scopeId of scopes) {
    const g = await call(twin, 'POST', `/t/${tenant}/api/v1/apps/${app.json.id}/grants`, { headers: admin, body: { issuer: org, scopeId } });
    if (g.status !== 201) throw new Error(`grant ${scopeId}: ${g.status} ${g.text.slice(0, 200)}`);
  }
  const clientId = app.json.credentials.oauthClient.client_id as string;
  const org2 = `/t/${tenant}/oauth2/v1`;
  const signer = await importJWK(privateKey.export({ format: 'jwk' }) as JWK, 'RS256');
  // A client assertion for one endpoint, timed by the twin's clock (RFC 7523 §3: aud is the endpoint's URL).
  const assertion = async (endpoint: string) => {
    const now = Math.floor((await call(twin, 'GET', '/_dtu/clock')).json.epochMs / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(clientId).setSubject(clientId).setAudience(`${org}/oauth2/v1/${endpoint}`).setIssuedAt(now).setExpirationTime(now + 300).setJti(randomUUID())
      .sign(signer);
  };
  const post = async (endpoint: string, fields: Record<string, string>) =>
    call(twin, 'POST', `${org2}/${endpoint}`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: await assertion(endpoint) }).toString(),
    });
  const mint = async () => {
    const res = await post('token', { grant_type: 'client_credentials', scope: scopes.join(' ') });
    if (res.status !== 200 || res.json?.token_type !== 'Bearer') throw new Error(`token: ${res.status} ${res.text.slice(0, 200)}`);
    return res.json as { access_token: string; scope: string };
  };
  const first = await mint();
  return {
    clientId,
    appId: app.json.id,
    token: first.access_token,
    scope: first.scope,
    another: async () => (await mint()).access_token,
    revoke: async (token: string) => (await post('revoke', { token, token_type_hint: 'access_token' })).status,
  };
}
