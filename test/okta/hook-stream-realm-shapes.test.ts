/** Event hooks, log streams and realms answer the `_links` and fields the live recordings show, per lifecycle state. */
import { describe, expect, it } from 'vitest';
import { sswsOrg as org, useOkta } from './helpers.js';

const server = useOkta();

const send = (method: string, body?: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('event hooks (terraform and okta-sdk-python cassettes: createEventHook, getEventHook, lifecycle)', () => {
  it('an active hook links verify and deactivate, an inactive one activate and delete; self has no hints; config names its method', async () => {
    const o = await org(server(), 'hook-shape');
    const created = await (await o.raw('/api/v1/eventHooks', send('POST', {
      name: 'Audit', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] },
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://hooks.example.com/okta', authScheme: { type: 'HEADER', key: 'Authorization', value: 'secret' } } },
    }))).json();
    const self = `${o.creds.orgUrl}/api/v1/eventHooks/${created.id}`;
    expect(created.channel.config.method).toBe('POST');
    expect(created.channel.config.authScheme).toEqual({ type: 'HEADER', key: 'Authorization' });
    expect(created._links).toEqual({
      self: { href: self },
      verify: { href: `${self}/lifecycle/verify`, hints: { allow: ['POST'] } },
      deactivate: { href: `${self}/lifecycle/deactivate`, hints: { allow: ['POST'] } },
    });
    const off = await (await o.raw(`/api/v1/eventHooks/${created.id}/lifecycle/deactivate`, send('POST'))).json();
    expect(off.status).toBe('INACTIVE');
    expect(Object.keys(off._links)).toEqual(['activate', 'self', 'delete']);
    expect(off._links.delete).toEqual({ href: self, hints: { allow: ['DELETE'] } });
  });

  it('a replace applies the status it is sent and keeps the hook\'s when none is sent (terraform TestAccResourceOktaEventHook_crud)', async () => {
    const o = await org(server(), 'hook-replace');
    const hook = { name: 'Audit', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] }, channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://hooks.example.com/okta' } } };
    const created = await (await o.raw('/api/v1/eventHooks', send('POST', hook))).json();
    const off = await (await o.raw(`/api/v1/eventHooks/${created.id}`, send('PUT', { ...hook, status: 'INACTIVE' }))).json();
    expect(off.status).toBe('INACTIVE');
    expect((await (await o.raw(`/api/v1/eventHooks/${created.id}`)).json()).status).toBe('INACTIVE');
    expect((await (await o.raw(`/api/v1/eventHooks/${created.id}`, send('PUT', hook))).json()).status).toBe('INACTIVE');
    expect((await (await o.raw(`/api/v1/eventHooks/${created.id}`, send('PUT', { ...hook, status: 'ACTIVE' }))).json()).status).toBe('ACTIVE');
  });
});

describe('log streams (okta-sdk-python cassettes test_log_stream_it)', () => {
  const stream = { type: 'aws_eventbridge', name: 'Events', status: 'INACTIVE', settings: { accountId: '123456789012', eventSourceName: 'okta-events', region: 'us-east-1' } };

  it('start ACTIVE whatever status is sent; links name their method; lifecycle calls answer an empty 200; a missing one is an AppInstance', async () => {
    const o = await org(server(), 'stream-shape');
    const res = await o.raw('/api/v1/logStreams', send('POST', stream));
    const created = await res.json();
    expect(res.status, JSON.stringify(created)).toBe(200);
    const self = `${o.creds.orgUrl}/api/v1/logStreams/${created.id}`;
    expect(created.status).toBe('ACTIVE');
    expect(created._links).toEqual({ self: { href: self, method: 'GET' }, deactivate: { href: `${self}/lifecycle/deactivate`, method: 'POST' } });
    const off = await o.raw(`/api/v1/logStreams/${created.id}/lifecycle/deactivate`, send('POST'));
    expect(off.status).toBe(200);
    expect(await off.text()).toBe('');
    const read = await (await o.raw(`/api/v1/logStreams/${created.id}`)).json();
    expect(read.status).toBe('INACTIVE');
    expect(read._links).toEqual({ activate: { href: `${self}/lifecycle/activate`, method: 'POST' }, self: { href: self, method: 'GET' } });
    const missing = await (await o.raw('/api/v1/logStreams/nope/lifecycle/activate', send('POST'))).json();
    expect(missing.errorSummary).toBe('Not found: Resource not found: nope (AppInstance)');
  });
});

