/** Object shapes as Okta answers them (terraform cassettes): IdP links, policy and protocol defaults; group rule exclusions; a policy read by id; role assignment links. */
import { describe, expect, it } from 'vitest';
import { jsonOf as json, newUser, sendJson as send, sswsOrg, useOkta } from './helpers.js';

const server = useOkta();
const policyIn = { accountLink: { action: 'AUTO' }, provisioning: { action: 'AUTO', profileMaster: false, groups: { action: 'NONE' } }, subject: { matchType: 'USERNAME', userNameTemplate: { template: 'idpuser.email' } } };

describe('identity providers', () => {
  it('a social IdP gets its provider endpoints, no unset PKCE flag, Okta policy defaults and OAuth links only', async () => {
    const o = await sswsOrg(server(), 'idp-social');
    const res = await json(await o.raw('/api/v1/idps', send('POST', { type: 'GOOGLE', name: 'Google', protocol: { type: 'OIDC', scopes: ['openid'], credentials: { client: { client_id: 'a', client_secret: 'b', pkce_required: null } } }, policy: policyIn })));
    expect(res.status).toBe(200);
    const idp = res.body;
    expect(idp.protocol.endpoints.authorization).toEqual({ url: 'https://accounts.google.com/o/oauth2/auth', binding: 'HTTP-REDIRECT' });
    expect('pkce_required' in idp.protocol.credentials.client).toBe(false);
    expect(idp.issuerMode).toBe('ORG_URL');
    expect(idp.policy.accountLink).toEqual({ filter: null, action: 'AUTO' });
    expect(idp.policy.subject).toEqual({ userNameTemplate: { template: 'idpuser.email' }, filter: null, matchType: 'USERNAME', matchAttribute: null });
    expect(idp.policy.transformedUsernameMatchingEnabled).toBe(false);
    expect('trustClaims' in idp.policy).toBe(false);
    expect(Object.keys(idp._links).sort()).toEqual(['authorize', 'clientRedirectUri']);
  });

  it('a SAML IdP gets an SP audience and signing key it keeps on replace, no issuer mode, and SAML links', async () => {
    const o = await sswsOrg(server(), 'idp-saml');
    const protocol = { type: 'SAML2', endpoints: { sso: { url: 'https://idp.example.com', binding: 'HTTP-POST' }, acs: { binding: 'HTTP-POST', type: 'INSTANCE' } }, credentials: { trust: { issuer: 'https://idp.example.com' } } };
    const idp = (await json(await o.raw('/api/v1/idps', send('POST', { type: 'SAML2', name: 'Corp', protocol, policy: policyIn })))).body;
    expect(idp.protocol.credentials.trust.audience).toMatch(/^https:\/\/www\.okta\.com\/saml2\/service-provider\/sp[a-z]{18}$/);
    expect(idp.protocol.credentials.trust.revocation).toBeNull();
    expect(idp.protocol.credentials.signing.kid).toEqual(expect.any(String));
    expect(idp.issuerMode).toBeUndefined();
    expect(idp.policy.trustClaims).toBe(false);
    expect(Object.keys(idp._links).sort()).toEqual(['acs', 'deactivate', 'metadata', 'users']);
    const replaced = (await json(await o.raw(`/api/v1/idps/${idp.id}`, send('PUT', { type: 'SAML2', name: 'Corp 2', protocol, policy: policyIn })))).body;
    expect(replaced.protocol.credentials.trust.audience).toBe(idp.protocol.credentials.trust.audience);
    expect(replaced.protocol.credentials.signing.kid).toBe(idp.protocol.credentials.signing.kid);
  });
});

