/** Okta SDK scenarios for org configuration: identity providers, user types and schemas, linked objects, and security settings. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr, userBody } from './common.js';

async function identityProviders(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const idps = client.identityProviderApi;
  const google = await idps.createIdentityProvider({
    identityProvider: {
      type: 'GOOGLE', name: 'Compat Google',
      protocol: { type: 'OIDC', scopes: ['openid', 'email', 'profile'], credentials: { client: { client_id: 'google-client', client_secret: 'google-secret' } } },
      policy: { provisioning: { action: 'AUTO', profileMaster: true, groups: { action: 'NONE' } }, accountLink: { action: 'AUTO' }, subject: { userNameTemplate: { template: 'idpuser.email' }, matchType: 'USERNAME' }, maxClockSkew: 0 },
    } as any,
  });
  t.check(google.status === 'ACTIVE' && /^0oa/.test(google.id!), 'a Google IdP', google);
  const saml = await idps.createIdentityProvider({ identityProvider: { type: 'SAML2', name: 'Compat Partner', protocol: { type: 'SAML2', endpoints: { sso: { url: 'https://partner.example.com/sso', binding: 'HTTP-POST' } } } } as any });
  t.check((await collect(idps.listIdentityProviders({ type: 'SAML2' }))).map((i) => i.id).join() === saml.id, 'list by type');
  t.check((await collect(idps.listIdentityProviders({ q: 'Compat' }))).length === 2, 'list by name');
  t.check((await idps.getIdentityProvider({ idpId: google.id! })).name === 'Compat Google', 'read back');
  const renamed = await idps.replaceIdentityProvider({ idpId: google.id!, identityProvider: { ...google, name: 'Compat Google Workspace' } as any });
  t.check(renamed.name === 'Compat Google Workspace', 'replaced');
  await t.expectError(() => idps.createIdentityProvider({ identityProvider: { type: 'GOOGLE', name: 'x', protocol: { type: 'SAML2' } } as any }), oktaErr(400, 'E0000001'), 'a protocol the IdP type does not speak is refused');

  const u = await client.userApi.createUser({ body: userBody('federated@example.com') });
  const link = await idps.linkUserToIdentityProvider({ idpId: google.id!, userId: u.id!, userIdentityProviderLinkRequest: { externalId: 'google-123' } });
  t.check(link.externalId === 'google-123', 'user linked to the IdP', link);
  t.check((await idps.getIdentityProviderApplicationUser({ idpId: google.id!, userId: u.id! })).externalId === 'google-123', 'link read back');
  t.check((await collect(idps.listIdentityProviderApplicationUsers({ idpId: google.id! }))).length === 1, 'linked users listed');
  t.check((await collect(idps.listUserIdentityProviders({ userId: u.id! }))).map((i) => i.id).join() === google.id, "the user's IdPs");
  t.check((await collect(idps.listSocialAuthTokens({ idpId: google.id!, userId: u.id! }))).length === 0, 'no social tokens yet');
  await idps.unlinkUserFromIdentityProvider({ idpId: google.id!, userId: u.id! });
  t.checkEffect((await collect(idps.listIdentityProviderApplicationUsers({ idpId: google.id! }))).length === 0, 'user unlinked');
  // The same links through the User API.
  const viaUsers = client.userApi;
  t.check((await viaUsers.linkUserToIdentityProvider({ idpId: google.id!, userId: u.id!, userIdentityProviderLinkRequest: { externalId: 'google-456' } })).externalId === 'google-456', 'linked through the User API');
  t.check((await viaUsers.getIdentityProviderApplicationUser({ idpId: google.id!, userId: u.id! })).externalId === 'google-456', 'read through the User API');
  t.check((await collect(viaUsers.listIdentityProviderApplicationUsers({ idpId: google.id! }))).length === 1, 'listed through the User API');
  t.check((await collect(viaUsers.listSocialAuthTokens({ idpId: google.id!, userId: u.id! }))).length === 0, 'no social tokens through the User API');
  await viaUsers.unlinkUserFromIdentityProvider({ idpId: google.id!, userId: u.id! });
  t.checkEffect((await collect(viaUsers.listIdentityProviderApplicationUsers({ idpId: google.id! }))).length === 0, 'unlinked through the User API');
  await idps.deactivateIdentityProvider({ idpId: google.id! });
  t.checkEffect((await idps.getIdentityProvider({ idpId: google.id! })).status === 'INACTIVE', 'deactivated');
  await idps.activateIdentityProvider({ idpId: google.id! });
  t.checkEffect((await idps.getIdentityProvider({ idpId: google.id! })).status === 'ACTIVE', 'activated');
  t.check((await collect(idps.listIdentityProviderKeys({}))).length === 0, 'no IdP signing certificates uploaded yet');
  await idps.deleteIdentityProvider({ idpId: saml.id! });
  await t.expectError(() => idps.getIdentityProvider({ idpId: saml.id! }), oktaErr(404, 'E0000007', `Not found: Resource not found: ${saml.id} (IdpTrust)`), 'a deleted IdP is 404', { effect: true });
}

async function userTypesAndSchemas(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const types = client.userTypeApi;
  const listed = await collect(types.listUserTypes());
  t.check(listed.some((x) => x.name === 'user' && x._default), 'the default user type exists', listed);
  const contractor = await types.createUserType({ userType: { name: 'compatContractor', displayName: 'Contractor', description: 'External staff' } });
  t.check(/^oty/.test(contractor.id!) && contractor._default === false, 'a custom type', contractor);
  await t.expectError(() => types.createUserType({ userType: { name: 'compatContractor', displayName: 'Again' } }), oktaErr(400, 'E0000001'), 'type names are unique');
  t.check((await types.updateUserType({ typeId: contractor.id!, userType: { displayName: 'Contractor (ext)' } })).displayName === 'Contractor (ext)', 'partial update');
  t.check((await types.replaceUserType({ typeId: contractor.id!, userType: { name: 'compatContractor', displayName: 'Contractors', description: 'v2' } })).description === 'v2', 'replace');
  t.check((await types.getUserType({ typeId: contractor.id! })).displayName === 'Contractors', 'read back');
  const typed = await client.userApi.createUser({ body: { ...userBody('typed@example.com'), type: { id: contractor.id } } as any });
  t.check(typed.type?.id === contractor.id, 'a user of the custom type');
  await t.expectError(() => types.deleteUserType({ typeId: contractor.id! }), oktaErr(403, 'E0000142', 'This User Type cannot be deleted.'), 'a type in use cannot be deleted');
  await client.userApi.deactivateUser({ userId: typed.id! });
  t.checkEffect((await client.userApi.getUser({ userId: typed.id! })).status === 'DEPROVISIONED', 'the typed user deactivated');
  await client.userApi.deleteUser({ userId: typed.id! });
  await types.deleteUserType({ typeId: contractor.id! });
  await t.expectError(() => types.getUserType({ typeId: contractor.id! }), oktaErr(404, 'E0000007'), 'a type no one uses can be deleted', { effect: true });
  await t.expectError(() => types.deleteUserType({ typeId: listed.find((x) => x._default)!.id! }), oktaErr(403, 'E0000142'), 'the default type cannot be deleted');

  const schemas = client.schemaApi;
  const schema = await schemas.getUserSchema({ schemaId: 'default' });
  t.check(Object.keys(schema.definitions?.base?.properties ?? {}).includes('login'), 'the base user schema');
  await t.expectError(() => client.userApi.createUser({ body: userBody('badge@example.com', { badgeNumber: 'B-1' }) }), oktaErr(400, 'E0000001'), 'an undefined attribute is refused');
  const updated = await schemas.updateUserProfile({ schemaId: 'default', userSchema: { definitions: { custom: { id: '#custom', type: 'object', properties: { badgeNumber: { title: 'Badge', type: 'string' } } } } } as any });
  t.check(!!(updated.definitions?.custom?.properties as any)?.badgeNumber, 'a custom attribute is added');
  const badged = await client.userApi.createUser({ body: userBody('badge@example.com', { badgeNumber: 'B-1' }) });
  t.check((badged.profile as any).badgeNumber === 'B-1', 'the custom attribute is accepted once defined');
  const gs = await schemas.getGroupSchema();
  t.check(!!gs.definitions?.base, 'the group schema');
  t.check(!!(await schemas.updateGroupSchema({ GroupSchema: { definitions: { custom: { id: '#custom', type: 'object', properties: { costCenter: { title: 'Cost center', type: 'string' } } } } } as any })).definitions?.custom, 'group schema updated');

  const lo = client.linkedObjectApi;
  const def = await lo.createLinkedObjectDefinition({ linkedObject: { primary: { name: 'compatManager', title: 'Manager', type: 'USER' }, associated: { name: 'compatReport', title: 'Report', type: 'USER' } } as any });
  t.check(def.primary?.name === 'compatManager', 'a linked object definition');
  t.check((await collect(lo.listLinkedObjectDefinitions())).length === 1 && (await lo.getLinkedObjectDefinition({ linkedObjectName: 'compatReport' })).primary?.name === 'compatManager', 'found by either side');
  const boss = await client.userApi.createUser({ body: userBody('boss@example.com') });
  await client.userApi.setLinkedObjectForUser({ associatedUserId: badged.id!, primaryRelationshipName: 'compatManager', primaryUserId: boss.id! });
  const managers = await collect(client.userApi.listLinkedObjectsForUser({ userId: badged.id!, relationshipName: 'compatManager' }));
  t.checkEffect(JSON.stringify(managers).includes(boss.id!), "the report's manager is the boss", managers);
  await client.userApi.deleteLinkedObjectForUser({ userId: badged.id!, relationshipName: 'compatManager' });
  t.checkEffect((await collect(client.userApi.listLinkedObjectsForUser({ userId: badged.id!, relationshipName: 'compatManager' }))).length === 0, 'the link removed');
  await lo.deleteLinkedObjectDefinition({ linkedObjectName: 'compatManager' });
  t.checkEffect((await collect(lo.listLinkedObjectDefinitions())).length === 0, 'the definition removed');
}

async function securitySettings(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const origins = client.trustedOriginApi;
  const origin = await origins.createTrustedOrigin({ trustedOrigin: { name: 'Compat SPA', origin: 'https://spa.example.com', scopes: [{ type: 'CORS' }, { type: 'REDIRECT' }] } as any });
  t.check(origin.status === 'ACTIVE' && /^tos/.test(origin.id!), 'a trusted origin', origin);
  t.check((await collect(origins.listTrustedOrigins({ q: 'Compat' }))).length === 1, 'listed');
  t.check((await origins.getTrustedOrigin({ trustedOriginId: origin.id! })).origin === 'https://spa.example.com', 'read back');
  t.check((await origins.replaceTrustedOrigin({ trustedOriginId: origin.id!, trustedOrigin: { name: 'Compat SPA 2', origin: 'https://spa2.example.com', scopes: [{ type: 'CORS' }] } as any })).name === 'Compat SPA 2', 'replaced');
  t.check((await origins.deactivateTrustedOrigin({ trustedOriginId: origin.id! })).status === 'INACTIVE', 'deactivated');
  t.check((await origins.activateTrustedOrigin({ trustedOriginId: origin.id! })).status === 'ACTIVE', 'activated');
  await origins.deleteTrustedOrigin({ trustedOriginId: origin.id! });
  await t.expectError(() => origins.getTrustedOrigin({ trustedOriginId: origin.id! }), oktaErr(404, 'E0000007'), 'a deleted origin is 404', { effect: true });

  const zones = client.networkZoneApi;
  const zone = await zones.createNetworkZone({ zone: { type: 'IP', name: 'Compat office', gateways: [{ type: 'CIDR', value: '10.0.0.0/8' }], proxies: null } as any });
  t.check(zone.status === 'ACTIVE' && zone.name === 'Compat office', 'a network zone', zone);
  t.check((await collect(zones.listNetworkZones({}))).some((z) => z.id === zone.id), 'listed');
  t.check((await zones.getNetworkZone({ zoneId: zone.id! })).name === 'Compat office', 'read back');
  t.check((await zones.replaceNetworkZone({ zoneId: zone.id!, zone: { type: 'IP', name: 'Compat HQ', gateways: [{ type: 'CIDR', value: '10.1.0.0/16' }] } as any })).name === 'Compat HQ', 'replaced');
  await t.expectError(() => zones.deleteNetworkZone({ zoneId: zone.id! }), oktaErr(400, 'E0000001'), 'an ACTIVE zone cannot be deleted');
  await zones.deactivateNetworkZone({ zoneId: zone.id! });
  t.checkEffect((await zones.getNetworkZone({ zoneId: zone.id! })).status === 'INACTIVE', 'zone deactivated');
  await zones.activateNetworkZone({ zoneId: zone.id! });
  t.checkEffect((await zones.getNetworkZone({ zoneId: zone.id! })).status === 'ACTIVE', 'zone activated');
  await zones.deactivateNetworkZone({ zoneId: zone.id! });
  await zones.deleteNetworkZone({ zoneId: zone.id! });
  await t.expectError(() => zones.getNetworkZone({ zoneId: zone.id! }), oktaErr(404, 'E0000007'), 'an inactive zone can be deleted', { effect: true });

  const hooks = client.inlineHookApi;
  const ih = await hooks.createInlineHook({ inlineHook: { name: 'Compat token hook', type: 'com.okta.oauth2.tokens.transform', version: '1.0.0', channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://hooks.example.com/token', method: 'POST', authScheme: { type: 'HEADER', key: 'Authorization', value: 'secret' } } } } as any });
  t.check(ih.status === 'ACTIVE' && !(ih.channel as any)?.config?.authScheme?.value, 'an inline hook, secret not echoed', ih);
  t.check((await collect(hooks.listInlineHooks({}))).length === 1, 'listed');
  t.check((await hooks.getInlineHook({ inlineHookId: ih.id! })).name === 'Compat token hook', 'read back');
  t.check((await hooks.replaceInlineHook({ inlineHookId: ih.id!, inlineHook: { name: 'Compat token hook 2', type: 'com.okta.oauth2.tokens.transform', version: '1.0.0', channel: ih.channel } as any })).name === 'Compat token hook 2', 'replaced');
  t.check((await hooks.updateInlineHook({ inlineHookId: ih.id!, inlineHook: { name: 'Compat token hook 3' } as any })).name === 'Compat token hook 3', 'partially updated');
  await hooks.deactivateInlineHook({ inlineHookId: ih.id! });
  t.checkEffect((await hooks.getInlineHook({ inlineHookId: ih.id! })).status === 'INACTIVE', 'hook deactivated');
  await hooks.activateInlineHook({ inlineHookId: ih.id! });
  t.checkEffect((await hooks.getInlineHook({ inlineHookId: ih.id! })).status === 'ACTIVE', 'hook activated');
  await hooks.deactivateInlineHook({ inlineHookId: ih.id! });
  await hooks.deleteInlineHook({ inlineHookId: ih.id! });
  await t.expectError(() => hooks.getInlineHook({ inlineHookId: ih.id! }), oktaErr(404, 'E0000007'), 'an inactive hook can be deleted', { effect: true });

  const authn = client.authenticatorApi;
  const list = await collect(authn.listAuthenticators());
  const phone = list.find((a) => a.key === 'phone_number')!;
  t.check(list.some((a) => a.key === 'okta_password' && a.status === 'ACTIVE') && phone?.status === 'INACTIVE', 'the org authenticators', list.map((a) => `${a.key}:${a.status}`));
  t.check((await authn.activateAuthenticator({ authenticatorId: phone.id! })).status === 'ACTIVE', 'phone activated');
  t.check((await authn.getAuthenticator({ authenticatorId: phone.id! })).status === 'ACTIVE', 'read back');
  await authn.deactivateAuthenticator({ authenticatorId: phone.id! });
  t.checkEffect((await authn.getAuthenticator({ authenticatorId: phone.id! })).status === 'INACTIVE', 'phone deactivated');
  const renamed = await authn.replaceAuthenticator({ authenticatorId: phone.id!, authenticator: { key: 'phone_number', name: 'Phone (SMS)' } as any });
  t.check(renamed.name === 'Phone (SMS)' && renamed.key === 'phone_number', 'an authenticator renamed', renamed);

  const threat = client.threatInsightApi;
  t.check((await threat.getCurrentConfiguration()).action === 'none', 'ThreatInsight starts off');
  t.check((await threat.updateConfiguration({ threatInsightConfiguration: { action: 'audit', excludeZones: [] } })).action === 'audit', 'ThreatInsight set to audit');
}

async function orgSettings(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const org = client.orgSettingApi;
  const settings = await org.getOrgSettings();
  t.check(settings.companyName === 'Acme Corp' && settings.subdomain === 'acme', 'the seeded org settings', settings);
  t.check((await org.updateOrgSettings({ OrgSetting: { website: 'https://acme.example' } as any })).website === 'https://acme.example', 'partial update');
  const replaced = await org.replaceOrgSettings({ OrgSetting: { companyName: 'Acme Inc', website: 'https://acme.example' } as any });
  t.check(replaced.companyName === 'Acme Inc', 'replace');
  const types = await collect(org.getOrgContactTypes());
  t.check(types.map((c) => c.contactType).sort().join() === 'BILLING,TECHNICAL', 'contact types', types);
  t.check((await org.getOrgContactUser({ contactType: 'BILLING' })).userId === ctx.credentials.adminUserId, 'the admin is the billing contact');
  const someone = (await collect(client.userApi.listUsers({ limit: 1 })))[0];
  t.check((await org.replaceOrgContactUser({ contactType: 'TECHNICAL', orgContactUser: { userId: someone.id } })).userId === someone.id, 'technical contact changed');
  t.check((await org.updateOrgHideOktaUIFooter()).showEndUserFooter === false, 'footer hidden');
  t.check((await org.updateOrgShowOktaUIFooter()).showEndUserFooter === true, 'footer shown');
  t.check((await org.getOrgPreferences()).showEndUserFooter === true, 'preferences read back');
  t.check((await org.optOutUsersFromOktaCommunicationEmails()).optOutEmailUsers === true, 'opted out');
  t.check((await org.optInUsersToOktaCommunicationEmails()).optOutEmailUsers === false, 'opted in');
  t.check((await org.getOktaCommunicationSettings()).optOutEmailUsers === false, 'communication settings read back');
  t.check((await org.getOrgOktaSupportSettings()).support === 'DISABLED', 'Okta Support access is off');
  await org.grantOktaSupport();
  const granted = await org.getOrgOktaSupportSettings();
  t.checkEffect(granted.support === 'ENABLED' && !!granted.expiration, 'Okta Support access granted with an expiry', granted);
  await org.extendOktaSupport();
  t.checkEffect((await org.getOrgOktaSupportSettings()).expiration!.getTime() > granted.expiration!.getTime(), 'extended');
  await org.revokeOktaSupport();
  t.checkEffect((await org.getOrgOktaSupportSettings()).support === 'DISABLED', 'revoked');

  const tpl = client.templateApi;
  const sms = await tpl.createSmsTemplate({ smsTemplate: { name: 'Compat code', type: 'SMS_VERIFY_CODE', template: 'Your code is ${code}', translations: { fr: 'Votre code est ${code}' } } as any });
  t.checkEffect(!!sms.id && (await tpl.getSmsTemplate({ templateId: sms.id! })).name === 'Compat code', 'an SMS template');
  t.check((await collect(tpl.listSmsTemplates({}))).length === 1, 'listed');
  t.check((await tpl.updateSmsTemplate({ templateId: sms.id!, smsTemplate: { translations: { de: 'Ihr Code ist ${code}' } } as any })).translations !== undefined, 'partial update');
  t.check((await tpl.replaceSmsTemplate({ templateId: sms.id!, smsTemplate: { name: 'Compat code 2', type: 'SMS_VERIFY_CODE', template: 'Code: ${code}' } as any })).name === 'Compat code 2', 'replaced');
  await tpl.deleteSmsTemplate({ templateId: sms.id! });
  await t.expectError(() => tpl.getSmsTemplate({ templateId: sms.id! }), oktaErr(404, 'E0000007'), 'a deleted template is 404', { effect: true });
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'identity providers: Google and SAML partners, linked users', run: identityProviders },
  { vendor: 'okta', sdk: SDK, name: 'user types, profile schemas and linked objects', run: userTypesAndSchemas },
  { vendor: 'okta', sdk: SDK, name: 'security settings: origins, zones, inline hooks, authenticators, ThreatInsight', run: securitySettings },
  { vendor: 'okta', sdk: SDK, name: 'org settings, contacts, preferences and SMS templates', run: orgSettings },
];