describe('realms (okta-sdk-python and terraform cassettes: createRealm, getRealm, listRealms)', () => {
  it('self names its relation and method; a read shows an empty domain list, a list leaves it out', async () => {
    const o = await org(server(), 'realm-shape');
    const created = await (await o.raw('/api/v1/realms', send('POST', { profile: { name: 'Partners' } }))).json();
    const self = `${o.creds.orgUrl}/api/v1/realms/${created.id}`;
    expect(created._links).toEqual({ self: { rel: 'self', href: self, method: 'GET' } });
    expect(created.profile).toEqual({ name: 'Partners', domains: [] });
    expect((await (await o.raw(`/api/v1/realms/${created.id}`)).json()).profile.domains).toEqual([]);
    const list = await (await o.raw('/api/v1/realms')).json();
    expect(list.find((r: any) => r.id === created.id).profile).toEqual({ name: 'Partners' });
    expect(list.every((r: any) => r._links.self.rel === 'self')).toBe(true);
  });
});

describe('principal rate limits (okta-sdk-python cassettes test_principal_rate_limits_it)', () => {
  it('a list filter must name principalType; an unknown token is not found; a second entity is refused without causes', async () => {
    const o = await org(server(), 'prl');
    const token = (await (await o.raw('/api/v1/api-tokens')).json())[0];
    const byIdOnly = await o.raw(`/api/v1/principal-rate-limits?filter=${encodeURIComponent(`principalId eq "${token.id}"`)}`);
    expect(byIdOnly.status).toBe(400);
    const refused = await byIdOnly.json();
    expect(refused.errorSummary).toBe('Api validation failed: principalRateLimitMediated');
    expect(refused.errorCauses).toEqual([{ errorSummary: 'The provided filter parameter did not contain the required attrbute filter "principalType"' }]);
    const unknown = await o.raw('/api/v1/principal-rate-limits', send('POST', { principalId: '00Tnope', principalType: 'SSWS_TOKEN' }));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errorSummary).toBe('Not found: Resource not found: 00Tnope (Token)');
    const created = await (await o.raw('/api/v1/principal-rate-limits', send('POST', { principalId: token.id, principalType: 'SSWS_TOKEN', defaultPercentage: 50 }))).json();
    expect(created.id).toMatch(/^prl/);
    const again = await o.raw('/api/v1/principal-rate-limits', send('POST', { principalId: token.id, principalType: 'SSWS_TOKEN' }));
    expect(again.status).toBe(400);
    expect((await again.json()).errorCauses).toEqual([]);
    const listed = await (await o.raw(`/api/v1/principal-rate-limits?filter=${encodeURIComponent('principalType eq "SSWS_TOKEN"')}`)).json();
    expect(listed.map((x: any) => x.id)).toEqual([created.id]);
    expect((await (await o.raw('/api/v1/principal-rate-limits/prlnope')).json()).errorSummary).toBe('Not found: Resource not found: prlnope (PrincipalRateLimit)');
  });
});

