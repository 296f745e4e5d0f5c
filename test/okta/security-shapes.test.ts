/** Security-area objects as Okta answers them: inline hook channels, authenticator settings, domains, features, authorization server claims and scopes. */
import { describe, expect, it } from 'vitest';
import { jsonOf as json, sendJson as send, sswsOrg, useOkta } from './helpers.js';

const server = useOkta();
const org = (label: string) => sswsOrg(server(), label);

describe('inline hook channels (Inline Hooks API: InlineHookChannelHttp / InlineHookChannelOAuth)', () => {
  it('an HTTP channel sent without headers answers headers [] and its auth scheme without the write-only value', async () => {
    const o = await org('hook-http');
    const hook = { name: 'h', type: 'com.okta.oauth2.tokens.transform', version: '1.0.0', channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://example.com/t', method: 'POST', authScheme: { type: 'HEADER', key: 'Authorization', value: 'secret' } } } };
    const created = await json(await o.raw('/api/v1/inlineHooks', send('POST', hook)));
    expect(created.status).toBe(200);
    expect(created.body.channel.config).toEqual({ uri: 'https://example.com/t', headers: [], method: 'POST', authScheme: { type: 'HEADER', key: 'Authorization' } });
    const read = await json(await o.raw(`/api/v1/inlineHooks/${created.body.id}`));
    expect(read.body.channel.config).toEqual(created.body.channel.config);
  });

  it('an OAUTH channel answers authScheme null, its client settings, and never the client secret', async () => {
    const o = await org('hook-oauth-shape');
    const config = { headers: [{ key: 'X-A', value: '1' }], method: 'POST', uri: 'https://example.com/s', authType: 'client_secret_post', clientId: 'abc', clientSecret: 'def', tokenUrl: 'https://example.com/token', scope: 'api' };
    const hook = { name: 'h', type: 'com.okta.saml.tokens.transform', version: '1.0.2', channel: { type: 'OAUTH', version: '1.0.0', config } };
    const created = await json(await o.raw('/api/v1/inlineHooks', send('POST', hook)));
    expect(created.body.channel.config).toEqual({ uri: 'https://example.com/s', headers: [{ key: 'X-A', value: '1' }], method: 'POST', authScheme: null, clientId: 'abc', tokenUrl: 'https://example.com/token', authType: 'client_secret_post', scope: 'api' });
    const replaced = await json(await o.raw(`/api/v1/inlineHooks/${created.body.id}`, send('PUT', { ...hook, name: 'h2', channel: { ...hook.channel, config: { ...config, clientSecret: 'new' } } })));
    expect(replaced.status).toBe(200);
    expect(replaced.body.channel.config.clientSecret).toBeUndefined();
    expect(replaced.body.channel.config.authScheme).toBeNull();
  });
});

describe('custom domains (Custom Domains API, links as recorded: okta-terraform-cassettes TestAccResourceOktaDomain_crud)', () => {
  it('a new domain offers verify but no certificate link; list entries and the answer to verify offer neither', async () => {
    const o = await org('domain-links');
    const d = await json(await o.raw('/api/v1/domains', send('POST', { domain: 'login.links-example.com', certificateSourceType: 'MANUAL' })));
    expect(d.status).toBe(201);
    expect(Object.keys(d.body._links).sort()).toEqual(['brand', 'self', 'verify']);
    const listed = (await json(await o.raw('/api/v1/domains'))).body.domains.find((x: any) => x.id === d.body.id);
    expect(Object.keys(listed._links).sort()).toEqual(['brand', 'self']);
    expect(listed).not.toHaveProperty('dnsRecords');
    const verified = await json(await o.raw(`/api/v1/domains/${d.body.id}/verify`, send('POST', {})));
    expect(verified.body.validationStatus).toBe('FAILED_TO_VERIFY');
    expect(Object.keys(verified.body._links).sort()).toEqual(['brand', 'self']);
    expect(Object.keys((await json(await o.raw(`/api/v1/domains/${d.body.id}`))).body._links).sort()).toEqual(['brand', 'self', 'verify']);
  });

  it('a verified MANUAL domain offers the certificate upload link', async () => {
    const o = await org('domain-cert-link');
    const d = (await json(await o.raw('/api/v1/domains', send('POST', { domain: 'id.cert-example.com', certificateSourceType: 'MANUAL' })))).body;
    for (const r of d.dnsRecords) await o.control('PUT', 'okta/dns', { type: r.recordType, fqdn: r.fqdn, values: r.values });
    expect((await json(await o.raw(`/api/v1/domains/${d.id}/verify`, send('POST', {})))).body.validationStatus).toBe('VERIFIED');
    expect((await json(await o.raw(`/api/v1/domains/${d.id}`))).body._links.certificate.href).toBe(`${o.creds.orgUrl}/api/v1/domains/${d.id}/certificate`);
  });

  it('the org domain is listed and readable as "default", OKTA_MANAGED and COMPLETED on the default brand; verify on it is refused', async () => {
    const o = await org('domain-default');
    const list = (await json(await o.raw('/api/v1/domains'))).body.domains;
    expect(list.map((x: any) => x.id)).toEqual(['default']);
    const def = await json(await o.raw('/api/v1/domains/default'));
    const brand = (await json(await o.raw('/api/v1/brands'))).body.find((b: any) => b.isDefault);
    expect(def.body).toMatchObject({ id: 'default', domain: new URL(o.creds.orgUrl).host, certificateSourceType: 'OKTA_MANAGED', validationStatus: 'COMPLETED', brandId: brand.id });
    const verify = await json(await o.raw('/api/v1/domains/default/verify', send('POST', {})));
    expect([verify.status, verify.body.errorCode, verify.body.errorCauses[0].errorSummary]).toEqual([400, 'E0000001', 'This operation is not supported for this domain']);
  });
});

describe('authorization servers (Authorization Servers API, as recorded: okta-terraform-cassettes TestAccResourceOktaAuthServer_gh299)', () => {
  it('a server starts with AUTO key rotation whatever the create asks, and a replace to MANUAL drops nextRotation', async () => {
    const o = await org('as-rotation');
    const created = await json(await o.raw('/api/v1/authorizationServers', send('POST', { name: 'rot', audiences: ['api://rot'], credentials: { signing: { rotationMode: 'MANUAL' } } })));
    expect(created.status).toBe(201);
    expect(created.body.credentials.signing.rotationMode).toBe('AUTO');
    expect(Date.parse(created.body.credentials.signing.nextRotation) - Date.parse(created.body.credentials.signing.lastRotated)).toBe(90 * 86400_000);
    const manual = await json(await o.raw(`/api/v1/authorizationServers/${created.body.id}`, send('PUT', { name: 'rot', audiences: ['api://rot'], credentials: { signing: { rotationMode: 'MANUAL' } } })));
    expect(manual.body.credentials.signing).toEqual({ kid: created.body.credentials.signing.kid, rotationMode: 'MANUAL', lastRotated: created.body.credentials.signing.lastRotated });
    expect((await json(await o.raw(`/api/v1/authorizationServers/${created.body.id}`))).body.credentials.signing.rotationMode).toBe('MANUAL');
    // A replace that names no rotation mode keeps the one set.
    expect((await json(await o.raw(`/api/v1/authorizationServers/${created.body.id}`, send('PUT', { name: 'rot2', audiences: ['api://rot'] })))).body.credentials.signing.rotationMode).toBe('MANUAL');
  });

  it('claims and scopes carry apiResourceId, null for the server\'s own', async () => {
    const o = await org('as-api-resource');
    const as = (await json(await o.raw('/api/v1/authorizationServers', send('POST', { name: 'res', audiences: ['api://res'] })))).body;
    const claims = (await json(await o.raw(`/api/v1/authorizationServers/${as.id}/claims`))).body;
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c: any) => c.apiResourceId === null)).toBe(true);
    const scope = await json(await o.raw(`/api/v1/authorizationServers/${as.id}/scopes`, send('POST', { name: 'api.write' })));
    expect(scope.body).toHaveProperty('apiResourceId', null);
  });

  it('the org server\'s RFC 8414 document advertises device and PAR endpoints and names no jwks_uri; a custom server\'s names its keys', async () => {
    const o = await org('as-metadata');
    const orgMeta = await (await fetch(`${o.base}/.well-known/oauth-authorization-server`)).json();
    expect(orgMeta.device_authorization_endpoint).toBe(`${o.base}/oauth2/v1/device/authorize`);
    expect(orgMeta.pushed_authorization_request_endpoint).toBe(`${o.base}/oauth2/v1/par`);
    expect(orgMeta.frontchannel_logout_supported).toBe(true);
    expect(orgMeta).not.toHaveProperty('jwks_uri');
    const custom = await (await fetch(`${o.base}/oauth2/default/.well-known/oauth-authorization-server`)).json();
    expect(custom.jwks_uri).toBe(`${o.base}/oauth2/default/v1/keys`);
    expect(custom.device_authorization_endpoint).toBe(`${o.base}/oauth2/default/v1/device/authorize`);
  });
});

