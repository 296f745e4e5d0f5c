/** Custom Domains API: each domain tied to a brand (its own when none is named), DNS records, verification, certificates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { jsonOf, sendJson, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

const send = sendJson;
const json = jsonOf;

describe('custom domains', () => {
  it('a domain created without a brandId gets a brand of its own (okta/terraform-provider-okta#1685), listed under that brand', async () => {
    const o = await org(server, 'domains');
    const brandsBefore = (await json(await o.raw('/api/v1/brands'))).body.length;
    const d = await json(await o.raw('/api/v1/domains', send('POST', { domain: 'Login.Example.com', certificateSourceType: 'MANUAL' })));
    // 201 as Okta answers it (recorded 2021 and 2025), though its API reference documents 200.
    expect(d.status).toBe(201);
    expect(d.body.domain).toBe('login.example.com');
    expect(d.body.validationStatus).toBe('NOT_STARTED');
    expect(d.body.dnsRecords.map((r: any) => [r.recordType, r.fqdn])).toEqual([['TXT', '_oktaverification.login.example.com'], ['CNAME', 'login.example.com']]);
    const brands = (await json(await o.raw('/api/v1/brands'))).body;
    expect(brands.length).toBe(brandsBefore + 1);
    expect(brands.find((b: any) => b.id === d.body.brandId).isDefault).toBe(false);
    expect((await json(await o.raw(`/api/v1/brands/${d.body.brandId}/domains`))).body.domains.map((x: any) => x.id)).toEqual([d.body.id]);
    // The org's own Okta domain is listed too, as `default` (recorded Okta lists show it after the custom ones).
    expect((await json(await o.raw('/api/v1/domains'))).body.domains.map((x: any) => x.id)).toEqual([d.body.id, 'default']);
    // The email domain the brand's mail comes from can now name that brand.
    const ed = await o.raw('/api/v1/email-domains', send('POST', { brandId: d.body.brandId, domain: d.body.domain, displayName: 'Mail', userName: 'noreply' }));
    expect(ed.status).toBeLessThan(300);
    expect((await o.raw('/api/v1/domains', send('POST', { domain: 'login.example.com', certificateSourceType: 'MANUAL' }))).status).toBe(400);
    expect((await o.raw('/api/v1/domains', send('POST', { domain: 'not a domain', certificateSourceType: 'MANUAL' }))).status).toBe(400);
    expect((await o.raw('/api/v1/domains', send('POST', { domain: 'x.example.com', certificateSourceType: 'MANUAL', brandId: 'bndNope' }))).status).toBe(404);
  });

  it('naming a brand uses it; replace moves the domain; unverifiable DNS ends FAILED_TO_VERIFY and a certificate before verification is 403', async () => {
    const o = await org(server, 'domains-2');
    const def = (await json(await o.raw('/api/v1/brands'))).body[0];
    const d = (await json(await o.raw('/api/v1/domains', send('POST', { domain: 'id.example.org', certificateSourceType: 'OKTA_MANAGED', brandId: def.id })))).body;
    expect(d.brandId).toBe(def.id);
    const other = (await json(await o.raw('/api/v1/brands', send('POST', { name: 'Other' })))).body;
    expect((await json(await o.raw(`/api/v1/domains/${d.id}`, send('PUT', { brandId: other.id })))).body.brandId).toBe(other.id);
    const cert = await json(await o.raw(`/api/v1/domains/${d.id}/certificate`, send('PUT', { certificate: 'cert', privateKey: 'pk', certificateChain: 'chain', type: 'PEM' })));
    expect([cert.status, cert.body.errorCode]).toEqual([403, 'E0000006']);
    expect((await json(await o.raw(`/api/v1/domains/${d.id}/verify`, { method: 'POST' }))).body.validationStatus).toBe('FAILED_TO_VERIFY');
    expect((await json(await o.raw(`/api/v1/domains/${d.id}`))).body.validationStatus).toBe('FAILED_TO_VERIFY');
    expect((await o.raw(`/api/v1/domains/${d.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await o.raw(`/api/v1/domains/${d.id}`)).status).toBe(404);
  });
});
