/** @okta/okta-sdk-nodejs in PrivateKey mode against the org server: DPoP nonce handshake, DPoP-bound API calls, scope limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import okta from '@okta/okta-sdk-nodejs';
import { SignJWT, importJWK, type JWK } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import type { Listening } from '../../src/server/node.js';
import { all, org, startOkta, type Org } from './helpers.js';
import { basic, clientKeyPair, createOidcApp, decodeJwt, postForm } from './oauth-helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

interface ServiceCreds { clientId: string; keyId: string; privateKey: string; privateJwk: JWK; scopes: string[] }

function privateKeyClient(o: Org, scopes: string[], svc: ServiceCreds = o.creds.serviceApp as ServiceCreds) {
  return new okta.Client({
    orgUrl: o.base, authorizationMode: 'PrivateKey', clientId: svc.clientId, scopes, privateKey: svc.privateKey, keyId: svc.keyId, cacheMiddleware: null,
  } as ConstructorParameters<typeof okta.Client>[0]);
}

/** A DPoP proof (RFC 9449) signed with the service app's key, as the SDK's src/dpop.js builds it. */
async function proof(jwk: JWK, htm: string, htu: string, extra: Record<string, unknown> = {}) {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk as Record<string, string>;
  return new SignJWT({ htm, htu, iat: Math.floor(Date.now() / 1000), jti: randomUUID(), ...extra })
    .setProtectedHeader({ typ: 'dpop+jwt', alg: 'RS256', jwk: { kty: pub.kty, n: pub.n, e: pub.e } })
    .sign(await importJWK(jwk, 'RS256'));
}

const ath = (token: string) => createHash('sha256').update(token).digest('base64url');

