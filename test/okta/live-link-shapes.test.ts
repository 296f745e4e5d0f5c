/** Link shapes the live Okta answers show and the reference documents: the org's logo link, authenticator methods' lifecycle links. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { jsonOf as json, sendJson as send, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

describe('org settings links', () => {
  it('GET and POST /api/v1/org carry one logo object, not an app-style array (Org API reference, "Get Org Settings" example)', async () => {
    const o = await org(server, 'org-logo');
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
    const o = await org(server, 'method-links');
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
