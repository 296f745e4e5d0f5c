/** The Authorization Servers API on the wire: shapes from okta-sdk-python's recorded exchanges, validation and 404 bodies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { org, startOkta, type Org } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

const json = async (o: Org, path: string, method = 'GET', body?: unknown) => {
  const res = await o.raw(`/api/v1/authorizationServers${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
};

describe('authorization servers (cassettes test_auth_server_it, test_authorization_server_rules_it)', () => {
  it('creates a server with Okta\'s system scopes and claims, links and a signing key', async () => {
    const o = await org(server, 'as-create');
    const res = await json(o, '', 'POST', { name: 'orders', description: 'Orders API', audiences: ['api://orders'] });
    expect(res.status).toBe(201);
    const s = res.body;
    expect(s.id).toMatch(/^aus[0-9A-Za-z]{17}$/);
    expect(s).toMatchObject({ name: 'orders', description: 'Orders API', audiences: ['api://orders'], issuer: `${o.base}/oauth2/${s.id}`, status: 'ACTIVE', default: false });
    expect(s.credentials.signing).toMatchObject({ rotationMode: 'AUTO', lastRotated: s.created });
    expect(Date.parse(s.credentials.signing.nextRotation) - Date.parse(s.created)).toBe(90 * 86400_000);
    expect(Object.keys(s._links)).toEqual(['rotateKey', 'metadata', 'keys', 'claims', 'policies', 'self', 'scopes', 'deactivate']);
    expect(s._links.metadata[1]).toEqual({ name: 'openid-configuration', href: `${o.base}/oauth2/${s.id}/.well-known/openid-configuration`, hints: { allow: ['GET'] } });

    const scopes = (await json(o, `/${s.id}/scopes`)).body;
    expect(scopes.map((x: { name: string }) => x.name)).toEqual(['openid', 'profile', 'email', 'address', 'phone', 'offline_access']);
    expect(scopes[0]).toMatchObject({ system: true, metadataPublish: 'ALL_CLIENTS', default: false, description: 'Signals that a request is an OpenID request.' });
    const claims = (await json(o, `/${s.id}/claims`)).body;
    expect(claims[0]).toMatchObject({ name: 'sub', claimType: 'RESOURCE', valueType: 'EXPRESSION', value: '(appuser != null) ? appuser.userName : app.clientId', system: true });
    expect(claims).toHaveLength(19);
    const keys = (await json(o, `/${s.id}/credentials/keys`)).body;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', status: 'ACTIVE', alg: 'RS256', use: 'sig', kid: s.credentials.signing.kid, e: 'AQAB' });
    expect((await json(o, `/${s.id}/policies`)).body).toEqual([]);
  });

  it('validates input and answers missing resources with E0000007 and Okta\'s type names', async () => {
    const o = await org(server, 'as-errors');
    const noAud = await json(o, '', 'POST', { name: 'x' });
    expect(noAud.status).toBe(400);
    expect(noAud.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: audiences', errorCauses: [{ errorSummary: 'audiences: The field cannot be left blank' }] });
    const dup = await json(o, '', 'POST', { name: 'default', audiences: ['api://x'] });
    expect(dup.status).toBe(400);
    expect(dup.body.errorCauses[0].errorSummary).toBe('name: An object with this field already exists in the current organization');

    const missing = await json(o, '/ausNope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: ausNope (AuthorizationServer)', errorLink: 'E0000007', errorCauses: [] });
    expect((await json(o, '/default/policies/00pNope')).body.errorSummary).toBe('Not found: Resource not found: 00pNope (Policy)');
    expect((await json(o, '/default/scopes/scpNope')).body.errorSummary).toBe('Not found: Resource not found: scpNope (OAuth2Scope)');
    expect((await json(o, '/default/claims/oclNope')).body.errorSummary).toBe('Not found: Resource not found: oclNope (OAuth2Claim)');
    const [policy] = (await json(o, '/default/policies')).body;
    expect((await json(o, `/default/policies/${policy.id}/rules/0prNope/lifecycle/deactivate`, 'POST')).body.errorSummary).toBe('Not found: Resource not found: 0prNope (PolicyRule)');

    const scopes = (await json(o, '/default/scopes')).body as Array<{ id: string; name: string }>;
    const openid = scopes.find((x) => x.name === 'openid')!;
    expect((await json(o, `/default/scopes/${openid.id}`, 'DELETE')).status).toBe(400);
    const dupScope = await json(o, '/default/scopes', 'POST', { name: 'email' });
    expect(dupScope.status).toBe(400);
    expect(dupScope.body.errorCode).toBe('E0000001');
  });

  it('keeps policy and rule priorities dense and orders grant types as Okta does', async () => {
    const o = await org(server, 'as-rules');
    const s = (await json(o, '', 'POST', { name: 'rules', audiences: ['api://rules'] })).body;
    const mk = (name: string, priority: number) => json(o, `/${s.id}/policies`, 'POST', { type: 'OAUTH_AUTHORIZATION_POLICY', name, description: name, priority, conditions: { clients: { include: ['ALL_CLIENTS'] } } });
    const a = (await mk('a', 1)).body;
    const b = (await mk('b', 1)).body;
    expect(b.priority).toBe(1);
    const list = (await json(o, `/${s.id}/policies`)).body.map((p: { name: string; priority: number }) => `${p.name}:${p.priority}`);
    expect(list).toEqual(['b:1', 'a:2']);
    const bare = (await json(o, `/${s.id}/policies`, 'POST', { type: 'OAUTH_AUTHORIZATION_POLICY', name: 'bare', description: 'no conditions' })).body;
    expect(bare.conditions).toEqual({ clients: { include: [] } });
    expect(bare.priority).toBe(3);

    const rule = await json(o, `/${s.id}/policies/${a.id}/rules`, 'POST', {
      type: 'RESOURCE_ACCESS', name: 'r', priority: 1,
      conditions: { grantTypes: { include: ['authorization_code', 'client_credentials'] }, people: { groups: { include: ['EVERYONE'] } }, scopes: { include: ['*'] } },
      actions: { token: { accessTokenLifetimeMinutes: 60, refreshTokenLifetimeMinutes: 0, refreshTokenWindowMinutes: 10080 } },
    });
    expect(rule.status).toBe(201);
    expect(rule.body.conditions).toEqual({ people: { users: { exclude: [] }, groups: { include: ['EVERYONE'] } }, grantTypes: { include: ['client_credentials', 'authorization_code'] }, scopes: { include: ['*'] } });
    const moved = await json(o, `/${s.id}/policies/${a.id}/rules/${rule.body.id}`, 'PUT', { ...rule.body, name: 'r2', priority: 2 });
    expect(moved.body).toMatchObject({ name: 'r2', priority: 1, status: 'ACTIVE' });
    const noGrants = await json(o, `/${s.id}/policies/${a.id}/rules`, 'POST', { type: 'RESOURCE_ACCESS', name: 'bad', conditions: { scopes: { include: ['*'] } } });
    expect(noGrants.status).toBe(400);

    expect((await json(o, `/${s.id}/policies/${a.id}`, 'DELETE')).status).toBe(204);
    expect((await json(o, `/${s.id}/policies/${a.id}/rules`)).status).toBe(404);
    expect((await json(o, `/${s.id}/policies`)).body.map((p: { name: string; priority: number }) => `${p.name}:${p.priority}`)).toEqual(['b:1', 'bare:2']);
  });

  it('associates trusted servers and deletes servers with everything under them', async () => {
    const o = await org(server, 'as-assoc');
    const one = (await json(o, '', 'POST', { name: 'one', audiences: ['api://one'] })).body;
    const two = (await json(o, '', 'POST', { name: 'two', audiences: ['api://two'] })).body;
    const made = await json(o, `/${one.id}/associatedServers`, 'POST', { trusted: [two.id] });
    expect(made.status).toBe(200);
    expect(made.body[0]).toMatchObject({ id: two.id, name: 'two', _links: null });
    expect((await json(o, `/${one.id}/associatedServers?trusted=true`)).body.map((x: { id: string }) => x.id)).toEqual([two.id]);
    expect((await json(o, `/${one.id}/associatedServers?trusted=false`)).body.map((x: { id: string }) => x.id)).not.toContain(two.id);
    expect((await json(o, `/${one.id}/associatedServers`, 'POST', { trusted: ['ausNope'] })).status).toBe(404);

    expect((await json(o, `/${two.id}`, 'DELETE')).status).toBe(204);
    expect((await json(o, `/${one.id}/associatedServers?trusted=true`)).body).toEqual([]);
    expect((await json(o, `/${two.id}/scopes`)).status).toBe(404);
    expect((await fetch(`${o.base}/oauth2/${two.id}/v1/keys`)).status).toBe(404);
  });
});
