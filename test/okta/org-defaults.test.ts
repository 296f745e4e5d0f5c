/** What every new org already has, read through the official SDK: org metadata, authenticators with their methods. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { all, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

describe('org defaults', () => {
  it('publishes /.well-known/okta-organization as an Identity Engine org with its own id', async () => {
    const o = await org(server, 'wellknown');
    const meta = await o.client.orgSettingApi.getWellknownOrgMetadata();
    const settings = await o.client.orgSettingApi.getOrgSettings();
    expect(meta.id).toBe(settings.id);
    expect(meta.pipeline).toBe('idx');
    expect(meta._links?.organization?.href).toBe(o.creds.orgUrl);
  });

  it('authenticators list their methods; a method turns off and on, the password method cannot be turned off', async () => {
    const o = await org(server, 'methods');
    const auths = await all(await o.client.authenticatorApi.listAuthenticators());
    const verify = auths.find((a) => a.key === 'okta_verify')!;
    const methods = await all(await o.client.authenticatorApi.listAuthenticatorMethods({ authenticatorId: verify.id! }));
    expect(methods.map((m) => [m.type, m.status])).toEqual([['totp', 'ACTIVE'], ['push', 'INACTIVE'], ['signed_nonce', 'INACTIVE']]);
    const push = await o.client.authenticatorApi.activateAuthenticatorMethod({ authenticatorId: verify.id!, methodType: 'push' });
    expect(push.status).toBe('ACTIVE');
    expect((await o.client.authenticatorApi.getAuthenticatorMethod({ authenticatorId: verify.id!, methodType: 'push' })).status).toBe('ACTIVE');
    const password = auths.find((a) => a.key === 'okta_password')!;
    await expect(o.client.authenticatorApi.deactivateAuthenticatorMethod({ authenticatorId: password.id!, methodType: 'password' })).rejects.toMatchObject({ status: 400, errorCode: 'E0000001' });
    await expect(o.client.authenticatorApi.getAuthenticatorMethod({ authenticatorId: verify.id!, methodType: 'sms' })).rejects.toMatchObject({ status: 404, errorCode: 'E0000007' });
  });
});
