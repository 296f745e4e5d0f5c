/** Okta SDK scenarios for applications: rolling out a SAML app to groups, an OIDC web app, and a service app's credentials and grants. */
import { generateKeyPairSync } from 'node:crypto';
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr, userBody } from './common.js';

async function samlRollout(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const apps = client.applicationApi;
  const app: any = await apps.createApplication({
    application: { label: 'Compat Docs', signOnMode: 'SAML_2_0', settings: { signOn: { ssoAcsUrl: 'https://docs.example.com/acs', audience: 'https://docs.example.com' } } } as any,
    activate: false,
  });
  t.check(app.status === 'INACTIVE' && app.credentials?.signing?.kid, 'an inactive SAML app with a signing key', app.status);
  await apps.activateApplication({ appId: app.id });
  t.checkEffect((await apps.getApplication({ appId: app.id })).status === 'ACTIVE', 'activated');

  const sales = (await collect(client.groupApi.listGroups({ q: 'Sales' })))[0];
  const assignment = await apps.assignGroupToApplication({ appId: app.id, groupId: sales.id!, applicationGroupAssignment: { priority: 0, profile: { role: 'viewer' } } as any });
  t.check(assignment.id === sales.id && (assignment.profile as any)?.role === 'viewer', 'the Sales group is assigned with a profile', assignment);
  t.check((await apps.getApplicationGroupAssignment({ appId: app.id, groupId: sales.id! })).priority === 0, 'group assignment read back');
  // SDK 8 updates a group assignment with JSON Patch (Applications API: PATCH /apps/{appId}/groups/{groupId}).
  const patched = await apps.updateGroupAssignmentToApplication({ appId: app.id, groupId: sales.id!, jsonPatchOperation: [{ op: 'replace', path: '/profile/role', value: 'editor' }] as any });
  t.check(patched.id === sales.id && (patched.profile as any)?.role === 'editor' && patched.priority === 0, 'a patch changes the assignment profile and keeps its priority', patched);
  t.check((await collect(apps.listApplicationGroupAssignments({ appId: app.id }))).length === 1, 'group assignments listed');
  const implied = await collect(apps.listApplicationUsers({ appId: app.id }));
  t.check(implied.length > 0 && implied.every((u) => u.scope === 'GROUP'), 'every Sales member has the app through the group', implied.map((u) => u.scope));
  t.check((await collect(client.groupApi.listAssignedApplicationsForGroup({ groupId: sales.id! }))).some((a) => a.id === app.id), "the app shows in the group's apps");

  const newbie = await client.userApi.createUser({ body: userBody('saml.user@example.com') });
  const au = await apps.assignUserToApplication({ appId: app.id, appUser: { id: newbie.id, scope: 'USER', credentials: { userName: 'saml.user' }, profile: { role: 'editor' } } as any });
  t.check(au.scope === 'USER' && au.credentials?.userName === 'saml.user', 'a direct assignment with an app username', au);
  const fetched = await apps.getApplicationUser({ appId: app.id, userId: newbie.id! });
  t.check((fetched.profile as any)?.role === 'editor', 'the app profile is kept');
  const updated = await apps.updateApplicationUser({ appId: app.id, userId: newbie.id!, appUser: { profile: { role: 'admin' } } as any });
  t.check((updated.profile as any)?.role === 'admin', 'the app profile is updated');
  await t.expectError(() => apps.unassignUserFromApplication({ appId: app.id, userId: implied[0].id! }), oktaErr(403, 'E0000046'), 'a group-implied user cannot be unassigned alone');
  await apps.unassignUserFromApplication({ appId: app.id, userId: newbie.id! });
  await apps.unassignApplicationFromGroup({ appId: app.id, groupId: sales.id! });
  t.checkEffect((await collect(apps.listApplicationUsers({ appId: app.id }))).length === 0, 'no users once the group is unassigned');

  const schema = await client.schemaApi.getApplicationUserSchema({ appInstanceId: app.id });
  t.check(!!schema.definitions?.base, 'the app user schema has base attributes');
  const schema2 = await client.schemaApi.updateApplicationUserProfile({ appInstanceId: app.id, body: { definitions: { custom: { id: '#custom', type: 'object', properties: { costCode: { title: 'Cost code', type: 'string' } } } } } as any });
  t.check(!!(schema2.definitions?.custom?.properties as any)?.costCode, 'a custom app user attribute is added');

  await t.expectError(() => apps.deleteApplication({ appId: app.id }), oktaErr(403, 'E0000056', 'Delete application forbidden.'), 'an ACTIVE app cannot be deleted');
  await apps.deactivateApplication({ appId: app.id });
  t.checkEffect((await apps.getApplication({ appId: app.id })).status === 'INACTIVE', 'deactivated');
  await apps.deleteApplication({ appId: app.id });
  await t.expectError(() => apps.getApplication({ appId: app.id }), oktaErr(404, 'E0000007', `Not found: Resource not found: ${app.id} (AppInstance)`), 'a deleted app is 404', { effect: true });
}

