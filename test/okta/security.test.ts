/** Factors, policies, user types, profile schemas and identity providers through the official SDK. */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { all, newUser, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

/** RFC 6238 computed independently of the twin, as an authenticator app would. */
function totp(secret: string, timeMs: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 30_000)));
  const h = createHmac('sha1', key).update(counter).digest();
  const off = h[h.length - 1] & 0xf;
  return String((((h[off] & 0x7f) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3]) % 1_000_000).padStart(6, '0');
}

describe('factors', () => {
  it('TOTP activates with the code derived from the shared secret on the twin clock, not with a wrong one', async () => {
    const o = await org(server, 'totp');
    const u = await o.client.userApi.createUser({ body: newUser('totp@example.com') });
    const f: any = await o.client.userFactorApi.enrollFactor({ userId: u.id!, body: { factorType: 'token:software:totp', provider: 'OKTA' } as any });
    expect(f.status).toBe('PENDING_ACTIVATION');
    const secret = f._embedded.activation.sharedSecret;
    await expect(o.client.userFactorApi.activateFactor({ userId: u.id!, factorId: f.id, body: { passCode: '123456' } as any })).rejects.toSatisfy((e: any) => {
      expect(e.status).toBe(403);
      expect(e.errorCode).toBe('E0000068');
      expect(e.errorCauses).toEqual([{ errorSummary: "Your passcode doesn't match our records. Please try again." }]);
      return true;
    });
    // Freeze the twin clock ten minutes ahead of wall time: the code must follow the twin clock.
    const at = Math.floor(Date.now() / 30_000) * 30_000 + 600_000;
    await o.control('POST', 'clock', { freeze: at });
    try {
      const ok: any = await o.client.userFactorApi.activateFactor({ userId: u.id!, factorId: f.id, body: { passCode: totp(secret, at) } as any });
      expect(ok.status).toBe('ACTIVE');
      const v = await o.client.userFactorApi.verifyFactor({ userId: u.id!, factorId: f.id, body: { passCode: totp(secret, at) } as any });
      expect(v.factorResult).toBe('SUCCESS');
    } finally {
      await o.control('POST', 'clock', { freeze: false });
    }
  });

  it('SMS waits for the texted code; a question is active at once; reset_factors clears all', async () => {
    const o = await org(server, 'sms');
    const u = await o.client.userApi.createUser({ body: newUser('sms@example.com') });
    const sms: any = await o.client.userFactorApi.enrollFactor({ userId: u.id!, body: { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+1 555 123 4567' } } as any });
    const code = (await o.control('GET', `okta/factors/${sms.id}/passcode`)).passCode;
    expect(code).toMatch(/^\d{6}$/);
    await o.client.userFactorApi.activateFactor({ userId: u.id!, factorId: sms.id, body: { passCode: code } as any });
    const q: any = await o.client.userFactorApi.enrollFactor({ userId: u.id!, body: { factorType: 'question', profile: { question: 'favorite_movie_quote', answer: 'Here is looking at you' } } as any });
    expect(q.status).toBe('ACTIVE');
    expect(q.profile.answer).toBeUndefined();
    expect((await all(o.client.userFactorApi.listFactors({ userId: u.id! }))).map((f) => f.status)).toEqual(['ACTIVE', 'ACTIVE']);
    await o.client.userApi.resetFactors({ userId: u.id! });
    expect(await all(o.client.userFactorApi.listFactors({ userId: u.id! }))).toEqual([]);
  });
});

describe('policies', () => {
  it('orgs start with system default policies that cannot be deleted; new ones shift priorities', async () => {
    const { client } = await org(server, 'policies');
    const [def] = await all(client.policyApi.listPolicies({ type: 'PASSWORD' }));
    expect(def.system).toBe(true);
    expect((def as any).settings.password.complexity).toMatchObject({ minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, excludeUsername: true });
    await expect(client.policyApi.deletePolicy({ policyId: def.id! })).rejects.toSatisfy((e: any) => e.errorCode === 'E0000001');
    const a = await client.policyApi.createPolicy({ policy: { type: 'PASSWORD', name: 'A' } as any });
    const b = await client.policyApi.createPolicy({ policy: { type: 'PASSWORD', name: 'B', priority: 1 } as any });
    expect(b.priority).toBe(1);
    expect((await client.policyApi.getPolicy({ policyId: a.id! })).priority).toBe(2);
    expect((await all(client.policyApi.listPolicies({ type: 'PASSWORD' }))).map((p) => p.name)).toEqual(['B', 'A', 'Default Policy']);
  });
});

describe('user types and schemas', () => {
  it('custom attributes must be defined before profiles use them, and keep their type', async () => {
    const { client } = await org(server, 'schema');
    await expect(client.userApi.createUser({ body: newUser('s@example.com', { shoeSize: 42 }) })).rejects.toSatisfy((e: any) => e.errorCauses[0].errorSummary === "Property name 'shoeSize' is not defined in profile");
    await client.schemaApi.updateUserProfile({ schemaId: 'default', userSchema: { definitions: { custom: { id: '#custom', type: 'object', properties: { shoeSize: { title: 'Shoe size', type: 'integer' } } } } } as any });
    const u = await client.userApi.createUser({ body: newUser('s@example.com', { shoeSize: 42 }) });
    expect((u.profile as any).shoeSize).toBe(42);
    await expect(client.userApi.updateUser({ userId: u.id!, user: { profile: { shoeSize: 'large' } } as any })).rejects.toSatisfy((e: any) => e.errorCode === 'E0000001' && e.errorSummary === 'Api validation failed: shoeSize');
    // Removing the attribute from the schema (null) makes it undefined again.
    await client.schemaApi.updateUserProfile({ schemaId: 'default', userSchema: { definitions: { custom: { id: '#custom', type: 'object', properties: { shoeSize: null } } } } as any });
    const schema = await client.schemaApi.getUserSchema({ schemaId: 'default' });
    expect(Object.keys(schema.definitions?.custom?.properties ?? {})).toEqual([]);
  });

  it('user types: unique names, immutable name, no deleting the default or a type in use', async () => {
    const o = await org(server, 'types');
    const { client } = o;
    const t = await client.userTypeApi.createUserType({ userType: { name: 'partner', displayName: 'Partner' } });
    await expect(client.userTypeApi.createUserType({ userType: { name: 'Partner', displayName: 'Again' } })).rejects.toSatisfy((e: any) => e.errorCode === 'E0000001');
    // The SDK's update model has no `name`; on the wire a rename is refused.
    const rename = await o.raw(`/api/v1/meta/types/user/${t.id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'renamed' }) });
    expect((await rename.json()).errorCode).toBe('E0000001');
    const u = await client.userApi.createUser({ body: { ...newUser('partner@example.com'), type: { id: t.id } } as any });
    await expect(client.userTypeApi.deleteUserType({ typeId: t.id! })).rejects.toSatisfy((e: any) => e.status === 403 && e.errorCode === 'E0000142');
    await client.userApi.deleteUser({ userId: u.id! });
    await client.userApi.deleteUser({ userId: u.id! });
    await client.userTypeApi.deleteUserType({ typeId: t.id! });
    expect((await all(client.userTypeApi.listUserTypes())).map((x) => x.name)).toEqual(['user']);
  });
});

describe('identity providers', () => {
  it('links one external id per IdP to one user, and lists a user’s IdPs', async () => {
    const { client } = await org(server, 'idps');
    const idp = await client.identityProviderApi.createIdentityProvider({ identityProvider: { type: 'OIDC', name: 'Partner OIDC', protocol: { type: 'OIDC' } } as any });
    const a = await client.userApi.createUser({ body: newUser('ext.a@example.com') });
    const b = await client.userApi.createUser({ body: newUser('ext.b@example.com') });
    await client.identityProviderApi.linkUserToIdentityProvider({ idpId: idp.id!, userId: a.id!, userIdentityProviderLinkRequest: { externalId: 'ext-1' } });
    await expect(client.identityProviderApi.linkUserToIdentityProvider({ idpId: idp.id!, userId: b.id!, userIdentityProviderLinkRequest: { externalId: 'ext-1' } })).rejects.toSatisfy((e: any) => e.errorCode === 'E0000001');
    expect((await all(client.identityProviderApi.listUserIdentityProviders({ userId: a.id! }))).map((i) => i.id)).toEqual([idp.id]);
    await client.identityProviderApi.deleteIdentityProvider({ idpId: idp.id! });
    expect(await all(client.identityProviderApi.listUserIdentityProviders({ userId: a.id! }))).toEqual([]);
  });
});