describe('authenticators (Authenticators API)', () => {
  it('lists every authenticator ordered by name regardless of case, Okta Verify with its verification settings', async () => {
    const o = await org('authn-list');
    await o.raw('/api/v1/authenticators', send('POST', { key: 'custom_otp', name: 'aaa otp', provider: { type: 'OTP' } }));
    const list = (await json(await o.raw('/api/v1/authenticators'))).body;
    const names = list.map((a: any) => a.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(names[0]).toBe('aaa otp');
    expect(list.find((a: any) => a.key === 'custom_otp').type).toBe('security_key');
    const verify = list.find((a: any) => a.key === 'okta_verify');
    expect(verify.settings.userVerificationMethods).toEqual(['PIN', 'BIOMETRICS']);
  });

  it('a second authenticator of a built-in key is refused with E0000001; custom app authenticators may be many', async () => {
    const o = await org('authn-dup');
    const dup = await json(await o.raw('/api/v1/authenticators', send('POST', { key: 'okta_email', name: 'Another Email', type: 'email' })));
    expect([dup.status, dup.body.errorCode, dup.body.errorCauses[0].errorSummary]).toEqual([400, 'E0000001', 'The field has an invalid value']);
    const app = { key: 'custom_app', name: 'Push', provider: { type: 'PUSH', configuration: { fcm: { id: 'ppc1' } } }, settings: { appInstanceId: '0oaApp1', userVerification: 'REQUIRED' }, agreeToTerms: true };
    const first = await json(await o.raw('/api/v1/authenticators?activate=true', send('POST', app)));
    const second = await json(await o.raw('/api/v1/authenticators?activate=true', send('POST', { ...app, name: 'Push 2' })));
    expect([first.status, second.status]).toEqual([200, 200]);
    // The type follows the key, the app instance is the OAuth client, and the terms flag is not stored.
    expect(first.body.type).toBe('app');
    expect(first.body.settings).toEqual({ appInstanceId: '0oaApp1', userVerification: 'REQUIRED', oauthClientId: '0oaApp1' });
    expect(first.body).not.toHaveProperty('agreeToTerms');
    // Like Okta Verify, a push authenticator is enrolled through the Identity Engine.
    expect(first.body._links.enroll).toEqual({ href: `${o.creds.orgUrl}/idp/authenticators`, hints: { allow: ['POST'] } });
  });

  it('a replace that sends no settings keeps the stored ones', async () => {
    const o = await org('authn-replace');
    const email = (await json(await o.raw('/api/v1/authenticators'))).body.find((a: any) => a.key === 'okta_email');
    const replaced = await json(await o.raw(`/api/v1/authenticators/${email.id}`, send('PUT', { key: 'okta_email', name: 'Email', type: 'email' })));
    expect(replaced.status).toBe(200);
    expect(replaced.body.settings).toEqual(email.settings);
    expect((await json(await o.raw(`/api/v1/authenticators/${email.id}`))).body.settings).toEqual(email.settings);
  });
});

describe('system policies with a pre-provisioned rule (Terraform provider: okta_post_auth_session_policy_rule, okta_session_violation_policy_rule)', () => {
  for (const [type, ruleType] of [['POST_AUTH_SESSION', 'POST_AUTH_SESSION'], ['SESSION_VIOLATION_DETECTION', 'SESSION_VIOLATION_DETECTION']]) {
    it(`${type}: the system policy lists one modifiable rule before its catch-all, found by listing the rules`, async () => {
      const o = await org(`svd-${type}`);
      const [policy] = (await json(await o.raw(`/api/v1/policies?type=${type}`))).body;
      const rules = (await json(await o.raw(`/api/v1/policies/${policy.id}/rules`))).body;
      expect(rules.map((r: any) => [r.system, r.priority, r.type])).toEqual([[false, 1, ruleType], [true, 99, ruleType]]);
      // The modifiable rule can be deactivated and deleted; the catch-all cannot.
      expect(Object.keys(rules[0]._links).sort()).toEqual(['deactivate', 'self']);
      expect(rules[0]._links.self.hints.allow).toEqual(['GET', 'PUT', 'DELETE']);
      expect(rules[1]._links.self.hints.allow).toEqual(['GET', 'PUT']);
    });
  }

  it('a post-auth session rule answers empty inclusions left out and TERMINATE_SESSION with slo null', async () => {
    const o = await org('pas-rule');
    const [policy] = (await json(await o.raw('/api/v1/policies?type=POST_AUTH_SESSION'))).body;
    const [rule] = (await json(await o.raw(`/api/v1/policies/${policy.id}/rules`))).body;
    const body = { id: rule.id, name: 'mine', system: false, type: 'POST_AUTH_SESSION', conditions: { people: { groups: { exclude: [], include: [] }, users: { exclude: [], include: [] } } }, actions: { postAuthSession: { failureActions: [{ action: 'TERMINATE_SESSION' }] } } };
    const res = await json(await o.raw(`/api/v1/policies/${policy.id}/rules/${rule.id}`, send('PUT', body)));
    expect(res.status).toBe(200);
    expect(res.body.conditions).toEqual({ people: { users: { exclude: [] } } });
    expect(res.body.actions.postAuthSession.failureActions).toEqual([{ action: 'TERMINATE_SESSION', slo: null }]);
  });

  it('an app sign-in rule takes "expression": null on a platform OS and stores none', async () => {
    const o = await org('os-null-expr');
    const [policy] = (await json(await o.raw('/api/v1/policies?type=ACCESS_POLICY'))).body;
    const body = { name: 'os', type: 'ACCESS_POLICY', conditions: { network: { connection: 'ANYWHERE' }, platform: { include: [{ os: { expression: null, type: 'IOS' }, type: 'MOBILE' }] } }, actions: { appSignOn: { access: 'ALLOW', verificationMethod: { factorMode: '2FA', type: 'ASSURANCE' } } } };
    const res = await json(await o.raw(`/api/v1/policies/${policy.id}/rules`, send('POST', body)));
    expect(res.status).toBe(200);
    expect(res.body.conditions.platform.include).toEqual([{ type: 'MOBILE', os: { type: 'IOS' } }]);
  });
});

describe('password policies and policy links (Policy API; recorded Terraform okta_policy_password, 2026)', () => {
  it('a created password policy answers excludeAttributes [], breached protection off, the voice-call factor and its mappings link', async () => {
    const o = await org('pw-policy');
    const settings = {
      password: { complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: false, dictionary: { common: { exclude: false } } }, age: { maxAgeDays: 0, expireWarnDays: 0, minAgeMinutes: 0, historyCount: 5 }, lockout: { maxAttempts: 10, autoUnlockMinutes: 0, userLockoutNotificationChannels: [], showLockoutFailures: false } },
      recovery: { factors: { okta_email: { status: 'ACTIVE', properties: { recoveryToken: { tokenLifetimeMinutes: 60 } } }, okta_sms: { status: 'INACTIVE' } } },
    };
    const res = await json(await o.raw('/api/v1/policies', send('POST', { type: 'PASSWORD', name: 'pw', settings })));
    expect(res.status).toBe(200);
    expect(res.body.settings.password.complexity.excludeAttributes).toEqual([]);
    expect(res.body.settings.password.breachedProtection).toEqual({ expireAfterDays: null, logoutEnabled: false, delegatedWorkflowId: null });
    expect(res.body.settings.recovery.factors.okta_call).toEqual({ status: 'INACTIVE' });
    expect(Object.keys(res.body._links)).toEqual(['mappings', 'self', 'rules', 'deactivate']);
    const inactive = await json(await o.raw('/api/v1/policies?activate=false', send('POST', { type: 'PASSWORD', name: 'pw2', settings })));
    expect(Object.keys(inactive.body._links)).toEqual(['mappings', 'activate', 'self', 'rules']);
    const [def] = (await json(await o.raw('/api/v1/policies?type=PASSWORD'))).body.filter((p: any) => p.system);
    expect(def.settings.password.breachedProtection.logoutEnabled).toBe(false);
    expect(Object.keys(def._links)).toEqual(['self', 'rules']);
  });

  it('the Okta Account Management policy is read only: no mappings, no lifecycle', async () => {
    const o = await org('acct-mgmt');
    const list = (await json(await o.raw('/api/v1/policies?type=ACCESS_POLICY'))).body;
    const p = list.find((x: any) => x._embedded?.resourceType === 'END_USER_ACCOUNT_MANAGEMENT');
    expect(p.name).toBe('Okta Account Management Policy');
    expect(Object.keys(p._links)).toEqual(['self', 'rules']);
    expect(p._links.self.hints.allow).toEqual(['GET']);
  });
});