describe('rules, policies and role assignments', () => {
  it('a group rule stores both exclusion lists, empty unless given', async () => {
    const o = await sswsOrg(server(), 'group-rule-people');
    const g = (await json(await o.raw('/api/v1/groups', send('POST', { profile: { name: 'Eng' } })))).body;
    const rule = { type: 'group_rule', name: 'eng', conditions: { people: { users: {} }, expression: { value: 'user.department=="eng"', type: 'urn:okta:expression:1.0' } }, actions: { assignUserToGroups: { groupIds: [g.id] } } };
    const r = await json(await o.raw('/api/v1/groups/rules', send('POST', rule)));
    expect(r.status).toBe(200);
    expect(r.body.conditions.people).toEqual({ users: { exclude: [] }, groups: { exclude: [] } });
  });

  it('an app sign-in policy embeds its resource type when listed, not when read by id', async () => {
    const o = await sswsOrg(server(), 'policy-embedded');
    const [listed] = (await json(await o.raw('/api/v1/policies?type=ACCESS_POLICY'))).body;
    expect(listed._embedded.resourceType).toBe('APP');
    const read = (await json(await o.raw(`/api/v1/policies/${listed.id}`))).body;
    expect(read._embedded).toBeUndefined();
  });

  it('a standard role assignment links its assignee only', async () => {
    const o = await sswsOrg(server(), 'role-links');
    const u = (await json(await o.raw('/api/v1/users?activate=true', send('POST', newUser('ra@example.com'))))).body;
    const role = await json(await o.raw(`/api/v1/users/${u.id}/roles`, send('POST', { type: 'APP_ADMIN' })));
    expect(role.status).toBe(201);
    expect(Object.keys(role.body._links)).toEqual(['assignee']);
  });
});

describe('fields Okta answers on create (okta-sdk-python cassettes, 2020 and 2025)', () => {
  it('an event hook names the admin who created it; a custom role says it cannot be cloned; a realm lists its domains', async () => {
    const o = await sswsOrg(server(), 'created-fields');
    const hook = await json(await o.raw('/api/v1/eventHooks', send('POST', { name: 'h', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] }, channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://example.com/hook' } } })));
    expect(hook.status).toBe(200);
    expect(hook.body.createdBy).toBe(o.creds.adminUserId);
    const role = await json(await o.raw('/api/v1/iam/roles', send('POST', { label: 'Readers', description: 'read', permissions: ['okta.users.read'] })));
    expect(role.body.isCloneable).toBe(false);
    const realm = await json(await o.raw('/api/v1/realms', send('POST', { profile: { name: 'Partners' } })));
    expect(realm.body.profile).toEqual({ name: 'Partners', domains: [] });
    // An API token links its owner with the methods allowed on it.
    const [token] = (await json(await o.raw('/api/v1/api-tokens'))).body;
    expect(token._links.user.hints).toEqual({ allow: ['GET'] });
  });
});

describe('profile mappings', () => {
  it('a mapping into the Okta user profile refuses a target attribute the schema does not define (okta-sdk-python cassettes)', async () => {
    const o = await sswsOrg(server(), 'mapping-target');
    const idp = (await json(await o.raw('/api/v1/idps', send('POST', { type: 'GOOGLE', name: 'G', protocol: { type: 'OIDC', scopes: ['openid'], credentials: { client: { client_id: 'a', client_secret: 'b' } } }, policy: policyIn })))).body;
    const [m] = (await json(await o.raw(`/api/v1/mappings?sourceId=${idp.id}`))).body;
    const bad = await json(await o.raw(`/api/v1/mappings/${m.id}`, send('POST', { properties: { email: { expression: 'source.email', pushStatus: 'DONT_PUSH' }, tempProperty: { expression: 'source.email' } } })));
    expect(bad.status).toBe(400);
    expect(bad.body.errorSummary).toBe('Api validation failed: updateMapping');
    expect(bad.body.errorCauses).toEqual([{ errorSummary: 'Invalid target field tempProperty' }]);
    const ok = await json(await o.raw(`/api/v1/mappings/${m.id}`, send('POST', { properties: { email: { expression: 'source.email', pushStatus: 'DONT_PUSH' } } })));
    expect(ok.status).toBe(200);
  });
});
