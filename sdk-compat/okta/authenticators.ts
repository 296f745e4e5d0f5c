/** Okta SDK scenarios for authenticators: a user's authenticator enrollments and WebAuthn custom AAGUID rules. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr, userBody } from './common.js';

async function enrollments(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const api = client.userAuthenticatorEnrollmentsApi;
  const all = await collect(client.authenticatorApi.listAuthenticators());
  const phone = all.find((a) => a.key === 'phone_number')!;
  const webauthn = all.find((a) => a.key === 'webauthn')!;
  const u = await client.userApi.createUser({ body: userBody('enrollee@example.com') });

  const e = await api.createAuthenticatorEnrollment({ userId: u.id!, authenticator: { authenticatorId: phone.id!, profile: { phoneNumber: '(415) 555-0100' } } as any });
  t.check(e.type === 'phone' && e.status === 'ACTIVE' && (e.profile as any)?.phoneNumber === '+4155550100', 'an admin-enrolled phone, stored as E.164', e);
  await t.expectError(() => api.createAuthenticatorEnrollment({ userId: u.id!, authenticator: { authenticatorId: phone.id!, profile: { phoneNumber: 'invalid-phone' } } as any }), oktaErr(400, 'E0000001'), 'an invalid phone number is refused');
  await t.expectError(() => api.createAuthenticatorEnrollment({ userId: u.id!, authenticator: { authenticatorId: webauthn.id!, profile: { phoneNumber: '+14155550100' } } as any }), oktaErr(400, 'E0000001'), 'only the phone authenticator takes a phone');
  const factors = await collect(client.userFactorApi.listFactors({ userId: u.id! }));
  t.check(factors.some((f) => f.id === e.id && f.factorType === 'sms' && f.status === 'ACTIVE'), 'the enrollment is an ACTIVE SMS factor', factors);
  // SDK 8.1.0 reads the enrollment list as a single object, so the list is checked through the factors it mirrors.
  t.check((await api.getAuthenticatorEnrollment({ userId: u.id!, enrollmentId: e.id! })).key === 'phone_number', 'read back');
  await t.expectError(() => api.createTacAuthenticatorEnrollment({ userId: u.id!, authenticator: { authenticatorId: webauthn.id!, profile: { ttl: '60' } } as any }), oktaErr(400, 'E0000001'), 'a temporary access code needs the TAC authenticator');
  await api.deleteAuthenticatorEnrollment({ userId: u.id!, enrollmentId: e.id! });
  await t.expectError(() => client.userFactorApi.getFactor({ userId: u.id!, factorId: e.id! }), oktaErr(404, 'E0000007'), 'deleting the enrollment removes the factor', { effect: true });
  await t.expectError(() => api.getAuthenticatorEnrollment({ userId: u.id!, enrollmentId: 'mblNoSuchEnrollment0' }), oktaErr(404, 'E0000007'), 'an unknown enrollment is 404');
}

async function customAaguids(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const a = client.authenticatorApi;
  const all = await collect(a.listAuthenticators());
  const webauthn = all.find((x) => x.key === 'webauthn')!;
  const email = all.find((x) => x.key === 'okta_email')!;
  t.check((await a.listAllCustomAAGUIDs({ authenticatorId: webauthn.id! })).length === 0, 'no custom AAGUIDs yet');
  await t.expectError(() => a.listAllCustomAAGUIDs({ authenticatorId: email.id! }), oktaErr(400, 'E0000001'), 'only WebAuthn has AAGUIDs');
  await t.expectError(() => a.listAllCustomAAGUIDs({ authenticatorId: 'aut00000000000000000' }), oktaErr(404, 'E0000007'), 'an unknown authenticator is 404');
  await t.expectError(() => a.createCustomAAGUID({ authenticatorId: webauthn.id!, customAAGUIDCreateRequestObject: { aaguid: 'not-a-uuid', authenticatorCharacteristics: { fipsCompliant: false, hardwareProtected: true, platformAttached: false } } }), oktaErr(400, 'E0000001'), 'an AAGUID must be a UUID');
  await t.expectError(() => a.getCustomAAGUID({ authenticatorId: webauthn.id!, aaguid: '12345678-1234-1234-1234-123456789012' }), oktaErr(404, 'E0000007'), 'an unknown AAGUID is 404');
  await t.expectError(() => a.deleteCustomAAGUID({ authenticatorId: webauthn.id!, aaguid: '12345678-1234-1234-1234-123456789012' }), oktaErr(404, 'E0000007'), 'deleting an unknown AAGUID is 404');
  await t.expectError(() => a.verifyRpIdDomain({ authenticatorId: webauthn.id!, webAuthnMethodType: 'webauthn' }), oktaErr(400, 'E0000001'), 'no RP ID domain is configured yet');
  await t.expectError(() => a.replaceAuthenticatorMethod({ authenticatorId: webauthn.id!, methodType: 'webauthn', authenticatorMethodBase: {} as any }), oktaErr(400, 'E0000001'), 'a method replacement names its method');
  // A custom AAGUID's whole life (Authenticators API, WebAuthn custom AAGUIDs). The SDK's create model has no `name`,
  // which Okta requires, so an SDK create is refused and the AAGUID is created over plain HTTP.
  const aaguid = '0b8d2ac5-5d8b-4c7e-9a3f-3f1c2b6e7d10';
  await t.expectError(() => a.createCustomAAGUID({ authenticatorId: webauthn.id!, customAAGUIDCreateRequestObject: { aaguid, authenticatorCharacteristics: { fipsCompliant: true, hardwareProtected: true, platformAttached: false } } }), oktaErr(400, 'E0000001'), 'a create without a name is refused');
  const made = await fetch(`${ctx.baseUrl}/api/v1/authenticators/${webauthn.id}/aaguids`, {
    method: 'POST', headers: { authorization: `SSWS ${ctx.credentials.token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ aaguid: aaguid.toUpperCase(), name: 'Compat Key', authenticatorCharacteristics: { fipsCompliant: true, hardwareProtected: true, platformAttached: false } }),
  });
  if (made.status !== 200) throw new Error(`creating a custom AAGUID over HTTP answered ${made.status}`);
  t.check((await a.getCustomAAGUID({ authenticatorId: webauthn.id!, aaguid })).name === 'Compat Key', 'read back, stored in lower case');
  t.check((await a.updateCustomAAGUID({ authenticatorId: webauthn.id!, aaguid, customAAGUIDUpdateRequestObject: { authenticatorCharacteristics: { fipsCompliant: false, hardwareProtected: true, platformAttached: false } } })).name === 'Compat Key', 'a partial update keeps the name');
  const replaced = await a.replaceCustomAAGUID({ authenticatorId: webauthn.id!, aaguid, customAAGUIDUpdateRequestObject: { name: 'Compat Key 2' } as any });
  t.check(replaced.name === 'Compat Key 2' && replaced.authenticatorCharacteristics?.hardwareProtected === false, 'a replace resets what it leaves out', replaced);
  await a.deleteCustomAAGUID({ authenticatorId: webauthn.id!, aaguid });
  await t.expectError(() => a.getCustomAAGUID({ authenticatorId: webauthn.id!, aaguid }), oktaErr(404, 'E0000007'), 'a deleted AAGUID is 404', { effect: true });
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'authenticators: enrollments of a user', run: enrollments },
  { vendor: 'okta', sdk: SDK, name: 'authenticators: WebAuthn custom AAGUID rules', run: customAaguids },
];