describe('agent pool updates (okta-sdk-python cassettes test_agent_pools_it)', () => {
  it('an unknown pool lists no updates, its settings are an unknown AppInstance; a new update needs name, agentType and agents', async () => {
    const o = await org(server(), 'agent-updates');
    const list = await o.raw('/api/v1/agentPools/invalid-pool-id/updates');
    expect([list.status, await list.json()]).toEqual([200, []]);
    const settings = await (await o.raw('/api/v1/agentPools/invalid-pool-id/updates/settings')).json();
    expect(settings.errorSummary).toBe('Not found: Resource not found: invalid-pool-id (AppInstance)');
    const refused = await o.raw('/api/v1/agentPools/invalid-pool-id/updates', send('POST', { enabled: true }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      errorCode: 'E0000001', errorSummary: 'Api validation failed: name',
      errorCauses: [{ errorSummary: 'errors in the field: name' }, { errorSummary: 'errors in the field: agentType' }, { errorSummary: 'errors in the field: agentList' }],
    });
    const complete = await o.raw('/api/v1/agentPools/invalid-pool-id/updates', send('POST', { name: 'up', agentType: 'AD', agents: [] }));
    expect(complete.status).toBe(404);
  });
});

describe('notification subscriptions (okta-sdk-python test_subscription_it, terraform TestAccResourceOktaRoleSubscription_crud)', () => {
  it('a subscription links the switch that flips it; a super admin starts without app import, lockout and deprovisioning mails', async () => {
    const o = await org(server(), 'subs');
    const list = await (await o.raw('/api/v1/roles/SUPER_ADMIN/subscriptions')).json();
    expect(list.filter((s: any) => s.status === 'unsubscribed').map((s: any) => s.notificationType)).toEqual(['USER_LOCKED_OUT', 'APP_IMPORT', 'USER_DEPROVISION']);
    expect(list[0].notificationType).toBe('IWA_AGENT');
    const self = `${o.creds.orgUrl}/api/v1/roles/SUPER_ADMIN/subscriptions/OKTA_UPDATE`;
    expect((await (await o.raw('/api/v1/roles/SUPER_ADMIN/subscriptions/OKTA_UPDATE')).json())._links).toEqual({ unsubscribe: { href: `${self}/unsubscribe`, hints: { allow: ['POST'] } }, self: { href: self } });
    expect((await o.raw('/api/v1/roles/SUPER_ADMIN/subscriptions/OKTA_UPDATE/unsubscribe', send('POST'))).status).toBe(200);
    const off = await (await o.raw('/api/v1/roles/SUPER_ADMIN/subscriptions/OKTA_UPDATE')).json();
    expect([off.status, Object.keys(off._links)]).toEqual(['unsubscribed', ['subscribe', 'self']]);
    const orgAdmin = await (await o.raw('/api/v1/roles/ORG_ADMIN/subscriptions')).json();
    expect(orgAdmin.every((s: any) => s.status === 'subscribed')).toBe(true);
  });
});

