/** Apps and users as Okta returns them (shapes from recorded Terraform exchanges), through the official SDK. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { newUser, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

describe('app and user shapes', () => {
  it('a custom SWA app without a name gets a generated one, an orn, its own link and the default policy links', async () => {
    const o = await org(server, 'appshape');
    const settings = await o.client.orgSettingApi.getOrgSettings();
    const app: any = await o.client.applicationApi.createApplication({
      application: { label: 'Payroll Portal', signOnMode: 'AUTO_LOGIN', credentials: { userNameTemplate: { template: 'user.firstName', type: 'CUSTOM' }, password: {}, userName: '', scheme: 'EDIT_USERNAME_AND_PASSWORD' } as any, settings: { app: {}, signOn: { loginUrl: 'https://example.com/login' } } } as any,
    });
    expect(app.name).toMatch(/_payrollportal_1$/);
    expect(app.orn).toBe(`orn:okta:idp:${settings.id}:apps:${app.name}:${app.id}`);
    expect(app.visibility.appLinks).toEqual({ [`${app.name}_link`]: true });
    expect(app.credentials.userNameTemplate.pushStatus).toBe('DONT_PUSH');
    expect(app.credentials.password).toBeUndefined();
    const raw = (await (await o.raw(`/api/v1/apps/${app.id}`)).json()) as any;
    expect(raw.universalLogout).toBeNull();
    expect(raw._links.accessPolicy.href).toMatch(/\/api\/v1\/policies\/rst/);
    expect(raw._links.profileEnrollment.href).toMatch(/\/api\/v1\/policies\/rst/);
    expect(raw._links.appLinks[0].name).toBe(`${app.name}_link`);
    // A second app with the same label gets the next number.
    const again: any = await o.client.applicationApi.createApplication({ application: { label: 'Payroll Portal', signOnMode: 'AUTO_LOGIN', settings: { app: {}, signOn: { loginUrl: 'https://example.com/login' } } } as any });
    expect(again.name).toMatch(/_payrollportal_2$/);
  });

  it('a replace keeps Okta’s defaults; a template app carries its null settings; OIDC issuer settings follow issuer_mode', async () => {
    const o = await org(server, 'replace');
    const app: any = await o.client.applicationApi.createApplication({ application: { name: 'template_basic_auth', label: 'Basic', signOnMode: 'BASIC_AUTH', settings: { app: { url: 'https://example.com/login', authURL: 'https://example.com/auth' } } } as any });
    expect(((await (await o.raw(`/api/v1/apps/${app.id}`)).json()) as any).settings.app.loginUrlRegex).toBeNull();
    const replaced = (await (await o.raw(`/api/v1/apps/${app.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ label: 'Basic 2', signOnMode: 'BASIC_AUTH', settings: { app: { url: 'https://example.com/x', authURL: 'https://example.com/auth' } } }) })).json()) as any;
    expect(replaced.label).toBe('Basic 2');
    expect(replaced.accessibility).toEqual({ selfService: false, errorRedirectUrl: null, loginRedirectUrl: null });
    expect(replaced.settings.manualProvisioning).toBe(false);
    expect(replaced.settings.app.loginUrlRegex).toBeNull();

    const oidc: any = await o.client.applicationApi.createApplication({ application: { label: 'Web', signOnMode: 'OPENID_CONNECT', credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } }, settings: { oauthClient: { redirect_uris: ['https://example.com/cb'], application_type: 'web' } } } as any });
    const idToken = (await (await o.raw(`/api/v1/internal/apps/${oidc.id}/settings/oauth/idToken`)).json()) as any;
    expect(idToken).toEqual({ issuer: o.creds.orgUrl, orgUrl: null, customUrl: null, audience: oidc.credentials.oauthClient.client_id, issuerMode: 'ORG_URL' });
    const bad = await o.raw(`/api/v1/internal/apps/${oidc.id}/settings/oauth/idToken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ issuerMode: 'NOPE' }) });
    expect(bad.status).toBe(400);
  });

  it('profile attributes sent as null are accepted and cleared, and activation works without sendEmail (Okta defaults it)', async () => {
    const o = await org(server, 'usernull');
    const body = newUser('eve@example.com', { postalAddress: null, mobilePhone: null });
    const u = await o.client.userApi.createUser({ body, activate: false });
    expect(u.profile!.mobilePhone ?? null).toBeNull();
    const res = await o.raw(`/api/v1/users/${u.id}/lifecycle/activate`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await o.client.userApi.getUser({ userId: u.id! })).status).toBe('ACTIVE');
  });
});
