/** Apps as the live recordings show Okta answering them: catalog (OIN) OIDC apps, OIDC client rules, lifecycle links, ID token claims. */
import { describe, expect, it } from 'vitest';
import { sswsOrg as org, useOkta, type Org } from './helpers.js';

const server = useOkta();

const json = { 'content-type': 'application/json' };
async function send(o: Org, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await o.raw(path, { method, headers: json, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** What the Terraform provider sends for okta_app_oauth (terraform cassettes, TestAccResourceOktaAppOauth_*). */
function oauthApp(name: string, oauthClient: Record<string, unknown>, credentials: Record<string, unknown> = { token_endpoint_auth_method: 'client_secret_basic' }) {
  return {
    label: `app ${name}`,
    name,
    signOnMode: 'OPENID_CONNECT',
    credentials: { oauthClient: { autoKeyRotation: true, pkce_required: false, ...credentials }, userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' } },
    settings: { notes: {}, oauthClient: { consent_method: 'TRUSTED', issuer_mode: 'ORG_URL', ...oauthClient } },
    visibility: { hide: { iOS: true, web: true } },
  };
}

describe('catalog OIDC apps (terraform cassettes: TestAccResourceOktaAppOauth_preconfigured)', () => {
  it('are created without redirect URIs, named in lower case, with no client in the app object, and keep none on replace', async () => {
    const o = await org(server(), 'oin-oidc');
    const created = await send(o, 'POST', '/api/v1/apps?activate=true', oauthApp('Deel', { application_type: 'web', grant_types: ['authorization_code'], response_types: ['code'] }));
    expect(created.status).toBe(200);
    const app = created.body;
    expect(app.name).toBe('deel');
    expect(app.signOnMode).toBe('OPENID_CONNECT');
    expect(app.settings.oauthClient).toBeUndefined();
    expect(app.credentials.oauthClient).toBeUndefined();
    expect(app.credentials.signing.kid).toEqual(expect.any(String));
    expect(app.visibility.appLinks).toEqual({ deel_link: true });
    expect(app._links.help.href).toMatch(new RegExp(`/app/deel/${app.id}/setup/help/OPENID_CONNECT/external-doc$`));
    expect(app._links.clientCredentials).toEqual([{ name: 'secrets', href: expect.stringMatching(new RegExp(`/api/v1/apps/${app.id}/credentials/secrets$`)) }]);
    expect(app.settings.notes).toEqual({ admin: null, enduser: null });

    // A replace that sends client settings answers without them, as the create did.
    const replaced = await send(o, 'PUT', `/api/v1/apps/${app.id}`, { ...oauthApp('Deel', { application_type: 'web', redirect_uris: ['https://deel.example.com/cb'] }), label: 'Deel 2' });
    expect(replaced.status).toBe(200);
    expect(replaced.body.label).toBe('Deel 2');
    expect(replaced.body.settings.oauthClient).toBeUndefined();
    expect(replaced.body.credentials.oauthClient).toBeUndefined();

    // Its client is the integration's: the internal ID token settings are not found, naming an OAuth2AppInstance.
    const idToken = await send(o, 'GET', `/api/v1/internal/apps/${app.id}/settings/oauth/idToken`);
    expect(idToken.status).toBe(404);
    expect(idToken.body.errorSummary).toBe(`Not found: Resource not found: ${app.id} (OAuth2AppInstance)`);
  });

  it('a catalog app whose schema has settings answers the fields left out as null', async () => {
    const o = await org(server(), 'oin-settings');
    const strongdm = await send(o, 'POST', '/api/v1/apps', oauthApp('strongdm', { application_type: 'web' }));
    expect(strongdm.body.settings.app).toEqual({ base_url: null });
    // PagerDuty's SWA entry: `adminUserId` joins what was sent; an empty signOn is not kept (terraform cassettes: TestAppUpdateStatus_all_apps).
    const pd = await send(o, 'POST', '/api/v1/apps', { label: 'PD', name: 'pagerduty', signOnMode: 'AUTO_LOGIN', settings: { app: { baseUrl: 'https://example.com/1', subdomain: 'acme' }, signOn: {} } });
    expect(pd.body.settings.app).toEqual({ adminUserId: null, baseUrl: 'https://example.com/1', subdomain: 'acme' });
    expect(pd.body.settings.signOn).toBeUndefined();
    // The three-field SWA template (terraform cassettes: TestAccResourceOktaAppThreeFieldApplication_crud).
    const three = await send(o, 'POST', '/api/v1/apps', {
      label: '3f', name: 'template_swa3field', signOnMode: 'BROWSER_PLUGIN',
      settings: { app: { targetURL: 'https://example.com/login', buttonSelector: '#b', passwordSelector: '#p', userNameSelector: '#u', extraFieldSelector: '#e', extraFieldValue: 'x' } },
    });
    expect(three.body.settings.app.loginUrlRegex).toBeNull();
    expect(three.body.settings.app.redirectUrl).toBeNull();
    expect(three.body.settings.app.targetURL).toBe('https://example.com/login');
  });
});

describe('custom OIDC apps', () => {
  it('a browser app with implicit grants may use a client secret; with the authorization code flow it may not', async () => {
    const o = await org(server(), 'browser');
    // terraform cassettes TestAccResourceOktaAppOauth_basic: browser + implicit + client_secret_basic answers 200 with a secret.
    const implicit = await send(o, 'POST', '/api/v1/apps?activate=false', oauthApp('oidc_client', { application_type: 'browser', grant_types: ['implicit'], response_types: ['token', 'id_token'], redirect_uris: ['https://example.com/cb'] }));
    expect(implicit.status).toBe(200);
    expect(implicit.body.credentials.oauthClient.token_endpoint_auth_method).toBe('client_secret_basic');
    expect(implicit.body.credentials.oauthClient.client_secret).toEqual(expect.any(String));
    const code = await send(o, 'POST', '/api/v1/apps', oauthApp('oidc_client', { application_type: 'browser', grant_types: ['authorization_code'], response_types: ['code'], redirect_uris: ['https://example.com/cb'] }));
    expect(code.status).toBe(400);
    expect(code.body.errorCode).toBe('E0000001');
  });

  it('defaults by client type and grants: pkce off for web, STATIC refresh tokens without leeway, CIBA polls (okta-sdk-python and terraform cassettes)', async () => {
    const o = await org(server(), 'oidc-defaults');
    const web = (await send(o, 'POST', '/api/v1/apps', { label: 'w', name: 'oidc_client', signOnMode: 'OPENID_CONNECT', settings: { oauthClient: { application_type: 'web', grant_types: ['authorization_code', 'refresh_token'], redirect_uris: ['https://example.com/cb'], response_types: ['code'] } } })).body;
    expect(web.credentials.oauthClient.pkce_required).toBe(false);
    expect(web.settings.oauthClient.refresh_token).toEqual({ rotation_type: 'STATIC' });
    const ciba = (await send(o, 'POST', '/api/v1/apps', oauthApp('oidc_client', { application_type: 'web', grant_types: ['urn:openid:params:grant-type:ciba', 'authorization_code', 'refresh_token'], redirect_uris: ['https://example.com/cb'], response_types: ['code'], refresh_token: { leeway: 0, rotation_type: 'STATIC' } }))).body;
    expect(ciba.settings.oauthClient.refresh_token).toEqual({ rotation_type: 'STATIC' });
    expect(ciba.settings.oauthClient.backchannel_token_delivery_mode).toBe('poll');
    const rotate = (await send(o, 'POST', '/api/v1/apps', oauthApp('oidc_client', { application_type: 'web', grant_types: ['authorization_code', 'refresh_token'], redirect_uris: ['https://example.com/cb'], refresh_token: { leeway: 30, rotation_type: 'ROTATE' } }))).body;
    expect(rotate.settings.oauthClient.refresh_token).toEqual({ leeway: 30, rotation_type: 'ROTATE' });
  });

  it('an INACTIVE app links only activate and an ACTIVE one only deactivate', async () => {
    const o = await org(server(), 'lifecycle-links');
    const app = (await send(o, 'POST', '/api/v1/apps?activate=false', { label: 'b', name: 'bookmark', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com' } } })).body;
    expect(app.status).toBe('INACTIVE');
    expect(app._links.activate.href).toMatch(/\/lifecycle\/activate$/);
    expect(app._links.deactivate).toBeUndefined();
    await send(o, 'POST', `/api/v1/apps/${app.id}/lifecycle/activate`);
    const active = (await send(o, 'GET', `/api/v1/apps/${app.id}`)).body;
    expect(active._links.deactivate.href).toMatch(/\/lifecycle\/deactivate$/);
    expect(active._links.activate).toBeUndefined();
  });

  it('a replace sending `notes: {}` answers null notes; a front-channel logout URI comes with session_required false', async () => {
    const o = await org(server(), 'oidc-replace');
    const body = oauthApp('oidc_client', { application_type: 'web', redirect_uris: ['https://example.com/cb'], frontchannel_logout_uri: 'https://example.com/logout' });
    const app = (await send(o, 'POST', '/api/v1/apps', body)).body;
    expect(app.settings.oauthClient.frontchannel_logout_session_required).toBe(false);
    const replaced = await send(o, 'PUT', `/api/v1/apps/${app.id}`, { ...body, settings: { ...body.settings, app: {}, manualProvisioning: false } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.settings.notes).toEqual({ admin: null, enduser: null });
    expect(replaced.body.credentials.oauthClient.client_id).toBe(app.credentials.oauthClient.client_id);
  });

  it('the ID token settings keep a groups claim: a write answers null issuer and audience, a read the org URL and the client id', async () => {
    const o = await org(server(), 'idtoken-claim');
    const app = (await send(o, 'POST', '/api/v1/apps', oauthApp('oidc_client', { application_type: 'web', redirect_uris: ['https://example.com/cb'] }))).body;
    const claim = { valueType: 'GROUPS', groupFilterType: 'REGEX', name: 'groups', value: '.*' };
    const written = await send(o, 'POST', `/api/v1/internal/apps/${app.id}/settings/oauth/idToken`, { ...claim, issuerMode: 'ORG_URL' });
    expect(written.status).toBe(200);
    expect(written.body).toEqual({ issuer: null, orgUrl: null, customUrl: null, audience: null, issuerMode: 'ORG_URL', ...claim });
    const read = await send(o, 'GET', `/api/v1/internal/apps/${app.id}/settings/oauth/idToken`);
    expect(read.body).toEqual({ issuer: o.creds.orgUrl, orgUrl: null, customUrl: null, audience: app.credentials.oauthClient.client_id, issuerMode: 'ORG_URL', ...claim });
    // The claim is not part of the app object.
    expect((await send(o, 'GET', `/api/v1/apps/${app.id}`)).body.idTokenClaim).toBeUndefined();
  });
});

describe('app sub-resources', () => {
  it('group push mappings: created with 200 and a target group id, filtered by source group, deactivated, deleted (terraform cassettes: TestAccDataSourceOktaPushGroup_read)', async () => {
    const o = await org(server(), 'group-push');
    const group = (await send(o, 'POST', '/api/v1/groups', { profile: { name: 'Pushed' } })).body;
    const other = (await send(o, 'POST', '/api/v1/groups', { profile: { name: 'Other' } })).body;
    const app = (await send(o, 'POST', '/api/v1/apps', { label: 'PD', name: 'pagerduty', signOnMode: 'AUTO_LOGIN', settings: { app: {} } })).body;
    const base = `/api/v1/apps/${app.id}/group-push/mappings`;
    const created = await send(o, 'POST', base, { sourceGroupId: group.id, status: 'ACTIVE', targetGroupName: 'Pushed Target' });
    expect(created.status).toBe(200);
    const m = created.body;
    expect(m).toMatchObject({ sourceGroupId: group.id, status: 'ACTIVE', targetGroupId: expect.stringMatching(/^00g/) });
    expect(m.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Object.keys(m._links)).toEqual(['app', 'sourceGroup', 'targetGroup']);
    expect(m._links.sourceGroup.href).toMatch(new RegExp(`/api/v1/groups/${group.id}$`));
    expect((await send(o, 'POST', base, { sourceGroupId: group.id })).status).toBe(400);
    expect((await send(o, 'GET', `${base}?sourceGroupId=${group.id}`)).body.map((x: any) => x.id)).toEqual([m.id]);
    expect((await send(o, 'GET', `${base}?sourceGroupId=${other.id}`)).body).toEqual([]);
    const off = await send(o, 'PATCH', `${base}/${m.id}`, { status: 'INACTIVE' });
    expect(off.body.status).toBe('INACTIVE');
    expect((await send(o, 'DELETE', `${base}/${m.id}?deleteTargetGroup=true`)).status).toBe(200);
    expect((await send(o, 'GET', `${base}/${m.id}`)).status).toBe(404);
  });

  it('client secrets link only their lifecycle move; public keys given at creation get ids and are linked as jwks', async () => {
    const o = await org(server(), 'client-creds');
    const app = (await send(o, 'POST', '/api/v1/apps', oauthApp('oidc_client', { application_type: 'web', redirect_uris: ['https://example.com/cb'] }))).body;
    const secrets = (await send(o, 'GET', `/api/v1/apps/${app.id}/credentials/secrets`)).body;
    expect(Object.keys(secrets[0]._links)).toEqual(['deactivate']);
    // okta-sdk-python cassette test_sso_public_keys_lifecycle: an INACTIVE secret links its activation and its deletion.
    const second = (await send(o, 'POST', `/api/v1/apps/${app.id}/credentials/secrets`, {})).body;
    const off = await send(o, 'POST', `/api/v1/apps/${app.id}/credentials/secrets/${second.id}/lifecycle/deactivate`);
    expect(off.body._links).toEqual({
      activate: { href: expect.stringMatching(new RegExp(`/credentials/secrets/${second.id}/lifecycle/activate$`)), hints: { allow: ['POST'] } },
      delete: { href: expect.stringMatching(new RegExp(`/api/v1/apps/${app.id}/credentials/secrets/${second.id}$`)), hints: { allow: ['DELETE'] } },
    });
    expect((await send(o, 'DELETE', off.body._links.delete.href.replace(/^.*\/api\/v1/, '/api/v1'))).status).toBe(204);

    // terraform cassettes TestAccResourceOktaAppOauth_serviceWithJWKS: an EC key answers with id, status, use and crv.
    const ec = { kid: 'SIGNING_KEY_EC', kty: 'EC', x: 'K37X78mXJHHldZYMzrwipjKR-YZUS2SMye0KindHp6I', y: '8IfvsvXWzbFWOZoVOMwgF5p46mUj3kbOVf9Fk0vVVHo' };
    const svc = await send(o, 'POST', '/api/v1/apps', oauthApp('oidc_client', { application_type: 'service', grant_types: ['client_credentials'], response_types: ['token'], jwks: { keys: [ec] } }, { token_endpoint_auth_method: 'private_key_jwt' }));
    expect(svc.status).toBe(200);
    const key = svc.body.settings.oauthClient.jwks.keys[0];
    expect(key).toMatchObject({ ...ec, id: expect.stringMatching(/^pks/), status: 'ACTIVE', use: null, crv: null });
    expect(svc.body._links.clientCredentials).toEqual([{ name: 'jwks', href: expect.stringMatching(new RegExp(`/api/v1/apps/${svc.body.id}/credentials/jwks$`)) }]);
    const read = (await send(o, 'GET', `/api/v1/apps/${svc.body.id}`)).body;
    expect(read.settings.oauthClient.jwks.keys[0].id).toBe(key.id);
  });

  it('an app without API-managed provisioning answers a connection of unknown scheme (okta-sdk-python cassettes: test_application_connections_it)', async () => {
    const o = await org(server(), 'unknown-conn');
    const app = (await send(o, 'POST', '/api/v1/apps', { label: 'b', name: 'bookmark', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com' } } })).body;
    const path = `/api/v1/apps/${app.id}/connections/default`;
    expect(await send(o, 'GET', path)).toEqual({ status: 200, body: { status: 'UNKNOWN', profile: { authScheme: 'UNKNOWN' } } });
    expect((await send(o, 'POST', `${path}/lifecycle/activate`)).status).toBe(204);
    expect(await send(o, 'POST', path, { profile: { authScheme: 'UNKNOWN' } })).toEqual({ status: 200, body: { status: 'UNKNOWN', profile: { authScheme: 'UNKNOWN' } } });
    expect((await send(o, 'POST', path, { profile: { authScheme: 'TOKEN', token: 't' } })).status).toBe(404);
    expect((await send(o, 'GET', '/api/v1/apps/0oanosuchapp/connections/default')).body.errorSummary).toBe('Not found: Resource not found: 0oanosuchapp (AppInstance)');
  });

  it('an OIDC client app user starts with the standard claims; an empty password object sets no password (terraform cassettes: TestAccDataSourceOktaAppUserAssignments_read)', async () => {
    const o = await org(server(), 'oidc-app-user');
    const app = (await send(o, 'POST', '/api/v1/apps', oauthApp('oidc_client', { application_type: 'web', redirect_uris: ['https://example.com/cb'] }))).body;
    const user = (await send(o, 'POST', '/api/v1/users?activate=true', { profile: { firstName: 'Ada', lastName: 'Smith', email: 'ada@example.com', login: 'ada@example.com' } })).body;
    const assigned = await send(o, 'POST', `/api/v1/apps/${app.id}/users`, { id: user.id, credentials: { userName: 'ada@example.com', password: {} } });
    expect(assigned.status).toBe(200);
    expect(assigned.body.credentials).toEqual({ userName: 'ada@example.com' });
    expect(assigned.body.passwordChanged).toBeNull();
    expect(assigned.body.profile).toMatchObject({ given_name: 'Ada', family_name: 'Smith', name: 'Ada Smith', email: 'ada@example.com', locale: 'en_US', zoneinfo: 'America/Los_Angeles', birthdate: null, nickname: null });
    expect(Object.keys(assigned.body.profile)).toHaveLength(20);
    // A password with a value is set.
    const withPassword = await send(o, 'POST', `/api/v1/apps/${app.id}/users`, { id: user.id, credentials: { userName: 'ada@example.com', password: { value: 'Secret123!' } } });
    expect(withPassword.body.credentials.password).toEqual({});
    // A bookmark's app users carry no profile of their own.
    const bm = (await send(o, 'POST', '/api/v1/apps', { label: 'b', name: 'bookmark', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com' } } })).body;
    expect((await send(o, 'POST', `/api/v1/apps/${bm.id}/users`, { id: user.id })).body.profile).toEqual({});
  });

  it('listing refuses a cursor that is not an app id and a malformed expand; a replace keeps the VPN notification nulls (okta-sdk-python cassettes)', async () => {
    const o = await org(server(), 'list-checks');
    const app = (await send(o, 'POST', '/api/v1/apps', { label: 'b', name: 'bookmark', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com' } } })).body;
    const badCursor = await send(o, 'GET', '/api/v1/apps?after=00u1testcursorvalue&limit=1');
    expect([badCursor.status, badCursor.body.errorCode, badCursor.body.errorCauses]).toEqual([400, 'E0000029', [{ errorSummary: 'Invalid cursor.' }]]);
    expect((await send(o, 'GET', `/api/v1/apps?after=${app.id}&limit=1`)).status).toBe(200);
    const badExpand = await send(o, 'GET', '/api/v1/apps?expand=user/id,group/id');
    expect([badExpand.status, badExpand.body.errorSummary]).toEqual([400, 'Api validation failed: RequestParams']);
    const replaced = await send(o, 'PUT', `/api/v1/apps/${app.id}`, { label: 'b2', signOnMode: 'BOOKMARK', settings: { notifications: { vpn: { network: { connection: 'DISABLED' } } }, app: { url: 'https://example.com/2' } } });
    expect(replaced.body.settings.notifications).toEqual({ vpn: { network: { connection: 'DISABLED' }, message: null, helpUrl: null } });
  });

  it('a scope grant embeds its scope and links app and client titled with the app label (okta-sdk-python cassettes: test_get_consent_grant)', async () => {
    const o = await org(server(), 'grant-shape');
    const app = (await send(o, 'POST', '/api/v1/apps', oauthApp('oidc_client', { application_type: 'service', grant_types: ['client_credentials'], response_types: ['token'] }))).body;
    const g = await send(o, 'POST', `/api/v1/apps/${app.id}/grants`, { issuer: o.creds.orgUrl, scopeId: 'okta.users.read' });
    expect(g.body._embedded).toEqual({ scope: { id: 'okta.users.read' } });
    expect(g.body._links.app).toEqual({ href: expect.stringMatching(new RegExp(`/api/v1/apps/${app.id}$`)), title: app.label });
    expect(g.body._links.client).toEqual({ href: expect.stringMatching(new RegExp(`/oauth2/v1/clients/${app.credentials.oauthClient.client_id}$`)), title: app.label });
    expect(g.body._links.self.hints).toEqual({ allow: ['GET', 'DELETE'] });
    expect(g.body._links.scope).toBeUndefined();
    // Reads embed the scope only when asked (Application Grants API `expand=scope`; okta-sdk-python cassette test_revoke_consent_grant).
    const listed = (await send(o, 'GET', `/api/v1/apps/${app.id}/grants`)).body;
    expect(listed.map((x: any) => [x.id, x._embedded])).toEqual([[g.body.id, undefined]]);
    expect((await send(o, 'GET', `/api/v1/apps/${app.id}/grants/${g.body.id}`)).body._embedded).toBeUndefined();
    expect((await send(o, 'GET', `/api/v1/apps/${app.id}/grants/${g.body.id}?expand=scope`)).body._embedded).toEqual({ scope: { id: 'okta.users.read' } });
    expect((await send(o, 'GET', `/api/v1/apps/${app.id}/grants?expand=scope`)).body[0]._embedded).toEqual({ scope: { id: 'okta.users.read' } });
  });
});