describe('identity providers (IdP API; recorded Terraform okta_idp_oidc)', () => {
  it('a generic OIDC IdP answers settings.nameFormat null and a single-logout endpoint given without a binding as a redirect; a social one has no settings', async () => {
    const o = await org('idp-oidc');
    const protocol = {
      type: 'OIDC', scopes: ['openid'], issuer: { url: 'https://id.example.com' },
      credentials: { client: { client_id: 'c', client_secret: 's' } },
      endpoints: { authorization: { url: 'https://idp.example.com/authorize', binding: 'HTTP-REDIRECT' }, token: { url: 'https://idp.example.com/token', binding: 'HTTP-POST' }, jwks: { url: 'https://idp.example.com/keys', binding: 'HTTP-REDIRECT' }, slo: { url: 'https://idp.example.com/logout' } },
    };
    const res = await json(await o.raw('/api/v1/idps', send('POST', { type: 'OIDC', name: 'oidc', protocol })));
    expect(res.status).toBe(200);
    expect(res.body.protocol.settings).toEqual({ nameFormat: null });
    expect(res.body.protocol.endpoints.slo).toEqual({ url: 'https://idp.example.com/logout', binding: 'HTTP-REDIRECT' });
    // A SAML-only setting sent on replace is not kept; an OIDC one is.
    const replaced = await json(await o.raw(`/api/v1/idps/${res.body.id}`, send('PUT', { type: 'OIDC', name: 'oidc', protocol: { ...protocol, settings: { honorPersistentNameId: false, participateSlo: true } } })));
    expect(replaced.body.protocol.settings).toEqual({ nameFormat: null, participateSlo: true });
    const google = await json(await o.raw('/api/v1/idps', send('POST', { type: 'GOOGLE', name: 'g', protocol: { type: 'OIDC', scopes: ['openid'], credentials: { client: { client_id: 'a', client_secret: 'b' } } } })));
    expect(google.body.protocol).not.toHaveProperty('settings');
  });
});

