/** Shapes and rules the live Okta answers show and the reference documents: org logo link, authenticator method links, device assurance policies, the one-CAPTCHA limit, device links, feature links. */
import { describe, expect, it } from 'vitest';
import { jsonOf as json, sendJson as send, sswsOrg, useOkta } from './helpers.js';

const server = useOkta();
const org = (label: string) => sswsOrg(server(), label);

describe('org settings links', () => {
  it('GET and POST /api/v1/org carry one logo object, not an app-style array (Org API reference, "Get Org Settings" example)', async () => {
    const o = await org('org-logo');
    const got = (await json(await o.raw('/api/v1/org'))).body;
    expect(Array.isArray(got._links.logo)).toBe(false);
    expect(typeof got._links.logo.href).toBe('string');
    const posted = (await json(await o.raw('/api/v1/org', send('POST', { website: 'https://example.com' })))).body;
    expect(posted.website).toBe('https://example.com');
    expect(Object.keys(posted._links.logo)).toEqual(['href']);
  });
});

describe('authenticator method links', () => {
  const linksOf = (methods: Array<{ type: string; _links: Record<string, unknown> }>) => Object.fromEntries(methods.map((m) => [m.type, Object.keys(m._links)]));

  it("an active method offers deactivate only when its authenticator has other methods, never Okta Verify's TOTP (Authenticators API okta_verify methods example)", async () => {
    const o = await org('method-links');
    const auths = (await json(await o.raw('/api/v1/authenticators'))).body as Array<{ id: string; key: string }>;
    const id = (key: string) => auths.find((a) => a.key === key)!.id;
    const verify = `/api/v1/authenticators/${id('okta_verify')}`;
    expect(linksOf((await json(await o.raw(`${verify}/methods`))).body)).toEqual({ totp: ['self'], push: ['self', 'activate'], signed_nonce: ['self', 'activate'] });
    await o.raw(`${verify}/methods/push/lifecycle/activate`, send('POST', {}));
    expect(linksOf((await json(await o.raw(`${verify}/methods`))).body)).toEqual({ totp: ['self'], push: ['self', 'deactivate'], signed_nonce: ['self', 'activate'] });
    // Single-method authenticators turn off as a whole, not through their method.
    for (const key of ['webauthn', 'security_question', 'okta_email', 'okta_password']) {
      const methods = (await json(await o.raw(`/api/v1/authenticators/${id(key)}/methods`))).body as Array<{ status: string; _links: Record<string, unknown> }>;
      expect(methods.length, key).toBe(1);
      if (methods[0].status === 'ACTIVE') expect(Object.keys(methods[0]._links), key).toEqual(['self']);
    }
    const phone = `/api/v1/authenticators/${id('phone_number')}`;
    await o.raw(`${phone}/methods/sms/lifecycle/activate`, send('POST', {}));
    expect(linksOf((await json(await o.raw(`${phone}/methods`))).body)).toEqual({ sms: ['self', 'deactivate'], voice: ['self', 'activate'] });
  });
});

describe('device assurance policies (live okta-sdk-python and Terraform recordings of /api/v1/device-assurances)', () => {
  it('a policy that checks nothing about the device is refused', async () => {
    const o = await org('da-empty');
    const res = await json(await o.raw('/api/v1/device-assurances', send('POST', { name: 'ChromeOS', platform: 'CHROMEOS', displayRemediationMode: 'SHOW' })));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: deviceAssuranceMediated', errorCauses: [{ errorSummary: 'Please select at least one device condition before saving' }] });
    expect((await json(await o.raw('/api/v1/device-assurances'))).body).toEqual([]);
  });

  it("a replace answers without the creator and creation time, which a read still shows", async () => {
    const o = await org('da-put');
    const made = (await json(await o.raw('/api/v1/device-assurances', send('POST', { name: 'Android', platform: 'ANDROID', jailbreak: false })))).body;
    expect(made).toHaveProperty('createdDate');
    const put = await json(await o.raw(`/api/v1/device-assurances/${made.id}`, send('PUT', { name: 'Android 2', platform: 'ANDROID', osVersion: { minimum: '12' } })));
    expect(put.status).toBe(200);
    expect(put.body).not.toHaveProperty('createdBy');
    expect(put.body).not.toHaveProperty('createdDate');
    expect(put.body.lastUpdatedBy).toBe(made.createdBy);
    const read = (await json(await o.raw(`/api/v1/device-assurances/${made.id}`))).body;
    expect([read.name, read.createdBy, read.createdDate]).toEqual(['Android 2', made.createdBy, made.createdDate]);
  });
});

