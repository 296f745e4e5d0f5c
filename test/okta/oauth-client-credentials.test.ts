/** The client_credentials grant on the default custom server: the three client authentication methods and Okta's refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OktaJwtVerifier from '@okta/jwt-verifier';
import { SignJWT } from 'jose';
import type { Listening } from '../../src/server/node.js';
import { org, startOkta, type Org } from './helpers.js';
import { basic, clientKeyPair, createOidcApp, decodeJwt, postForm } from './oauth-helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

const issuerOf = (o: Org) => `${o.base}/oauth2/default`;

async function assertion(o: Org, clientId: string, key: Parameters<SignJWT['sign']>[0], kid: string | undefined, aud = `${issuerOf(o)}/v1/token`, expIn = 300) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: `j-${now}-${Math.random()}` })
    .setProtectedHeader({ alg: 'RS256', ...(kid ? { kid } : {}) })
    .setIssuer(clientId).setSubject(clientId).setAudience(aud).setIssuedAt(now).setExpirationTime(now + expIn)
    .sign(key);
}

describe('client_credentials (developer.okta.com "Implement the Client Credentials flow")', () => {
  it('issues an access token for client_secret_basic that @okta/jwt-verifier accepts', async () => {
    const o = await org(server, 'cc-basic');
    const app = await createOidcApp(o, { type: 'service' });
    const res = await postForm(`${issuerOf(o)}/v1/token`, { grant_type: 'client_credentials', scope: 'api.read' }, { authorization: basic(app.clientId, app.clientSecret!) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache, no-store');
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['token_type', 'expires_in', 'access_token', 'scope']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'api.read' });

    const { header, claims } = decodeJwt(body.access_token);
    expect(header.alg).toBe('RS256');
    expect(claims).toMatchObject({ ver: 1, iss: issuerOf(o), aud: 'api://default', cid: app.clientId, sub: app.clientId, scp: ['api.read'] });
    expect(claims.jti).toMatch(/^AT\.[A-Za-z0-9_-]{43}$/);
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.uid).toBeUndefined();

    // jwt-verifier insists on https unless testing.disableHttpsCheck is set (lib.js assertIssuer).
    const verifier = new OktaJwtVerifier({ issuer: issuerOf(o), testing: { disableHttpsCheck: true } });
    const jwt = await verifier.verifyAccessToken(body.access_token, 'api://default');
    expect(jwt.claims.cid).toBe(app.clientId);
    expect(header.kid).toBe((await (await fetch(`${issuerOf(o)}/v1/keys`)).json()).keys[0].kid);
  });

  it('accepts client_secret_post', async () => {
    const o = await org(server, 'cc-post');
    const app = await createOidcApp(o, { type: 'service', method: 'client_secret_post' });
    const res = await postForm(`${issuerOf(o)}/v1/token`, { grant_type: 'client_credentials', scope: 'api.read', client_id: app.clientId, client_secret: app.clientSecret! });
    expect(res.status).toBe(200);
    expect((await res.json()).token_type).toBe('Bearer');
  });

  it('accepts private_key_jwt signed with a registered key, and refuses other keys, kids and audiences', async () => {
    const o = await org(server, 'cc-pkj');
    const good = clientKeyPair('k1');
    const app = await createOidcApp(o, { type: 'service', method: 'private_key_jwt', jwks: [good.publicJwk] });
    const token = (a: string) => postForm(`${issuerOf(o)}/v1/token`, {
      grant_type: 'client_credentials', scope: 'api.read',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: a,
    });

    const ok = await token(await assertion(o, app.clientId, good.privateKey, 'k1'));
    expect(ok.status).toBe(200);
    expect(decodeJwt((await ok.json()).access_token).claims.cid).toBe(app.clientId);

    const other = clientKeyPair('k1');
    const forged = await token(await assertion(o, app.clientId, other.privateKey, 'k1'));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: 'invalid_client', error_description: 'The client_assertion signature is invalid.' });

    const badKid = await token(await assertion(o, app.clientId, good.privateKey, 'nope'));
    expect(await badKid.json()).toEqual({ error: 'invalid_client', error_description: 'The client_assertion JWT kid is invalid.' });

    const badAud = await token(await assertion(o, app.clientId, good.privateKey, 'k1', `${o.base}/oauth2/v1/token`));
    expect(badAud.status).toBe(401);
    expect(await badAud.json()).toEqual({ error: 'invalid_client', error_description: 'The audience claim for client_assertion must be the endpoint invoked for the request.' });
  });

  it('refuses a wrong secret, an unknown client, missing and doubled credentials with Okta\'s bodies', async () => {
    const o = await org(server, 'cc-neg');
    const app = await createOidcApp(o, { type: 'service' });
    const url = `${issuerOf(o)}/v1/token`;

    const wrong = await postForm(url, { grant_type: 'client_credentials', scope: 'api.read' }, { authorization: basic(app.clientId, 'not-the-secret') });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_client', error_description: 'The client secret supplied for a confidential client is invalid.' });

    const none = await postForm(url, { grant_type: 'client_credentials', scope: 'api.read' });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: 'invalid_client', error_description: 'No client credentials found.' });

    const both = await postForm(url, { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret! }, { authorization: basic(app.clientId, app.clientSecret!) });
    expect(both.status).toBe(401);
    expect((await both.json()).error).toBe('invalid_request');

    const unknown = await postForm(url, { grant_type: 'client_credentials', scope: 'api.read' }, { authorization: basic('0oaNoSuchClient', 'x') });
    expect(unknown.status).toBe(401);
    const ub = await unknown.json();
    expect(ub).toMatchObject({ errorCode: 'invalid_client', errorSummary: "Invalid value for 'client_id' parameter.", errorLink: 'invalid_client', errorCauses: [] });
  });

  it('enforces grant types and scopes as Okta words it', async () => {
    const o = await org(server, 'cc-scope');
    const app = await createOidcApp(o, { type: 'service' });
    const auth = { authorization: basic(app.clientId, app.clientSecret!) };
    const url = `${issuerOf(o)}/v1/token`;

    const unknownScope = await postForm(url, { grant_type: 'client_credentials', scope: 'api.read nonexistent' }, auth);
    expect(unknownScope.status).toBe(400);
    expect(await unknownScope.json()).toEqual({ error: 'invalid_scope', error_description: 'One or more scopes are not configured for the authorization server resource.' });

    const noScope = await postForm(url, { grant_type: 'client_credentials' }, auth);
    expect(await noScope.json()).toEqual({ error: 'invalid_scope', error_description: "The authorization server resource does not have any configured default scopes, 'scope' must be provided." });

    const pw = await postForm(url, { grant_type: 'password', username: 'x', password: 'y', scope: 'openid' }, auth);
    expect(pw.status).toBe(400);
    expect(await pw.json()).toEqual({ error: 'unauthorized_client', error_description: 'The client is not authorized to use the provided grant type. Configured grant types: [client_credentials].' });

    const weird = await postForm(url, { grant_type: 'urn:example:nope' }, auth);
    expect(weird.status).toBe(400);
    expect((await weird.json()).error).toBe('unsupported_grant_type');
  });

  it('honours scope defaults and the access policy', async () => {
    const o = await org(server, 'cc-policy');
    const app = await createOidcApp(o, { type: 'service' });
    const auth = { authorization: basic(app.clientId, app.clientSecret!) };
    const url = `${issuerOf(o)}/v1/token`;
    const api = (path: string, method = 'GET', body?: unknown) =>
      o.raw(`/api/v1/authorizationServers/default${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

    // A default scope makes `scope` optional.
    const scopes = (await (await api('/scopes')).json()) as Array<{ id: string; name: string }>;
    const custom = scopes.find((s) => s.name === 'api.read')!;
    await api(`/scopes/${custom.id}`, 'PUT', { name: 'api.read', default: true, metadataPublish: 'ALL_CLIENTS' });
    const dflt = await postForm(url, { grant_type: 'client_credentials' }, auth);
    expect((await dflt.json()).scope).toBe('api.read');

    // With the only policy switched off, nothing matches: "Policy evaluation failed".
    const [policy] = (await (await api('/policies')).json()) as Array<{ id: string }>;
    expect((await api(`/policies/${policy.id}/lifecycle/deactivate`, 'POST')).status).toBe(204);
    const denied = await postForm(url, { grant_type: 'client_credentials', scope: 'api.read' }, auth);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ error: 'access_denied', error_description: 'Policy evaluation failed for this request, please check the policy configurations.' });

    // A policy for this client only, whose rule allows a single scope.
    await api(`/policies/${policy.id}/lifecycle/activate`, 'POST');
    await api(`/policies/${policy.id}`, 'PUT', { type: 'OAUTH_AUTHORIZATION_POLICY', name: 'Default Policy', description: 'd', conditions: { clients: { include: ['0oaSomeoneElse'] } } });
    const own = await (await api('/policies', 'POST', { type: 'OAUTH_AUTHORIZATION_POLICY', name: 'Just this app', description: 'x', priority: 1, conditions: { clients: { include: [app.clientId] } } })).json();
    await api(`/scopes`, 'POST', { name: 'api.write' });
    await api(`/policies/${own.id}/rules`, 'POST', { type: 'RESOURCE_ACCESS', name: 'read only', conditions: { grantTypes: { include: ['client_credentials'] }, scopes: { include: ['api.read'] }, people: { groups: { include: ['EVERYONE'] } } }, actions: { token: { accessTokenLifetimeMinutes: 5 } } });
    const read = await postForm(url, { grant_type: 'client_credentials', scope: 'api.read' }, auth);
    const rb = await read.json();
    expect(rb.expires_in).toBe(300);
    const write = await postForm(url, { grant_type: 'client_credentials', scope: 'api.write' }, auth);
    expect(write.status).toBe(401);
    expect((await write.json()).error).toBe('access_denied');
  });
});