describe('push providers (okta-sdk-python cassettes test_push_providers_it)', () => {
  it('a replace may leave out the signing key Okta holds; a new provider must send it; no file name is answered unless one was sent', async () => {
    const o = await org(server(), 'push');
    const config = { keyId: 'ABC1234567', teamId: 'DEF9876543', fileName: 'key.p8' };
    const missing = await o.raw('/api/v1/push-providers', send('POST', { name: 'APNs', providerType: 'APNS', configuration: config }));
    expect(missing.status).toBe(400);
    const created = await (await o.raw('/api/v1/push-providers', send('POST', { name: 'APNs', providerType: 'APNS', configuration: { ...config, tokenSigningKey: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' } }))).json();
    expect(created.configuration).toEqual(config);
    const read = await (await o.raw(`/api/v1/push-providers/${created.id}`)).json();
    const replaced = await o.raw(`/api/v1/push-providers/${created.id}`, send('PUT', { ...read, name: 'APNs renamed' }));
    expect(replaced.status).toBe(200);
    expect((await replaced.json()).name).toBe('APNs renamed');
    const fcm = await (await o.raw('/api/v1/push-providers', send('POST', { name: 'FCM', providerType: 'FCM', configuration: { serviceAccountJson: { project_id: 'PROJECT_ID' } } }))).json();
    expect(fcm.configuration).toEqual({ projectId: 'PROJECT_ID' });
  });
});

describe('brands (okta-sdk-python test_update_brand, terraform TestAccResourceOktaBrand_crud)', () => {
  it('a replace without a privacy policy URL clears it, as an empty one does', async () => {
    const o = await org(server(), 'brand-replace');
    const brand = (await (await o.raw('/api/v1/brands')).json())[0];
    const set = await (await o.raw(`/api/v1/brands/${brand.id}`, send('PUT', { name: brand.name, agreeToCustomPrivacyPolicy: true, customPrivacyPolicyUrl: 'https://example.com/privacy' }))).json();
    expect(set.customPrivacyPolicyUrl).toBe('https://example.com/privacy');
    const cleared = await o.raw(`/api/v1/brands/${brand.id}`, send('PUT', { removePoweredByOkta: false }));
    expect(cleared.status).toBe(200);
    expect((await cleared.json()).customPrivacyPolicyUrl).toBeNull();
    const refused = await o.raw(`/api/v1/brands/${brand.id}`, send('PUT', { customPrivacyPolicyUrl: 'https://example.com/p', agreeToCustomPrivacyPolicy: false }));
    expect(refused.status).toBe(400);
  });
});

describe('realm assignments (terraform TestAccResourceOktaRealmAssignment_crud)', () => {
  it('a new assignment answers 200 with a self link naming rel and method; string methods on user.profile attributes are accepted', async () => {
    const o = await org(server(), 'realm-rules');
    const realm = await (await o.raw('/api/v1/realms', send('POST', { profile: { name: 'Partners' } }))).json();
    const res = await o.raw('/api/v1/realm-assignments', send('POST', {
      name: 'Partners by login', priority: 55, actions: { assignUserToRealm: { realmId: realm.id } },
      conditions: { expression: { value: 'user.profile.login.contains("@partner.example.com")' } },
    }));
    const rule = await res.json();
    expect(res.status, JSON.stringify(rule)).toBe(200);
    expect(rule.status).toBe('INACTIVE');
    expect(rule._links.self).toEqual({ rel: 'self', href: `${o.creds.orgUrl}/api/v1/realm-assignments/${rule.id}`, method: 'GET' });
    const bad = await o.raw('/api/v1/realm-assignments', send('POST', { name: 'x', actions: { assignUserToRealm: { realmId: realm.id } }, conditions: { expression: { value: 'user.profile.login.explode("x")' } } }));
    expect(bad.status).toBe(400);
  });
});

describe('expression language: attribute string methods', () => {
  it('user.profile.login.contains(…) reads the profile attribute and tests it as String.stringContains does', async () => {
    const { parseRuleExpression, evaluateRule } = await import('../../twins/okta/model/expression.js');
    const env = (login: string) => ({ profile: { login, title: 'Foo' }, groupIds: [], groupName: () => undefined });
    const e = parseRuleExpression('user.profile.login.contains("@acctest.com") && user.profile.title == "Foo"');
    expect(evaluateRule(e, env('ann@acctest.com'))).toBe(true);
    expect(evaluateRule(e, env('ann@example.com'))).toBe(false);
    expect(evaluateRule(parseRuleExpression('user.login.startsWith("ann")'), env('ann@example.com'))).toBe(true);
    expect(() => parseRuleExpression('user.login.explode("x")')).toThrow(SyntaxError);
  });
});

describe('security notification emails (terraform TestAccResourceOktaSecurityNotificationEmails_crud)', () => {
  it('all on in a new org; a replace sets the flags it is sent and answers the empty customized-email lists', async () => {
    const o = await org(server(), 'sec-notify');
    const path = '/api/internal/org/settings/security-notification-settings';
    const first = await (await o.raw(path)).json();
    expect(first).toEqual({
      sendEmailForNewDeviceEnabled: true, sendEmailForFactorEnrollmentEnabled: true, sendEmailForFactorResetEnabled: true, sendEmailForPasswordChangedEnabled: true,
      reportSuspiciousActivityEnabled: true, customizedEmailsList: [], customizedEmailsWithReportButtonList: [],
    });
    const put = await o.raw(path, send('PUT', { ...first, sendEmailForFactorEnrollmentEnabled: false }));
    expect(put.status).toBe(200);
    expect((await (await o.raw(path)).json()).sendEmailForFactorEnrollmentEnabled).toBe(false);
  });
});

describe('email domains (terraform TestAccResourceOktaEmailDomain_crud)', () => {
  it('a new email domain answers 201, keeps the case it was sent in, and asks for an ownership TXT and three lowercase CNAMEs', async () => {
    const o = await org(server(), 'email-domain');
    const brand = (await (await o.raw('/api/v1/brands')).json())[0];
    const res = await o.raw('/api/v1/email-domains', send('POST', { brandId: brand.id, domain: 'Mail-Acme.Example.com', displayName: 'Acme', userName: 'noreply' }));
    const d = await res.json();
    expect(res.status, JSON.stringify(d)).toBe(201);
    expect(d.domain).toBe('Mail-Acme.Example.com');
    expect(d.dnsValidationRecords.map((r: any) => [r.recordType, r.fqdn])).toEqual([
      ['TXT', '_oktaverification.Mail-Acme.Example.com'], ['cname', 'mail.mail-acme.example.com'],
      ['cname', 'p03._domainkey.mail-acme.example.com'], ['cname', 'p032._domainkey.mail-acme.example.com'],
    ]);
    const dup = await o.raw('/api/v1/email-domains', send('POST', { brandId: brand.id, domain: 'mail-acme.example.com', displayName: 'Acme', userName: 'noreply' }));
    expect(dup.status).toBe(400);
  });
});

describe('hosted pages (okta-sdk-python test_custom_pages_it, terraform TestAccResourceOktaCustomizedSignInPage_crud)', () => {
  it('a sign-in replace answers without the keep-me-signed-in prompt that reads carry; Okta\'s sign-out page has no URL; the default error page names its CSP mode', async () => {
    const o = await org(server(), 'pages');
    const brand = (await (await o.raw('/api/v1/brands')).json())[0];
    const base = `/api/v1/brands/${brand.id}/pages`;
    const put = await (await o.raw(`${base}/sign-in/customized`, send('PUT', { pageContent: '<html></html>', widgetVersion: '7', widgetCustomizations: { widgetGeneration: 'G3' } }))).json();
    expect(put.widgetCustomizations).not.toHaveProperty('postAuthKeepMeSignedInPrompt');
    expect((await (await o.raw(`${base}/sign-in/customized`)).json()).widgetCustomizations).toHaveProperty('postAuthKeepMeSignedInPrompt');
    expect(await (await o.raw(`${base}/sign-out/customized`)).json()).toEqual({ type: 'OKTA_DEFAULT' });
    expect(await (await o.raw(`${base}/sign-out/customized`, send('PUT', { type: 'OKTA_DEFAULT' }))).json()).toEqual({ type: 'OKTA_DEFAULT' });
    expect((await (await o.raw(`${base}/error/default`)).json()).contentSecurityPolicySetting).toEqual({ mode: 'enforced' });
  });
});

describe('test emails (okta-sdk-nodejs test/it/template-email.ts)', () => {
  it('a test email is sent with the language as a query parameter and no body; an unknown template is 404', async () => {
    const o = await org(server(), 'test-email');
    const brand = (await (await o.raw('/api/v1/brands')).json())[0];
    expect((await o.raw(`/api/v1/brands/${brand.id}/templates/email/UserActivation/test?language=en`, { method: 'POST' })).status).toBe(204);
    expect((await o.raw(`/api/v1/brands/${brand.id}/templates/email/NoSuchTemplate/test`, { method: 'POST' })).status).toBe(404);
  });
});