describe('CAPTCHA instances (live okta-sdk-python recording test_captcha_it)', () => {
  it('an org holds at most one: a second create is 403 E0000166 until the first is deleted; created ones have cap ids', async () => {
    const o = await org('captcha-limit');
    const body = (name: string) => ({ name, type: 'HCAPTCHA', siteKey: '10000000-ffff-ffff-ffff-000000000001', secretKey: '0x0000000000000000000000000000000000000000' });
    const first = await json(await o.raw('/api/v1/captchas', send('POST', body('one'))));
    expect(first.status).toBe(201);
    expect(first.body.id).toMatch(/^cap/);
    expect(first.body).not.toHaveProperty('secretKey');
    const second = await json(await o.raw('/api/v1/captchas', send('POST', body('two'))));
    expect(second.status).toBe(403);
    expect(second.body).toMatchObject({ errorCode: 'E0000166', errorCauses: [{ reason: 'EXCEEDS_MAX_VALUE' }] });
    expect((await json(await o.raw('/api/v1/captchas'))).body.map((c: { name: string }) => c.name)).toEqual(['one']);
    expect((await o.raw(`/api/v1/captchas/${first.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await o.raw('/api/v1/captchas', send('POST', body('three')))).status).toBe(201);
  });
});

describe('devices (live okta-sdk-python test_device_it and Terraform TestAccDataSourceOktaDevice_read recordings)', () => {
  it('a read names the Okta Verify authenticator the device came from; lists do not; a deactivated device offers only activate and GET/DELETE', async () => {
    const o = await org('device-links');
    const list = (await json(await o.raw('/api/v1/devices'))).body as Array<Record<string, any>>;
    expect(list.every((d) => d._embedded === undefined)).toBe(true);
    const iphone = list.find((d) => d.profile.platform === 'IOS')!;
    expect(typeof iphone.profile.authenticatorAppKey).toBe('string');
    expect(iphone.profile).not.toHaveProperty('diskEncryptionType');
    const verify = ((await json(await o.raw('/api/v1/authenticators'))).body as Array<{ id: string; key: string }>).find((a) => a.key === 'okta_verify')!;
    const one = (await json(await o.raw(`/api/v1/devices/${iphone.id}`))).body;
    expect(one._embedded).toEqual({ originatedFrom: [{ id: verify.id, name: 'Okta Verify', key: 'okta_verify' }] });
    expect(Object.keys(one._links).sort()).toEqual(['deactivate', 'self', 'suspend', 'users']);
    expect((await o.raw(`/api/v1/devices/${iphone.id}/lifecycle/deactivate`, send('POST', {}))).status).toBe(204);
    const off = (await json(await o.raw(`/api/v1/devices/${iphone.id}`))).body;
    expect(off.status).toBe('DEACTIVATED');
    expect(off._links).toEqual({ activate: expect.objectContaining({ hints: { allow: ['POST'] } }), self: { href: expect.stringMatching(/\/api\/v1\/devices\//), hints: { allow: ['GET', 'DELETE'] } } });
  });
});

describe('features (live python 2020 and Terraform 2026 recordings of /api/v1/features)', () => {
  it('a feature links itself without hints, its help pages where it has them, and offers the one switch its status allows', async () => {
    const o = await org('feature-links');
    const list = (await json(await o.raw('/api/v1/features'))).body as Array<Record<string, any>>;
    expect(list.length).toBeGreaterThan(1);
    for (const f of list) {
      expect(f._links.self).toEqual({ href: expect.stringMatching(new RegExp(`/api/v1/features/${f.id}$`)) });
      expect(Object.keys(f._links)).toContain(f.status === 'ENABLED' ? 'disable' : 'enable');
      expect(f.stage.value).toBe('EA');
    }
    expect(list.some((f) => typeof f._links.helpDoc?.href === 'string')).toBe(true);
    const off = list.find((f) => f.name === 'Okta FastPass' && f.status === 'DISABLED')!;
    const on = (await json(await o.raw(`/api/v1/features/${off.id}/enable`, send('POST', {})))).body;
    expect([on.status, Object.keys(on._links).includes('disable'), Object.keys(on._links).includes('enable')]).toEqual(['ENABLED', true, false]);
  });
});

describe("Okta's default sign-in page (Terraform TestAccDataSourceOktaDefaultSigninPage_read, python test_custom_pages_it)", () => {
  it("carries Okta's labels on the G2 widget rather than nulls; an unset customized page still reads as nulls", async () => {
    const o = await org('default-page');
    const brand = ((await json(await o.raw('/api/v1/brands'))).body as Array<{ id: string }>)[0];
    const page = (await json(await o.raw(`/api/v1/brands/${brand.id}/pages/sign-in/default`))).body;
    expect(page.widgetVersion).toBe('^7');
    expect(page.widgetCustomizations).toMatchObject({ signInLabel: 'Sign In', usernameLabel: 'Username', passwordLabel: 'Password', helpLabel: 'Help', customLink1Label: '', showUserIdentifier: true, widgetGeneration: 'G2' });
    expect(typeof page.widgetCustomizations.postAuthKeepMeSignedInPrompt.title).toBe('string');
    const unset = (await json(await o.raw(`/api/v1/brands/${brand.id}/pages/sign-in/customized`))).body;
    expect([unset.pageContent, unset.widgetCustomizations.signInLabel]).toEqual([null, null]);
  });
});