async function oidcWebApp(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const apps = client.applicationApi;
  const web: any = await apps.createApplication({
    application: {
      name: 'oidc_client', label: 'Compat Portal', signOnMode: 'OPENID_CONNECT',
      credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_post' } },
      settings: { oauthClient: { application_type: 'web', redirect_uris: ['https://portal.example.com/cb'], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] } },
    } as any,
  });
  t.check(web.credentials.oauthClient.client_id === web.id && /^[\w-]{64}$/.test(web.credentials.oauthClient.client_secret), 'client id and secret issued', web.credentials);
  const replaced: any = await apps.replaceApplication({
    appId: web.id,
    application: { ...web, label: 'Compat Portal 2', settings: { ...web.settings, oauthClient: { ...web.settings.oauthClient, redirect_uris: ['https://portal.example.com/cb', 'https://portal.example.com/cb2'] } } },
  });
  t.check(replaced.label === 'Compat Portal 2' && replaced.settings.oauthClient.redirect_uris.length === 2 && replaced.credentials.oauthClient.client_secret === web.credentials.oauthClient.client_secret, 'replace keeps the client secret', replaced.settings.oauthClient);
  const listed = await collect(apps.listApplications({ q: 'Compat Portal' }));
  t.check(listed.map((a) => a.id).join() === web.id, 'q finds the app');
  const active = await collect(apps.listApplications({ filter: 'status eq "ACTIVE"', limit: 2 }));
  t.check(active.length >= 4 && active.every((a) => a.status === 'ACTIVE'), 'filter by status pages through the seeded apps', active.length);
  await t.expectError(
    () => apps.createApplication({ application: { name: 'oidc_client', label: 'Broken', signOnMode: 'OPENID_CONNECT', settings: { oauthClient: { application_type: 'web' } } } as any }),
    oktaErr(400, 'E0000001', 'Api validation failed: redirect_uris'),
    'a web app without redirect URIs is refused',
  );
  t.check((await collect(apps.listOAuth2TokensForApplication({ appId: web.id }))).length === 0, 'a new client has issued no tokens');
  await t.expectError(() => apps.listFeaturesForApplication({ appId: web.id }).then(collect), oktaErr(400, 'E0000001', 'Api validation failed: feature'), 'custom apps have no provisioning features');
  const bookmark: any = await apps.createApplication({ application: { name: 'bookmark', label: 'Compat Link', signOnMode: 'BOOKMARK', settings: { app: { requestIntegration: false, url: 'https://example.com' } } } as any });
  t.check(bookmark.settings.app.url === 'https://example.com', 'a bookmark app');
}

