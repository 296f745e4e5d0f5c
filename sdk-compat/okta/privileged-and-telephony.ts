/** Okta SDK scenarios for Privileged Access service accounts and custom telephony providers. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr, userBody } from './common.js';

/** App service accounts with vaulted passwords, and Okta users managed as service accounts (Service Accounts APIs). */
async function serviceAccounts(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const sa = client.serviceAccountApi;
  const owner = await client.userApi.createUser({ body: userBody('sa.owner@example.com') });
  const app = await client.applicationApi.createApplication({ application: { name: 'bookmark', label: 'Compat Vault App', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://vault.example.com' } } } as any });
  const orn = (app as any).orn as string;
  const vaulted = await sa.createAppServiceAccount({ body: { name: 'compat-batch', username: 'batch@vault.example.com', containerOrn: orn, password: 'V3ry$ecret!', ownerUserIds: [owner.id!] } });
  t.check(vaulted.status === 'NO_ISSUES' && vaulted.statusDetail === 'VAULTED' && vaulted.containerInstanceName === 'Compat Vault App' && vaulted.containerGlobalName === 'bookmark' && !('password' in vaulted && vaulted.password), 'an app account with a vaulted password, never answered', vaulted);
  const bare = await sa.createAppServiceAccount({ body: { name: 'compat-report', username: 'report@vault.example.com', containerOrn: orn, ownerUserIds: [owner.id!] } });
  t.check(bare.status === 'ALERT' && bare.statusDetail === 'MISSING_PASSWORD', 'an account without a password is an alert', bare);
  await t.expectError(() => sa.createAppServiceAccount({ body: { name: 'x', username: 'x', containerOrn: 'orn:okta:idp:00o:apps:bookmark:0oaNoSuchApp0000000', ownerUserIds: [owner.id!] } }), oktaErr(400, 'E0000001'), 'the container must be an app of the org');
  await t.expectError(() => sa.createAppServiceAccount({ body: { name: 'compat-batch', username: 'other', containerOrn: orn, ownerUserIds: [owner.id!] } }), oktaErr(400, 'E0000001'), 'names are unique');
  await t.expectError(() => sa.createAppServiceAccount({ body: { name: 'compat-orphan', username: 'orphan', containerOrn: orn } }), oktaErr(400, 'E0000001'), 'an account needs an owner');
  t.check((await collect(sa.listAppServiceAccounts({ match: 'report' }))).map((a) => a.id).join() === bare.id, 'listed by a name match');
  t.check((await sa.getAppServiceAccount({ id: vaulted.id! })).username === 'batch@vault.example.com', 'read back');
  t.check((await sa.updateAppServiceAccount({ id: bare.id!, body: { description: 'nightly reports' } })).description === 'nightly reports', 'described');
  await sa.deleteAppServiceAccount({ id: bare.id! });
  await t.expectError(() => sa.getAppServiceAccount({ id: bare.id! }), oktaErr(404, 'E0000007'), 'a deleted account is 404', { effect: true });

  const m = client.oktaManagedUserAccountApi;
  const robot = await client.userApi.createUser({ body: userBody('robot@example.com') });
  const managed = await m.createOktaManagedUserAccount({ body: { name: 'compat-robot', oktaUserId: robot.id!, ownerUserIds: [owner.id!] } });
  t.check(managed.oktaUserId === robot.id && managed.username === 'robot@example.com' && managed.email === 'robot@example.com', 'an Okta user managed as a service account', managed);
  await t.expectError(() => m.createOktaManagedUserAccount({ body: { name: 'compat-robot-2', oktaUserId: robot.id!, ownerUserIds: [owner.id!] } }), oktaErr(400, 'E0000001'), 'a user is managed once');
  await t.expectError(() => m.createOktaManagedUserAccount({ body: { name: 'compat-ghost', oktaUserId: '00uNoSuchUser0000000', ownerUserIds: [owner.id!] } }), oktaErr(404, 'E0000007'), 'the user must exist');
  t.check((await collect(m.listOktaManagedUserAccounts({ match: 'robot@' }))).map((a) => a.id).join() === managed.id, 'listed by a username match');
  t.check((await m.getOktaManagedUserAccount({ id: managed.id! })).name === 'compat-robot', 'read back');
  const group = await client.groupApi.createGroup({ group: { profile: { name: 'Compat Robot Owners' } } });
  t.check((await m.updateOktaManagedUserAccount({ id: managed.id!, body: { ownerGroupIds: [group.id!] } })).ownerGroupIds?.join() === group.id, 'a group shares ownership');
  await m.deleteOktaManagedUserAccount({ id: managed.id! });
  await t.expectError(() => m.getOktaManagedUserAccount({ id: managed.id! }), oktaErr(404, 'E0000007'), 'a deleted managed account is 404', { effect: true });
  t.checkEffect((await client.userApi.getUser({ userId: robot.id! })).status === 'ACTIVE', 'the Okta user itself stays');
}

/** Twilio and Telesign credentials, one primary, tests through the active one (Custom Telephony Provider API). */
async function telephony(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const tp = client.customTelephonyProviderApi;
  const twilio = await tp.createCustomTelephonyProviderCredentials({ customTelephonyProviderCredentialCreateRequest: { providerName: 'TWILIO', providerSid: 'ACcompat0001', providerAuthToken: 'tw-secret', providerCapability: 'ALL', providerSettings: { sms: { twilioPhoneNumber: '+15550100' } as any } } });
  t.check(twilio.isPrimaryProvider === true && twilio.enabled === true && !('providerAuthToken' in twilio && (twilio as any).providerAuthToken), 'the first provider is primary; its token is never answered', twilio);
  const telesign = await tp.createCustomTelephonyProviderCredentials({ customTelephonyProviderCredentialCreateRequest: { providerName: 'TELESIGN', providerSid: 'TScompat0001', providerAuthToken: 'ts-secret', providerSettings: { sms: { telesignService: 'telesignVerifyService' } } as any } });
  t.check(telesign.isPrimaryProvider === false, 'a second provider is not primary');
  await t.expectError(() => tp.createCustomTelephonyProviderCredentials({ customTelephonyProviderCredentialCreateRequest: { providerName: 'TWILIO', providerSid: 'ACcompat0002', providerAuthToken: 'x' } }), oktaErr(400, 'E0000001'), 'one credential per provider');
  await t.expectError(() => tp.createCustomTelephonyProviderCredentials({ customTelephonyProviderCredentialCreateRequest: { providerName: 'TELESIGN', providerSid: 'TS', providerAuthToken: 'x', providerSettings: { sms: { twilioPhoneNumber: '+1555' } } as any } }), oktaErr(400, 'E0000001'), "a Twilio setting is not Telesign's");
  t.check(Array.from(await tp.listAllCustomTelephonyProviderCredentials()).length === 2, 'both listed');
  t.check((await tp.getCustomTelephonyProviderCredential({ customTelephonyProviderId: telesign.id! })).providerSid === 'TScompat0001', 'read back');
  t.check((await tp.updateCustomTelephonyProviderCredential({ customTelephonyProviderId: telesign.id!, customTelephonyProviderCredentialUpdateRequest: { providerSid: 'TScompat0002', providerAuthToken: 'ts-secret-2' } })).providerSid === 'TScompat0002', 'updated');
  await t.expectError(() => tp.deactivateCustomTelephonyCredential({ customTelephonyProviderId: twilio.id! }), oktaErr(400, 'E0000001'), 'the primary provider stays on');
  t.check((await tp.setAsPrimaryCustomTelephonyCredential({ customTelephonyProviderId: telesign.id! })).isPrimaryProvider === true, 'Telesign made primary');
  t.checkEffect((await tp.getCustomTelephonyProviderCredential({ customTelephonyProviderId: twilio.id! })).isPrimaryProvider === false, 'Twilio is no longer primary');
  t.check((await tp.deactivateCustomTelephonyCredential({ customTelephonyProviderId: twilio.id! })).enabled === false, 'Twilio switched off');
  await t.expectError(() => tp.sendTestCustomTelephonyProviderCredential({ customTelephonyProviderId: twilio.id!, customTelephonyProviderCredentialSendTestRequest: { factor: 'SMS', phoneNumber: '+14155550123', countryCodeIso2: 'US' } }), oktaErr(400, 'E0000001'), 'no test through an inactive provider');
  await tp.sendTestCustomTelephonyProviderCredential({ customTelephonyProviderId: telesign.id!, customTelephonyProviderCredentialSendTestRequest: { factor: 'CALL', phoneNumber: '+14155550123', countryCodeIso2: 'US' } });
  await t.expectError(() => tp.sendTestCustomTelephonyProviderCredential({ customTelephonyProviderId: telesign.id!, customTelephonyProviderCredentialSendTestRequest: { factor: 'SMS', phoneNumber: 'call me' } }), oktaErr(400, 'E0000001'), 'a test needs a phone number', { effect: true });
  t.check((await tp.activateCustomTelephonyCredential({ customTelephonyProviderId: twilio.id! })).enabled === true, 'Twilio on again');
  await tp.deleteCustomTelephonyProviderCredential({ customTelephonyProviderId: twilio.id! });
  await t.expectError(() => tp.getCustomTelephonyProviderCredential({ customTelephonyProviderId: twilio.id! }), oktaErr(404, 'E0000007'), 'a deleted provider is 404', { effect: true });
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'service accounts: vaulted app accounts and managed Okta users', run: serviceAccounts },
  { vendor: 'okta', sdk: SDK, name: 'telephony: custom SMS and voice providers', run: telephony },
];
