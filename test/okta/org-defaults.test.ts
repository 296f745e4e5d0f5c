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

describe('org settings documents', () => {
  it('rate-limit settings start at the defaults, are replaced whole and validated', async () => {
    const o = await org(server, 'ratelimits');
    const api = o.client.rateLimitSettingsApi;
    expect((await api.getRateLimitSettingsWarningThreshold()).warningThreshold).toBe(90);
    expect((await api.replaceRateLimitSettingsWarningThreshold({ rateLimitWarningThreshold: { warningThreshold: 60 } } as any)).warningThreshold).toBe(60);
    expect((await api.getRateLimitSettingsWarningThreshold()).warningThreshold).toBe(60);
    await expect(api.replaceRateLimitSettingsWarningThreshold({ rateLimitWarningThreshold: { warningThreshold: 10 } } as any)).rejects.toMatchObject({ status: 400, errorCode: 'E0000001' });
    expect((await api.getRateLimitSettingsAdminNotifications()).notificationsEnabled).toBe(false);
    await api.replaceRateLimitSettingsAdminNotifications({ RateLimitAdminNotifications: { notificationsEnabled: true } } as any);
    expect((await api.getRateLimitSettingsAdminNotifications()).notificationsEnabled).toBe(true);
  });

  it('the org CAPTCHA setting names an existing CAPTCHA, and deleting it returns to none', async () => {
    const o = await org(server, 'captcha');
    const api = o.client.captchaApi;
    expect((await api.getOrgCaptchaSettings()).captchaId ?? null).toBeNull();
    await expect(api.replacesOrgCaptchaSettings({ orgCAPTCHASettings: { captchaId: 'capnope', enabledPages: ['SSR'] } as any })).rejects.toMatchObject({ status: 404 });
    const c = await api.createCaptchaInstance({ instance: { name: 'hc', type: 'HCAPTCHA', siteKey: 'site', secretKey: 'secret' } as any });
    const set = await api.replacesOrgCaptchaSettings({ orgCAPTCHASettings: { captchaId: c.id, enabledPages: ['SSR'] } as any });
    expect([set.captchaId, set.enabledPages]).toEqual([c.id, ['SSR']]);
    await api.deleteOrgCaptchaSettings();
    const after = await api.getOrgCaptchaSettings();
    expect([after.captchaId ?? null, after.enabledPages]).toEqual([null, []]);
  });
});