async function serviceApp(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const apps = client.applicationApi;
  const svc: any = await apps.createApplication({
    application: { name: 'oidc_client', label: 'Compat Worker', signOnMode: 'OPENID_CONNECT', credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } }, settings: { oauthClient: { application_type: 'service', grant_types: ['client_credentials'], response_types: ['token'] } } } as any,
  });
  const issuer = ctx.baseUrl;
  const grant = await apps.grantConsentToScope({ appId: svc.id, oAuth2ScopeConsentGrant: { issuer, scopeId: 'okta.users.read' } as any });
  t.check(grant.scopeId === 'okta.users.read' && grant.status === 'ACTIVE', 'scope granted', grant);
  await apps.grantConsentToScope({ appId: svc.id, oAuth2ScopeConsentGrant: { issuer, scopeId: 'okta.groups.read' } as any });
  t.check((await collect(apps.listScopeConsentGrants({ appId: svc.id }))).length === 2, 'two grants');
  t.check((await apps.getScopeConsentGrant({ appId: svc.id, grantId: grant.id! })).scopeId === 'okta.users.read', 'grant read back');
  await apps.revokeScopeConsentGrant({ appId: svc.id, grantId: grant.id! });
  t.checkEffect((await collect(apps.listScopeConsentGrants({ appId: svc.id }))).map((g) => g.scopeId).join() === 'okta.groups.read', 'revoked');
  await t.expectError(() => apps.grantConsentToScope({ appId: svc.id, oAuth2ScopeConsentGrant: { issuer, scopeId: 'not-a-scope' } as any }), oktaErr(400, 'E0000001'), 'only Okta API scopes can be granted');

  const keys = client.applicationSSOPublicKeysApi;
  const secrets = await collect(keys.listOAuth2ClientSecrets({ appId: svc.id }));
  t.check(secrets.length === 1 && secrets[0].client_secret === svc.credentials.oauthClient.client_secret, 'the app secret is the first secret');
  const second = await keys.createOAuth2ClientSecret({ appId: svc.id, oAuth2ClientSecretRequestBody: {} as any });
  t.check(second.status === 'ACTIVE' && !!second.client_secret, 'a second secret', second);
  t.check((await keys.getOAuth2ClientSecret({ appId: svc.id, secretId: second.id! })).id === second.id, 'read back');
  await t.expectError(() => keys.createOAuth2ClientSecret({ appId: svc.id, oAuth2ClientSecretRequestBody: {} as any }), oktaErr(400, 'E0000001'), 'at most two secrets');
  await t.expectError(() => keys.deleteOAuth2ClientSecret({ appId: svc.id, secretId: secrets[0].id! }), oktaErr(400, 'E0000001'), 'an active secret cannot be deleted');
  await keys.deactivateOAuth2ClientSecret({ appId: svc.id, secretId: secrets[0].id! });
  t.checkEffect((await keys.getOAuth2ClientSecret({ appId: svc.id, secretId: secrets[0].id! })).status === 'INACTIVE', 'secret deactivated');
  await keys.activateOAuth2ClientSecret({ appId: svc.id, secretId: secrets[0].id! });
  t.checkEffect((await keys.getOAuth2ClientSecret({ appId: svc.id, secretId: secrets[0].id! })).status === 'ACTIVE', 'secret activated');
  await keys.deactivateOAuth2ClientSecret({ appId: svc.id, secretId: secrets[0].id! });
  await keys.deleteOAuth2ClientSecret({ appId: svc.id, secretId: secrets[0].id! });
  const remaining = await collect(keys.listOAuth2ClientSecrets({ appId: svc.id }));
  t.checkEffect(remaining.length === 1 && remaining[0].client_secret === second.client_secret, 'the rotated secret is the one left', remaining);
  // A read of the app leaves the secret out (terraform cassettes 2026: GET answers never carry client_secret).
  const now: any = await apps.getApplication({ appId: svc.id });
  t.check(now.credentials.oauthClient.client_secret === undefined && now.credentials.oauthClient.client_id === svc.credentials.oauthClient.client_id, 'a read leaves the client secret out', now.credentials);

  // Public keys for private_key_jwt: 2048-bit RSA accepted, 1024-bit refused, lifecycle before delete.
  const jwk = (bits: number) => ({ ...(generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' }) as Record<string, unknown>), use: 'sig', alg: 'RS256' });
  await t.expectError(() => keys.addJwk({ appId: svc.id, addJwkRequest: { ...jwk(1024), kid: 'small' } as any }), (e: any) => e.status === 400 && e.errorCauses?.[0]?.errorSummary === "RSA key length in the 'jwks' is less than '2,048' bits for the given key.", 'a 1024-bit key is refused');
  const added: any = await keys.addJwk({ appId: svc.id, addJwkRequest: { ...jwk(2048), kid: 'compat-key-1' } as any });
  t.check(added.status === 'ACTIVE' && added.kid === 'compat-key-1', 'a 2048-bit key is added ACTIVE', added);
  t.check((await keys.listJwk({ appId: svc.id })).keys?.length === 1 && ((await keys.getJwk({ appId: svc.id, keyId: added.id })) as any).kid === 'compat-key-1', 'keys listed and read');
  const stored: any = await apps.getApplication({ appId: svc.id });
  t.check(stored.settings.oauthClient.jwks.keys[0].kid === 'compat-key-1', 'the key sits in settings.oauthClient.jwks like Okta');
  await t.expectError(() => keys.deletejwk({ appId: svc.id, keyId: added.id }), oktaErr(400, 'E0000001'), 'an ACTIVE key cannot be deleted');
  await keys.deactivateOAuth2ClientJsonWebKey({ appId: svc.id, keyId: added.id });
  t.checkEffect(((await keys.getJwk({ appId: svc.id, keyId: added.id })) as any).status === 'INACTIVE', 'key deactivated');
  await keys.activateOAuth2ClientJsonWebKey({ appId: svc.id, keyId: added.id });
  t.checkEffect(((await keys.getJwk({ appId: svc.id, keyId: added.id })) as any).status === 'ACTIVE', 'key activated');
  await keys.deactivateOAuth2ClientJsonWebKey({ appId: svc.id, keyId: added.id });
  await keys.deletejwk({ appId: svc.id, keyId: added.id });
  t.checkEffect((await keys.listJwk({ appId: svc.id })).keys?.length === 0, 'deleted');
}

/**
 * Which sign-in policy an app uses (assigned from the app's side; the policy lists its apps and mappings), which
 * resource apps an app may reach (cross-app access connections), and an API service integration's client secrets.
 */
async function appPoliciesAndConnections(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const apps = client.applicationApi;
  const bookmark = (label: string) => apps.createApplication({ application: { name: 'bookmark', label, signOnMode: 'BOOKMARK', settings: { app: { requestIntegration: false, url: 'https://example.com' } } } as any }) as Promise<any>;
  const app = await bookmark('Compat Policy App');
  const policy: any = await client.policyApi.createPolicy({ policy: { type: 'ACCESS_POLICY', name: 'Compat shared app policy' } as any });
  await apps.assignApplicationPolicy({ appId: app.id, policyId: policy.id });
  t.checkEffect(((await apps.getApplication({ appId: app.id })) as any)._links.accessPolicy.href.endsWith(`/policies/${policy.id}`), 'the app now uses the assigned policy');
  t.check((await collect(client.policyApi.listPolicyApps({ policyId: policy.id }))).map((a) => a.id).join() === app.id, "the policy lists the app as its only app");
  const mappings = await collect(client.policyApi.listPolicyMappings({ policyId: policy.id }));
  t.check(mappings.length === 1 && mappings[0].id === app.id && !!(mappings[0] as any)._links?.application?.href, 'one mapping names the app and links it', mappings);
  t.check((await client.policyApi.getPolicyMapping({ policyId: policy.id, mappingId: app.id })).id === app.id, 'the mapping read back');
  // Okta refuses mapping through the policy (terraform-provider-okta issue #1055).
  await t.expectError(() => client.policyApi.mapResourceToPolicy({ policyId: policy.id, policyMappingRequest: { resourceId: app.id, resourceType: 'ACCESS_POLICY' } as any }), oktaErr(400, 'E0000001', 'Api validation failed: Policy mappings are no longer supported on this endpoint.'), 'mapping through the policy is refused');

  const cwo = client.applicationCrossAppAccessConnectionsApi;
  const resource = await bookmark('Compat Resource App');
  const conn: any = await cwo.createCrossAppAccessConnection({ appId: app.id, orgCrossAppAccessConnection: { resourceAppInstanceId: resource.id } as any });
  t.check(conn.requestingAppInstanceId === app.id && conn.resourceAppInstanceId === resource.id && conn.status === 'ACTIVE', 'a connection from the app to the resource app', conn);
  t.check((await cwo.getCrossAppAccessConnection({ appId: app.id, connectionId: conn.id })).resourceAppInstanceId === resource.id, 'connection read back');
  const off: any = await cwo.updateCrossAppAccessConnection({ appId: app.id, connectionId: conn.id, orgCrossAppAccessConnectionPatchRequest: { status: 'INACTIVE' } as any });
  t.check(off.status === 'INACTIVE', 'connection switched off');
  t.checkEffect((await collect(cwo.getAllCrossAppAccessConnections({ appId: app.id }))).map((c: any) => c.status).join() === 'INACTIVE', 'listed as off');
  await cwo.deleteCrossAppAccessConnection({ appId: app.id, connectionId: conn.id });
  t.checkEffect((await collect(cwo.getAllCrossAppAccessConnections({ appId: app.id }))).length === 0, 'connection deleted');

  const api = client.apiServiceIntegrationsApi;
  const inst: any = await api.createApiServiceIntegrationInstance({ postAPIServiceIntegrationInstanceRequest: { type: 'compat_service', grantedScopes: ['okta.users.read'] } });
  t.check(!!inst.clientSecret && inst.grantedScopes?.join() === 'okta.users.read', 'an integration made with a client secret', inst);
  t.check((await api.getApiServiceIntegrationInstance({ apiServiceId: inst.id })).type === 'compat_service', 'integration read back');
  t.check((await collect(api.listApiServiceIntegrationInstances({}))).some((i) => i.id === inst.id), 'integration listed');
  const secrets = await collect(api.listApiServiceIntegrationInstanceSecrets({ apiServiceId: inst.id }));
  // Only the creating answer discloses a secret; a list answers it undisclosed (API Service Integrations reference, client_secret).
  t.check(secrets.length === 1 && secrets[0].status === 'ACTIVE' && !!secrets[0].client_secret && secrets[0].client_secret !== inst.clientSecret, 'its one secret, listed undisclosed', secrets.length);
  const second: any = await api.createApiServiceIntegrationInstanceSecret({ apiServiceId: inst.id });
  t.check(second.status === 'ACTIVE' && second.client_secret !== inst.clientSecret, 'a second secret');
  const down: any = await api.deactivateApiServiceIntegrationInstanceSecret({ apiServiceId: inst.id, secretId: second.id });
  t.check(down.status === 'INACTIVE', 'second secret deactivated');
  const up: any = await api.activateApiServiceIntegrationInstanceSecret({ apiServiceId: inst.id, secretId: second.id });
  t.check(up.status === 'ACTIVE', 'second secret activated');
  await api.deactivateApiServiceIntegrationInstanceSecret({ apiServiceId: inst.id, secretId: second.id });
  await api.deleteApiServiceIntegrationInstanceSecret({ apiServiceId: inst.id, secretId: second.id });
  t.checkEffect((await collect(api.listApiServiceIntegrationInstanceSecrets({ apiServiceId: inst.id }))).length === 1, 'the retired secret is gone');
  await api.deleteApiServiceIntegrationInstance({ apiServiceId: inst.id });
  await t.expectError(() => api.getApiServiceIntegrationInstance({ apiServiceId: inst.id }), oktaErr(404, 'E0000007'), 'integration deleted', { effect: true });

  for (const a of [app, resource]) {
    await apps.deactivateApplication({ appId: a.id });
    await apps.deleteApplication({ appId: a.id });
  }
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'apps: rolling out a SAML app to a group', run: samlRollout },
  { vendor: 'okta', sdk: SDK, name: 'apps: an OIDC web app and a bookmark', run: oidcWebApp },
  { vendor: 'okta', sdk: SDK, name: 'apps: a service app with scope grants and secret rotation', run: serviceApp },
  { vendor: 'okta', sdk: SDK, name: 'apps: sign-in policy assignment, cross-app access connections, API service integration secrets', run: appPoliciesAndConnections },
];