describe('SDK PrivateKey mode (SDK-NOTES §1; okta-sdk-python cassettes test_dpop_it)', () => {
  it('fetches a DPoP-bound token after the use_dpop_nonce round and calls /api/v1/users with it', async () => {
    const o = await org(server, 'sdk-dpop');
    const svc = o.creds.serviceApp as ServiceCreds;
    const client = privateKeyClient(o, ['okta.users.read', 'okta.users.manage']);
    const users = await all(await client.userApi.listUsers());
    expect(users.map((u) => u?.profile?.login)).toContain(o.creds.adminLogin);
    const created = await client.userApi.createUser({ body: { profile: { firstName: 'Dee', lastName: 'Pop', email: 'dee.pop@example.com', login: 'dee.pop@example.com' } }, activate: false });
    expect(created.status).toBe('STAGED');

    const log = server.twin.journal.query({ tenant: o.tenant });
    const token = log.filter((e) => e.path === '/oauth2/v1/token');
    expect(token.map((e) => e.status)).toEqual([400, 200]);
    expect(token[0].response.body).toEqual({ error: 'use_dpop_nonce', error_description: 'Authorization server requires nonce in DPoP proof.' });
    expect(token[0].response.headers['dpop-nonce']).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((token[1].response.body as { token_type: string }).token_type).toBe('DPoP');
    const api = log.filter((e) => e.path.startsWith('/api/v1/users'));
    expect(api.every((e) => e.request.headers.authorization === 'DPoP [redacted]' && e.status < 300)).toBe(true);
    expect(svc.scopes).toContain('okta.users.manage');
  });

  it('answers 403 for an operation the token has no scope for', async () => {
    const o = await org(server, 'sdk-scope');
    const client = privateKeyClient(o, ['okta.users.read']);
    expect((await all(await client.userApi.listUsers())).length).toBeGreaterThan(0);
    const err = await client.groupApi.listGroups().then((c) => all(c)).catch((e) => e);
    expect(err.status).toBe(403);
    const write = await client.userApi.createUser({ body: { profile: { firstName: 'N', lastName: 'O', email: 'n.o@example.com', login: 'n.o@example.com' } } }).catch((e) => e);
    expect(write.status).toBe(403);
  });

  it('binds tokens to the proof key: Bearer use, a missing proof, a wrong ath or URL are 401', async () => {
    const o = await org(server, 'sdk-bind');
    const svc = o.creds.serviceApp as ServiceCreds;
    const tokenUrl = `${o.base}/oauth2/v1/token`;
    const assertion = async () => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: svc.keyId }).setIssuer(svc.clientId).setSubject(svc.clientId)
        .setAudience(tokenUrl).setIssuedAt(now).setExpirationTime(now + 300).setJti(randomUUID()).sign(await importJWK(svc.privateJwk, 'RS256'));
    };
    const form = async () => ({ grant_type: 'client_credentials', scope: 'okta.users.read', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: await assertion() });

    const noProof = await postForm(tokenUrl, await form());
    expect(noProof.status).toBe(400);
    expect(await noProof.json()).toEqual({ error: 'invalid_dpop_proof', error_description: 'The DPoP proof JWT header is missing.' });
    const first = await postForm(tokenUrl, await form(), { dpop: await proof(svc.privateJwk, 'POST', tokenUrl) });
    const nonce = first.headers.get('dpop-nonce')!;
    const ok = await postForm(tokenUrl, await form(), { dpop: await proof(svc.privateJwk, 'POST', tokenUrl, { nonce }) });
    const { access_token: at, token_type } = await ok.json();
    expect(token_type).toBe('DPoP');
    expect(decodeJwt(at).header.typ).toBe('application/okta-internal-at+jwt');
    const claims = decodeJwt(at).claims;
    expect(claims).toMatchObject({ iss: o.base, aud: o.base, cid: svc.clientId, sub: svc.clientId, scp: ['okta.users.read'] });
    expect(claims.cnf.jkt).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const usersUrl = `${o.base}/api/v1/users`;
    const call = (headers: Record<string, string>) => fetch(usersUrl, { headers: { accept: 'application/json', ...headers } });
    const good = await call({ authorization: `DPoP ${at}`, dpop: await proof(svc.privateJwk, 'GET', usersUrl, { ath: ath(at) }) });
    expect(good.status).toBe(200);

    const asBearer = await call({ authorization: `Bearer ${at}` });
    expect(asBearer.status).toBe(401);
    expect((await asBearer.json()).errorCode).toBe('E0000011');
    expect(asBearer.headers.get('www-authenticate')).toContain('error="invalid_dpop_proof"');
    expect((await call({ authorization: `DPoP ${at}` })).status).toBe(401);
    expect((await call({ authorization: `DPoP ${at}`, dpop: await proof(svc.privateJwk, 'GET', usersUrl, { ath: ath('other') }) })).status).toBe(401);
    expect((await call({ authorization: `DPoP ${at}`, dpop: await proof(svc.privateJwk, 'GET', `${o.base}/api/v1/groups`, { ath: ath(at) }) })).status).toBe(401);
    const stranger = clientKeyPair('x');
    const strangerJwk = stranger.privateKey.export({ format: 'jwk' }) as JWK;
    expect((await call({ authorization: `DPoP ${at}`, dpop: await proof(strangerJwk, 'GET', usersUrl, { ath: ath(at) }) })).status).toBe(401);
  });

  it('gives a service app without DPoP a Bearer token, and refuses custom-server tokens on /api/v1', async () => {
    const o = await org(server, 'sdk-bearer');
    const keys = clientKeyPair('plain-1');
    const app = await createOidcApp(o, { type: 'service', method: 'private_key_jwt', jwks: [keys.publicJwk] });
    const grant = await o.raw(`/api/v1/apps/${app.id}/grants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ issuer: o.base, scopeId: 'okta.users.read' }) });
    expect(grant.status).toBe(201);
    const pem = keys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const client = privateKeyClient(o, ['okta.users.read'], { clientId: app.clientId, keyId: 'plain-1', privateKey: pem, privateJwk: {} as JWK, scopes: [] });
    expect((await all(await client.userApi.listUsers())).length).toBeGreaterThan(0);
    const calls = server.twin.journal.query({ tenant: o.tenant }).filter((e) => e.path === '/api/v1/users');
    expect(calls.at(-1)!.request.headers.authorization).toBe('Bearer [redacted]');
    // Deactivating the client invalidates its tokens at once (docs "Access Token").
    expect((await o.raw(`/api/v1/apps/${app.id}/lifecycle/deactivate`, { method: 'POST' })).status).toBe(200);
    expect((await client.userApi.listUsers().then((c) => all(c)).catch((e) => e)).status).toBe(401);
    await o.raw(`/api/v1/apps/${app.id}/lifecycle/activate`, { method: 'POST' });

    const ungranted = privateKeyClient(o, ['okta.groups.read'], { clientId: app.clientId, keyId: 'plain-1', privateKey: pem, privateJwk: {} as JWK, scopes: [] });
    // The SDK caches the token endpoint's error body as its "token" (SDK-NOTES pitfall 8), so the API call is what fails.
    expect((await ungranted.groupApi.listGroups().then((c) => all(c)).catch((e) => e)).status).toBe(401);
    const refused = server.twin.journal.query({ tenant: o.tenant }).filter((e) => e.path === '/oauth2/v1/token').at(-1)!;
    expect(refused.status).toBe(400);
    expect((refused.response.body as { error: string }).error).toBe('invalid_scope');

    const web = await createOidcApp(o, { type: 'service' });
    const custom = await (await postForm(`${o.base}/oauth2/default/v1/token`, { grant_type: 'client_credentials', scope: 'api.read' }, { authorization: basic(web.clientId, web.clientSecret!) })).json();
    const res = await fetch(`${o.base}/api/v1/users`, { headers: { authorization: `Bearer ${custom.access_token}`, accept: 'application/json' } });
    expect(res.status).toBe(401);
    expect((await res.json()).errorSummary).toBe('Invalid token provided');
  });
});
