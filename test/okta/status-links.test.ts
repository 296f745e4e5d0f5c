/** Status resources (zones, trusted origins, inline hooks, authenticators) carry Okta's hinted lifecycle `_links`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('status resource links', () => {
  it('network zone links match the recorded Okta response: hinted self, deactivate/activate by status, no createdBy', async () => {
    const o = await org(server, 'zone-links');
    const zone = await o.client.networkZoneApi.createNetworkZone({ zone: { type: 'IP', name: 'Office', gateways: [{ type: 'CIDR', value: '10.0.0.0/24' }] } as any });
    const raw = await (await o.raw(`/api/v1/zones/${zone.id}`)).json();
    const self = `${o.creds.orgUrl}/api/v1/zones/${zone.id}`;
    expect(raw._links).toEqual({ self: { href: self, hints: { allow: ['GET', 'PUT', 'DELETE'] } }, deactivate: { href: `${self}/lifecycle/deactivate`, hints: { allow: ['POST'] } } });
    expect(raw).not.toHaveProperty('createdBy');
    expect(raw).not.toHaveProperty('lastUpdatedBy');
    const off = await (await o.raw(`/api/v1/zones/${zone.id}/lifecycle/deactivate`, json({}))).json();
    expect(Object.keys(off._links)).toEqual(['activate', 'self']);
  });

  it('trusted origins keep createdBy/lastUpdatedBy like the recorded Okta response', async () => {
    const o = await org(server, 'origin-links');
    const res = await o.raw('/api/v1/trustedOrigins', json({ name: 'App', origin: 'https://app.example.com', scopes: [{ type: 'CORS' }] }));
    const body = await res.json();
    expect(body.createdBy).toBe(o.creds.adminUserId);
    expect(body._links.self.hints).toEqual({ allow: ['GET', 'PUT', 'DELETE'] });
    expect(body._links.deactivate.hints).toEqual({ allow: ['POST'] });
  });

  it('seeded authenticators carry settings and methods links as in the recorded Okta response', async () => {
    const o = await org(server, 'authn-links');
    const list = await (await o.raw('/api/v1/authenticators')).json();
    const byKey = Object.fromEntries(list.map((a: any) => [a.key, a]));
    expect(byKey.okta_email.settings).toEqual({ allowedFor: 'any', tokenLifetimeInMinutes: 5 });
    expect(byKey.okta_password).not.toHaveProperty('settings');
    expect(Object.keys(byKey.okta_password._links)).toEqual(['self', 'methods']);
    expect(Object.keys(byKey.okta_verify._links)).toEqual(['self', 'deactivate', 'methods', 'enroll']);
    expect(Object.keys(byKey.phone_number._links)).toEqual(['self', 'activate', 'methods']);
    expect(byKey.okta_email._links.self.hints).toEqual({ allow: ['GET', 'PUT'] });
  });
});
