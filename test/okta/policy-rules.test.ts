/** Policy rules as Okta stores them: every rule type accepted, defaults written out, links per rule kind; request leniency Okta shows for rules, hooks and schemas. */
import { describe, expect, it } from 'vitest';
import { jsonOf as json, sendJson as send, sswsOrg, useOkta } from './helpers.js';

const server = useOkta();
const org = (label: string) => sswsOrg(server(), label);

describe('policy rules (Policy API)', () => {
  it('an app sign-in rule (type ACCESS_POLICY) is created with Okta defaults written out, an empty condition left out', async () => {
    const o = await org('rules-access');
    const [policy] = (await json(await o.raw('/api/v1/policies?type=ACCESS_POLICY'))).body;
    // Terraform's okta_app_signon_policy_rule body: platform `{}` for no platform condition, no people, no KMSI.
    const body = { name: 'Rule A', priority: 1, type: 'ACCESS_POLICY', conditions: { network: { connection: 'ANYWHERE' }, platform: {} }, actions: { appSignOn: { access: 'ALLOW', verificationMethod: { factorMode: '2FA', type: 'ASSURANCE' } } } };
    const created = await json(await o.raw(`/api/v1/policies/${policy.id}/rules`, send('POST', body)));
    expect(created.status).toBe(200);
    const r = created.body;
    expect(r.type).toBe('ACCESS_POLICY');
    expect(r.conditions).toEqual({ network: { connection: 'ANYWHERE' }, people: { users: { exclude: [] } }, riskScore: { level: 'ANY' }, userType: { include: [], exclude: [] } });
    expect(r.actions.appSignOn.keepMeSignedIn).toEqual({ postAuth: 'NOT_ALLOWED' });
    expect(r.actions.appSignOn.verificationMethod.reauthenticateIn).toBe('PT12H');
    expect(Object.keys(r._links).sort()).toEqual(['deactivate', 'self']);
    expect(r._links.self.hints.allow).toEqual(['GET', 'PUT', 'DELETE']);

    // What was given is kept: exclusions, an explicit risk level and reauthentication period.
    const given = { ...body, conditions: { people: { users: { exclude: [o.creds.adminUserId] } }, riskScore: { level: 'LOW' }, platform: { include: [{ type: 'DESKTOP', os: { type: 'OTHER', expression: '' } }] } }, actions: { appSignOn: { access: 'ALLOW', verificationMethod: { factorMode: '2FA', type: 'ASSURANCE', reauthenticateIn: 'PT2H' } } } };
    const replaced = (await json(await o.raw(`/api/v1/policies/${policy.id}/rules/${r.id}`, send('PUT', given)))).body;
    expect(replaced.conditions.people.users.exclude).toEqual([o.creds.adminUserId]);
    expect(replaced.conditions.riskScore).toEqual({ level: 'LOW' });
    expect(replaced.conditions.platform.exclude).toEqual([]);
    expect(replaced.actions.appSignOn.verificationMethod.reauthenticateIn).toBe('PT2H');

    await o.raw(`/api/v1/policies/${policy.id}/rules/${r.id}/lifecycle/deactivate`, { method: 'POST' });
    const inactive = (await json(await o.raw(`/api/v1/policies/${policy.id}/rules/${r.id}`))).body;
    expect(Object.keys(inactive._links).sort()).toEqual(['activate', 'self']);
  });

  it("a default rule links itself only, readable and replaceable (terraform cassettes: system rules' links)", async () => {
    const o = await org('rules-default');
    const policies = (await json(await o.raw('/api/v1/policies?type=PASSWORD'))).body;
    const system = policies.find((p: any) => p.system);
    const [rule] = (await json(await o.raw(`/api/v1/policies/${system.id}/rules`))).body;
    expect(rule.system).toBe(true);
    expect(Object.keys(rule._links)).toEqual(['self']);
    expect(rule._links.self.hints.allow).toEqual(['GET', 'PUT']);
  });

  it('a rule type outside the 2.15.0 spec (MFA_ENROLL) is accepted for its policy; a mismatched type is refused', async () => {
    const o = await org('rules-mfa');
    const policies = (await json(await o.raw('/api/v1/policies?type=MFA_ENROLL'))).body;
    const policy = policies[0];
    const ok = await o.raw(`/api/v1/policies/${policy.id}/rules`, send('POST', { name: 'enroll', type: 'MFA_ENROLL', conditions: { people: { users: { exclude: [] } } }, actions: { enroll: { self: 'CHALLENGE' } } }));
    expect(ok.status).toBe(200);
    const bad = await json(await o.raw(`/api/v1/policies/${policy.id}/rules`, send('POST', { name: 'x', type: 'PASSWORD' })));
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('E0000001');
  });
});

describe('request leniency Okta shows', () => {
  it('an authorization server rule takes an empty scopes condition ("scopes": {}) and answers include []', async () => {
    const o = await org('as-rule-scopes');
    const as = (await json(await o.raw('/api/v1/authorizationServers', send('POST', { name: 'api', audiences: ['api://x'] })))).body;
    const pol = (await json(await o.raw(`/api/v1/authorizationServers/${as.id}/policies`, send('POST', { name: 'p', description: 'p', type: 'OAUTH_AUTHORIZATION_POLICY', conditions: { clients: { include: ['ALL_CLIENTS'] } } })))).body;
    const rule = { name: 'r', type: 'RESOURCE_ACCESS', conditions: { grantTypes: { include: ['implicit'] }, people: { groups: { include: ['EVERYONE'] } }, scopes: {} }, actions: { token: { accessTokenLifetimeMinutes: 60 } } };
    const res = await json(await o.raw(`/api/v1/authorizationServers/${as.id}/policies/${pol.id}/rules`, send('POST', rule)));
    expect(res.status).toBe(201);
    expect(res.body.conditions.scopes).toEqual({ include: [] });
    // No scopes condition at all is still refused.
    const { scopes: _, ...noScopes } = rule.conditions;
    const refused = await json(await o.raw(`/api/v1/authorizationServers/${as.id}/policies/${pol.id}/rules`, send('POST', { ...rule, name: 'r2', conditions: noScopes })));
    expect(refused.status).toBe(400);
    expect(refused.body.errorCauses[0].errorSummary).toContain('conditions.scopes');
  });

  it('a profile attribute enum takes integers (Okta schema API: enum values have the attribute type)', async () => {
    const o = await org('schema-int-enum');
    const attr = { title: 'level', type: 'array', items: { type: 'integer', enum: [4, 5], oneOf: [{ const: 4, title: 'four' }, { const: 5, title: 'five' }] }, permissions: [{ principal: 'SELF', action: 'READ_ONLY' }] };
    const res = await json(await o.raw('/api/v1/meta/schemas/user/default', send('POST', { definitions: { custom: { id: '#custom', type: 'object', properties: { level: attr } } } })));
    expect(res.status).toBe(200);
    expect(res.body.definitions.custom.properties.level.items.enum).toEqual([4, 5]);
  });

  it('an inline hook may use an OAUTH channel', async () => {
    const o = await org('hook-oauth');
    const hook = { name: 'h', type: 'com.okta.saml.tokens.transform', version: '1.0.0', channel: { type: 'OAUTH', version: '1.0.0', config: { uri: 'https://example.com/hook', method: 'POST', authType: 'client_secret_post', clientId: 'abc', clientSecret: 'def', tokenUrl: 'https://example.com/token', scope: 'api' } } };
    const res = await json(await o.raw('/api/v1/inlineHooks', send('POST', hook)));
    expect(res.status).toBe(200);
    expect(res.body.channel.type).toBe('OAUTH');
  });
});