describe('identity provider search', () => {
  it('q matches the start of the name or of any word in it (recorded: q=google finds testAcc_google_…)', async () => {
    const o = await org('idp-q');
    for (const [type, name] of [['GOOGLE', 'testAcc_google_1'], ['FACEBOOK', 'testAcc_facebook_1']]) {
      await o.raw('/api/v1/idps', send('POST', { type, name, protocol: { type: type === 'GOOGLE' ? 'OIDC' : 'OAUTH2', scopes: ['openid'], credentials: { client: { client_id: 'a', client_secret: 'b' } } } }));
    }
    const names = async (q: string) => (await json(await o.raw(`/api/v1/idps?limit=200&q=${q}`))).body.map((i: any) => i.name);
    expect(await names('google')).toEqual(['testAcc_google_1']);
    expect(await names('testAcc')).toEqual(['testAcc_google_1', 'testAcc_facebook_1']);
    expect(await names('oogle')).toEqual([]);
  });
});

describe('SAML IdP service-provider metadata (GET /api/v1/idps/{idpId}/metadata.xml, read by Terraform okta_idp_metadata_saml)', () => {
  it('names Okta\'s audience as entity id, carries the IdP signing certificate and the ACS URL, as a download; other IdPs have none', async () => {
    const o = await org('idp-metadata');
    const protocol = { type: 'SAML2', endpoints: { sso: { url: 'https://idp.example.com', binding: 'HTTP-POST' }, acs: { binding: 'HTTP-POST', type: 'INSTANCE' } }, credentials: { trust: { issuer: 'https://idp.example.com' } } };
    const idp = (await json(await o.raw('/api/v1/idps', send('POST', { type: 'SAML2', name: 'Corp', protocol })))).body;
    const res = await o.raw(`/api/v1/idps/${idp.id}/metadata.xml`, { headers: { accept: 'application/xml' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=metadata.xml');
    const xml = await res.text();
    expect(xml).toContain(`entityID="${idp.protocol.credentials.trust.audience}"`);
    expect(xml).toContain(`Location="${o.creds.orgUrl}/sso/saml2/${idp.id}"`);
    const key = (await json(await o.raw(`/api/v1/idps/${idp.id}/credentials/keys/${idp.protocol.credentials.signing.kid}`))).body;
    const certs = [...xml.matchAll(/<ds:X509Certificate>([^<]*)<\/ds:X509Certificate>/g)].map((m) => m[1].replace(/\s+/g, ''));
    expect(certs).toEqual([key.x5c[0], key.x5c[0]]);
    const oidc = (await json(await o.raw('/api/v1/idps', send('POST', { type: 'GOOGLE', name: 'g', protocol: { type: 'OIDC', scopes: ['openid'], credentials: { client: { client_id: 'a', client_secret: 'b' } } } })))).body;
    expect((await o.raw(`/api/v1/idps/${oidc.id}/metadata.xml`)).status).toBe(404);
  });
});

describe('Okta Identity Governance org request settings (IGA Access Requests V2: GET/PATCH /governance/api/v2/request-settings)', () => {
  it('reads the provisioned Access Requests settings and keeps what a PATCH changes; an unpatchable field is ignored; a bad type is refused', async () => {
    const o = await org('gov-settings');
    const read = await json(await o.raw('/governance/api/v2/request-settings'));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ subprocessorsAcknowledged: true, provisioningStatus: 'PROVISIONED', requestExperiences: ['CATALOG', 'ADMIN_ROLES'], longTimePastProvisioned: false });
    const patched = await json(await o.raw('/governance/api/v2/request-settings', send('PATCH', { resourceCatalogVisibility: { type: 'ALL' }, provisioningStatus: 'NOT_PROVISIONED' })));
    expect(patched.status).toBe(200);
    expect(patched.body.resourceCatalogVisibility).toEqual({ type: 'ALL' });
    expect(patched.body.provisioningStatus).toBe('PROVISIONED');
    expect((await json(await o.raw('/governance/api/v2/request-settings'))).body.resourceCatalogVisibility).toEqual({ type: 'ALL' });
    expect((await o.raw('/governance/api/v2/request-settings', send('PATCH', { subprocessorsAcknowledged: 'yes' }))).status).toBe(400);
    // Without credentials it is refused as every management API call is.
    expect((await o.raw('/governance/api/v2/request-settings', { token: null })).status).toBe((await o.raw('/api/v1/users', { token: null })).status);
  });
});

describe('device assurance policies and behavior rules (as recorded: okta-sdk-python cassettes test_device_assurance_it, test_behavior_rules_it)', () => {
  it('a device assurance policy names itself as a resource', async () => {
    const o = await org('device-assurance');
    const res = await json(await o.raw('/api/v1/device-assurances', send('POST', { name: 'Android min', platform: 'ANDROID', jailbreak: false, osVersion: { minimum: '11' } })));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceId: res.body.id, resourceDisplayName: { value: 'Android min', sensitive: false }, resourceType: 'DeviceAssurancePolicyEntity' });
    // Sent back as read (Terraform and the SDKs send the whole object), it replaces cleanly.
    const replaced = await json(await o.raw(`/api/v1/device-assurances/${res.body.id}`, send('PUT', { ...res.body, name: 'Android 12', osVersion: { minimum: '12' } })));
    expect(replaced.status).toBe(200);
    expect(replaced.body.resourceDisplayName).toEqual({ value: 'Android 12', sensitive: false });
  });

  it('a behavior rule has a bhv id, a hinted self link, and starts ACTIVE whatever the create says', async () => {
    const o = await org('behaviors');
    const res = await json(await o.raw('/api/v1/behaviors', send('POST', { name: 'velocity', status: 'INACTIVE', type: 'VELOCITY', settings: { velocityKph: 805 } })));
    expect(res.status).toBe(200);
    expect(res.body.id).toMatch(/^bhv/);
    expect(res.body.status).toBe('ACTIVE');
    expect(res.body._links.self.hints.allow).toEqual(['GET', 'PUT', 'DELETE']);
    expect(res.body._links.deactivate.hints.allow).toEqual(['POST']);
  });
});

