/** What every new org has (built-in apps, system policies and zones, the default brand) and app signing keys with real X.509 certificates. */
import { X509Certificate, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { pooledRsaKey } from '../../src/core/keypool.js';
import { selfSignedCertificate } from '../../src/core/x509.js';
import { jsonOf, sendJson, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

const send = sendJson;

const json = jsonOf;

describe('what every org already has', () => {
  it('built-in apps with their own sign-in policies listed before the system default (terraform cassettes, fresh orgs)', async () => {
    const o = await org(server, 'builtins');
    const apps = (await json(await o.raw('/api/v1/apps'))).body;
    const builtIn = apps.filter((a: any) => ['saasure', 'okta_enduser', 'okta_browser_plugin'].includes(a.name));
    expect(builtIn.map((a: any) => a.label)).toEqual(['Okta Admin Console', 'Okta Dashboard', 'Okta Browser Plugin']);
    // The three sign with one org key.
    expect(new Set(builtIn.map((a: any) => a.credentials.signing.kid)).size).toBe(1);
    const access = (await json(await o.raw('/api/v1/policies?type=ACCESS_POLICY'))).body;
    expect(access.map((p: any) => [p.name, p.system])).toEqual([
      ['Okta Admin Console', false], ['Okta Dashboard', false], ['Okta Browser Plugin', false], ['Any two factors', true], ['Okta Account Management Policy', false],
    ]);
    expect(access[0]._links.mappings.href).toMatch(/\/mappings$/);
    expect(access[3]._links.self.hints.allow).toEqual(['GET', 'PUT']);
    expect(access[3]._links.deactivate).toBeUndefined();
    expect(access[4]._embedded.resourceType).toBe('END_USER_ACCOUNT_MANAGEMENT');
    expect(builtIn[0]._links.accessPolicy.href).toContain(access[0].id);
  });

  it('a system policy of every type, each with its default rule', async () => {
    const o = await org(server, 'policies');
    for (const [type, name, rule] of [
      ['OKTA_SIGN_ON', 'Default Policy', 'Default Rule'], ['PASSWORD', 'Default Policy', 'Default Rule'], ['MFA_ENROLL', 'Default Policy', 'Default Rule'],
      ['PROFILE_ENROLLMENT', 'Default Policy', 'Catch-all Rule'], ['IDP_DISCOVERY', 'Idp Discovery Policy', 'Default Rule'], ['POST_AUTH_SESSION', 'Post Auth Policy', 'Catch-all Rule'],
      ['SESSION_VIOLATION_DETECTION', 'Session Violation Detection Policy', 'Catch-all Rule'], ['ENTITY_RISK', 'Entity Risk Policy', 'Catch-all Rule'],
    ]) {
      const list = (await json(await o.raw(`/api/v1/policies?type=${type}`))).body;
      const sys = list.filter((p: any) => p.system);
      expect(sys.map((p: any) => p.name), type).toEqual([name]);
      const rules = (await json(await o.raw(`/api/v1/policies/${sys[0].id}/rules`))).body;
      // Post-auth session and session violation policies also carry one pre-provisioned modifiable rule, listed first.
      expect(rules.filter((r: any) => r.system).map((r: any) => [r.name, r.system]), type).toEqual([[rule, true]]);
      expect(rules.filter((r: any) => !r.system).length, type).toBe(['POST_AUTH_SESSION', 'SESSION_VIOLATION_DETECTION'].includes(type) ? 1 : 0);
    }
  });

  it('system network zones; IP zones answer gateways and proxies, a one-address range reads a-a', async () => {
    const o = await org(server, 'zones');
    const zones = (await json(await o.raw('/api/v1/zones'))).body;
    expect(zones.filter((z: any) => z.system).map((z: any) => z.name)).toEqual(['LegacyIpZone', 'BlockedIpZone', 'DefaultExemptIpZone', 'DefaultEnhancedDynamicZone']);
    const made = await json(await o.raw('/api/v1/zones', send('POST', { type: 'IP', name: 'office', gateways: [{ type: 'RANGE', value: '10.0.0.1' }] })));
    expect(made.body.gateways).toEqual([{ type: 'RANGE', value: '10.0.0.1-10.0.0.1' }]);
    expect(made.body.proxies).toBeNull();
  });

  it('users carry the default realm id and drop null custom attributes; groups link their owners', async () => {
    const o = await org(server, 'shapes');
    const realms = (await json(await o.raw('/api/v1/realms'))).body;
    const created = await json(await o.raw('/api/v1/users?activate=false', send('POST', { profile: { firstName: 'A', lastName: 'B', email: 'ab@example.com', login: 'ab@example.com', postalAddress: null } })));
    expect(created.body.realmId).toBe(realms.find((r: any) => r.isDefault).id);
    expect('postalAddress' in created.body.profile).toBe(false);
    expect(created.body.profile.mobilePhone).toBeNull();
    const g = await json(await o.raw('/api/v1/groups', send('POST', { profile: { name: 'G' } })));
    expect(g.body._links.owners.href).toBe(`${o.base}/api/v1/groups/${g.body.id}/owners`);
  });

  it('the default brand with its theme, email templates, customizations and hosted pages', async () => {
    const o = await org(server, 'brand');
    const brands = (await json(await o.raw('/api/v1/brands'))).body;
    expect(brands.map((b: any) => b.isDefault)).toEqual([true]);
    const id = brands[0].id;
    const themes = (await json(await o.raw(`/api/v1/brands/${id}/themes`))).body;
    expect(themes[0].primaryColorHex).toBe('#1662dd');
    const templates = (await json(await o.raw(`/api/v1/brands/${id}/templates/email`))).body;
    expect(templates.map((t: any) => t.name)).toContain('UserActivation');
    const path = `/api/v1/brands/${id}/templates/email/ForgotPassword/customizations`;
    const first = await json(await o.raw(path, send('POST', { language: 'en', subject: 'Reset', body: '<p>${resetPasswordLink}</p>' })));
    expect(first.status).toBe(201);
    expect(first.body.isDefault).toBe(true);
    const dup = await json(await o.raw(path, send('POST', { language: 'en', subject: 'Again', body: 'x' })));
    expect(dup.status).toBe(409);
    expect((await o.raw(`/api/v1/brands/${id}/pages/sign-in/preview`)).status).toBe(404);
    const dflt = (await json(await o.raw(`/api/v1/brands/${id}/pages/sign-in/default`))).body;
    expect(dflt.pageContent).toContain('{{{SignInWidgetResources}}}');
    const put = await json(await o.raw(`/api/v1/brands/${id}/pages/sign-in/customized`, send('PUT', { pageContent: '<html>mine</html>', widgetCustomizations: { helpLabel: 'Help' } })));
    expect(put.body.widgetCustomizations.helpLabel).toBe('Help');
    expect((await json(await o.raw(`/api/v1/brands/${id}/pages/sign-in/customized`))).body.pageContent).toBe('<html>mine</html>');
    expect((await o.raw(`/api/v1/brands/${id}`, { method: 'DELETE' })).status).toBe(400);
  });
});

describe('app signing keys (Applications API, key credentials)', () => {
  const samlApp = (label: string) => ({
    label, signOnMode: 'SAML_2_0', settings: { signOn: { ssoAcsUrl: 'https://sp.example.com/acs', audience: 'https://sp.example.com', recipient: 'https://sp.example.com/acs', destination: 'https://sp.example.com/acs' } },
  });

  it('a SAML app signs with a key whose x5c is a real certificate for n/e, served in its SAML metadata', async () => {
    const o = await org(server, 'keys');
    const app = (await json(await o.raw('/api/v1/apps', send('POST', samlApp('SP'))))).body;
    const kid = app.credentials.signing.kid;
    expect(kid).toMatch(/^[\w-]{43}$/);
    const keys = (await json(await o.raw(`/api/v1/apps/${app.id}/credentials/keys`))).body;
    expect(keys.map((k: any) => k.kid)).toEqual([kid]);
    const cert = new X509Certificate(Buffer.from(keys[0].x5c[0], 'base64'));
    const pub = cert.publicKey.export({ format: 'jwk' });
    expect([pub.n, pub.e]).toEqual([keys[0].n, keys[0].e]);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subject).toContain('O=Okta');
    expect(new Date(keys[0].expiresAt).getUTCFullYear() - new Date(keys[0].created).getUTCFullYear()).toBe(10);
    const meta = await o.raw(`/api/v1/apps/${app.id}/sso/saml/metadata?kid=${kid}`, { headers: { accept: 'application/xml' } });
    expect(meta.headers.get('content-type')).toContain('application/xml');
    const xml = await meta.text();
    expect(xml.replace(/\s/g, '')).toContain(keys[0].x5c[0]);
    expect(xml).toContain(`entityID="http://www.okta.com/`);
    expect((await o.raw(`/api/v1/apps/${app.id}/sso/saml/metadata?kid=nope`, { headers: { accept: 'application/xml' } })).status).toBe(404);
    // okta-sdk-python cassette test_preview_saml_metadata: asking for JSON only is refused (E0000019) before the kid is looked up.
    const json406 = await json(await o.raw(`/api/v1/apps/${app.id}/sso/saml/metadata?kid=nope`, { headers: { accept: 'application/json' } }));
    expect([json406.status, json406.body.errorCode]).toEqual([400, 'E0000019']);
    expect((await o.raw(`/api/v1/apps/${app.id}/sso/saml/metadata?kid=${kid}`, { headers: { accept: 'text/xml, application/json' } })).status).toBe(200);
  });

  it('generate (validity 2-10 years), clone to another app; OIDC apps sign with the org app key, other apps list it', async () => {
    const o = await org(server, 'keygen');
    const a = (await json(await o.raw('/api/v1/apps', send('POST', samlApp('A'))))).body;
    const b = (await json(await o.raw('/api/v1/apps', send('POST', samlApp('B'))))).body;
    expect((await o.raw(`/api/v1/apps/${a.id}/credentials/keys/generate?validityYears=11`, { method: 'POST' })).status).toBe(400);
    const gen = await json(await o.raw(`/api/v1/apps/${a.id}/credentials/keys/generate?validityYears=3`, { method: 'POST' }));
    expect(gen.status).toBe(201);
    expect((await json(await o.raw(`/api/v1/apps/${a.id}/credentials/keys`))).body).toHaveLength(2);
    const clone = await json(await o.raw(`/api/v1/apps/${a.id}/credentials/keys/${gen.body.kid}/clone?targetAid=${b.id}`, { method: 'POST' }));
    expect(clone.status).toBe(201);
    expect((await json(await o.raw(`/api/v1/apps/${b.id}/credentials/keys/${gen.body.kid}`))).body.x5c).toEqual(gen.body.x5c);
    const oidc = (await json(await o.raw('/api/v1/apps', send('POST', { label: 'web', signOnMode: 'OPENID_CONNECT', settings: { oauthClient: { redirect_uris: ['https://x.example.com/cb'] } } })))).body;
    expect(oidc.credentials.signing.kid).toMatch(/^[\w-]{43}$/);
    // terraform cassettes: every OIDC app of an org, built-in or not, answers the same kid; each SAML app its own.
    const admin = (await json(await o.raw('/api/v1/apps?q=saasure'))).body[0];
    expect(oidc.credentials.signing.kid).toBe(admin.credentials.signing.kid);
    expect(a.credentials.signing.kid).not.toBe(b.credentials.signing.kid);
    expect(a.credentials.signing.kid).not.toBe(oidc.credentials.signing.kid);
    // okta-sdk-python cassettes test_list_app_keys/test_get_app_keys: a bookmark app answers `signing: {}` and lists the org key.
    const bm = (await json(await o.raw('/api/v1/apps', send('POST', { label: 'bm', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://x.example.com' } } })))).body;
    expect(bm.credentials.signing).toEqual({});
    const keys = (await json(await o.raw(`/api/v1/apps/${bm.id}/credentials/keys`))).body;
    expect(keys.map((k: any) => k.kid)).toEqual([oidc.credentials.signing.kid]);
    expect((await json(await o.raw(`/api/v1/apps/${bm.id}/credentials/keys/${keys[0].kid}`))).body.x5c).toEqual(keys[0].x5c);
  });

  it('a CSR is a PKCS#10 request; publishing a certificate for its key adds a key, another key is refused', async () => {
    const o = await org(server, 'csr');
    const a = (await json(await o.raw('/api/v1/apps', send('POST', samlApp('C'))))).body;
    const csr = await json(await o.raw(`/api/v1/apps/${a.id}/credentials/csrs`, send('POST', { subject: { countryName: 'US', commonName: 'sp.example.com' } })));
    expect(csr.status).toBe(201);
    // Okta writes the country it is given, three letters too (okta-sdk-python cassettes test_generate_get_csr: C=CAN, 201).
    expect((await o.raw(`/api/v1/apps/${a.id}/credentials/csrs`, send('POST', { subject: { countryName: 'CAN', commonName: 'sp.example.com' } }))).status).toBe(201);
    const der = Buffer.from(csr.body.csr, 'base64');
    // The request's SubjectPublicKeyInfo: an RSA-2048 SPKI is 294 bytes starting with this header.
    const at = der.indexOf(Buffer.from('30820122300d06092a864886f70d0101010500', 'hex'));
    const jwk = createPublicKey({ key: der.subarray(at, at + 294), format: 'der', type: 'spki' }).export({ format: 'jwk' });
    // A key outside the twin's committed pool, so it can never be the CSR's own key.
    const ca = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as ReturnType<typeof pooledRsaKey>;
    const cert = selfSignedCertificate({ key: jwk, signer: ca, issuer: [['CN', 'Test CA']], subject: [['CN', 'sp.example.com']], serial: Buffer.from([1]), notBefore: new Date('2026-01-01'), notAfter: new Date('2028-01-01') });
    const wrong = selfSignedCertificate({ key: ca, subject: [['CN', 'other']], serial: Buffer.from([2]), notBefore: new Date('2026-01-01'), notAfter: new Date('2028-01-01') });
    const publish = (body: Buffer) => o.raw(`/api/v1/apps/${a.id}/credentials/csrs/${csr.body.id}/lifecycle/publish`, { method: 'POST', headers: { 'content-type': 'application/x-x509-ca-cert' }, body: body.toString('base64') });
    expect((await publish(wrong)).status).toBe(400);
    const ok = await json(await publish(cert));
    expect(ok.status).toBe(201);
    expect(ok.body.n).toBe(jwk.n);
    expect((await o.raw(`/api/v1/apps/${a.id}/credentials/csrs/${csr.body.id}`)).status).toBe(404);
  });
});

describe('profile mappings (Profile Mappings API)', () => {
  it('every app gets a mapping from the Okta user type, every IdP one to each user type; updates add and replace properties', async () => {
    const o = await org(server, 'mappings');
    const app = (await json(await o.raw('/api/v1/apps', send('POST', { name: 'bookmark', label: 'Docs', settings: { app: { url: 'https://docs.example.com' } } })))).body;
    const toApp = (await json(await o.raw(`/api/v1/mappings?targetId=${app.id}`))).body;
    expect(toApp.map((m: any) => [m.source.type, m.source.name, m.target.type, m.target.name])).toEqual([['user', 'user', 'appuser', 'bookmark']]);
    expect(toApp[0].properties).toBeUndefined();
    const fromApp = (await json(await o.raw(`/api/v1/mappings?sourceId=${app.id}`))).body;
    expect(fromApp.map((m: any) => [m.source.type, m.source.name, m.target.type, m.target.name])).toEqual([['appuser', 'bookmark', 'user', 'user']]);
    const idp = (await json(await o.raw('/api/v1/idps', send('POST', {
      type: 'SAML2', name: 'Partner', protocol: { type: 'SAML2', endpoints: { sso: { url: 'https://idp.example.com/sso', binding: 'HTTP-POST', destination: 'https://idp.example.com/sso' }, acs: { binding: 'HTTP-POST', type: 'INSTANCE' } }, algorithms: { request: { signature: { algorithm: 'SHA-256', scope: 'REQUEST' } }, response: { signature: { algorithm: 'SHA-256', scope: 'ANY' } } }, credentials: { trust: { issuer: 'https://idp.example.com', audience: 'https://sp.example.com', kid: 'k' } } },
      policy: { provisioning: { action: 'AUTO', profileMaster: false, groups: { action: 'NONE' } }, accountLink: { action: 'AUTO' }, subject: { userNameTemplate: { template: 'idpuser.subjectNameId' }, matchType: 'USERNAME' }, maxClockSkew: 0 },
    })))).body;
    const fromIdp = (await json(await o.raw(`/api/v1/mappings?sourceId=${idp.id}`))).body;
    expect(fromIdp.map((m: any) => [m.source.name, m.target.name])).toEqual([['saml_idp', 'user']]);
    const one = (await json(await o.raw(`/api/v1/mappings/${fromIdp[0].id}`))).body;
    expect(one.properties.login).toEqual({ expression: 'source.userName', pushStatus: 'PUSH' });
    const updated = await json(await o.raw(`/api/v1/mappings/${one.id}`, send('POST', { properties: { nickName: { expression: 'source.firstName', pushStatus: 'PUSH' }, email: { expression: 'source.userName', pushStatus: 'DONT_PUSH' } } })));
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(Object.keys(updated.body.properties).sort()).toEqual(['email', 'firstName', 'lastName', 'login', 'mobilePhone', 'nickName']);
    expect(updated.body.properties.email).toEqual({ expression: 'source.userName', pushStatus: 'DONT_PUSH' });
    expect((await o.raw('/api/v1/mappings/prmNope')).status).toBe(404);
  });

  // okta-sdk-python cassettes test_profile_mapping_it (live org, 2025): the list opens with the Okta Verify app's
  // pair, app → user first; Okta's own Admin Console, Dashboard and Browser Plugin have no mappings; a property the
  // target user profile lacks is refused with "Invalid target field <name>".
  it('the Okta Verify app is mapped both ways first; built-in apps are not mapped; unknown user attributes are refused', async () => {
    const o = await org(server, 'mappings-verify');
    const list = (await json(await o.raw('/api/v1/mappings'))).body;
    expect(list.slice(0, 2).map((m: any) => [m.source.type, m.source.name, m.target.type, m.target.name])).toEqual([
      ['appuser', 'Okta_Authenticator', 'user', 'user'], ['user', 'user', 'appuser', 'Okta_Authenticator'],
    ]);
    const apps = (await json(await o.raw('/api/v1/apps'))).body;
    expect(apps.map((a: any) => a.name)).not.toContain('Okta_Authenticator');
    const builtIn = new Set(apps.filter((a: any) => ['saasure', 'okta_enduser', 'okta_browser_plugin'].includes(a.name)).map((a: any) => a.id));
    expect(builtIn.size).toBe(3);
    expect(list.filter((m: any) => builtIn.has(m.source.id) || builtIn.has(m.target.id))).toEqual([]);
    const first = (await json(await o.raw(`/api/v1/mappings/${list[0].id}`))).body;
    expect(first.source._links.self.href).toBe(`${o.base}/api/v1/apps/${list[0].source.id}`);
    expect(first.properties).toEqual({ email: { expression: 'appuser.userName', pushStatus: 'DONT_PUSH' } });
    const refused = await json(await o.raw(`/api/v1/mappings/${first.id}`, send('POST', { properties: { email: first.properties.email, tempProperty: { expression: 'appuser.userName', pushStatus: 'DONT_PUSH' } } })));
    expect(refused.status).toBe(400);
    expect(refused.body.errorSummary).toBe('Api validation failed: updateMapping');
    expect(refused.body.errorCauses).toEqual([{ errorSummary: 'Invalid target field tempProperty' }]);
    const kept = (await json(await o.raw(`/api/v1/mappings/${first.id}`))).body;
    expect(Object.keys(kept.properties)).toEqual(['email']);
  });
});