describe('CAPTCHA instances (CAPTCHA API; links as recorded: okta-sdk-python cassettes test_captcha_it)', () => {
  it('a CAPTCHA instance hints every method on its self link, listed and read', async () => {
    const o = await org('captcha');
    const res = await json(await o.raw('/api/v1/captchas', send('POST', { name: 'c', siteKey: 'site', secretKey: 'secret', type: 'RECAPTCHA_V2' })));
    expect(res.status).toBeLessThan(300);
    const self = { href: `${o.creds.orgUrl}/api/v1/captchas/${res.body.id}`, hints: { allow: ['GET', 'POST', 'PUT', 'DELETE'] } };
    expect(res.body._links.self).toEqual(self);
    expect((await json(await o.raw(`/api/v1/captchas/${res.body.id}`))).body._links.self).toEqual(self);
    expect((await json(await o.raw('/api/v1/captchas'))).body[0]._links.self).toEqual(self);
  });

  it('never answers the provider secret: create, read, list and replace show siteKey only (terraform cassettes TestAccResourceOktaCaptcha_crud)', async () => {
    const o = await org('captcha-secret');
    const created = await json(await o.raw('/api/v1/captchas', send('POST', { name: 'c', siteKey: 'site', secretKey: 'secret', type: 'HCAPTCHA' })));
    expect(created.body).toMatchObject({ name: 'c', siteKey: 'site', type: 'HCAPTCHA' });
    const id = created.body.id;
    const replaced = await json(await o.raw(`/api/v1/captchas/${id}`, send('PUT', { name: 'c2', siteKey: 'site2', secretKey: 'secret2', type: 'HCAPTCHA' })));
    expect(replaced.body).toMatchObject({ name: 'c2', siteKey: 'site2' });
    const read = (await json(await o.raw(`/api/v1/captchas/${id}`))).body;
    const listed = (await json(await o.raw('/api/v1/captchas'))).body[0];
    for (const b of [created.body, replaced.body, read, listed]) expect(b).not.toHaveProperty('secretKey');
  });
});
