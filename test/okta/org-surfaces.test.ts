/** Identity source imports on the twin clock, custom domain verification against published DNS, provisioning connections, SMS templates, agent updates and telephony providers, at the wire level. */
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

describe('identity sources', () => {
  it('an import session moves CREATED → TRIGGERED → IN_PROGRESS → COMPLETED on the clock and its people become users', async () => {
    const o = await org(server, 'idsrc');
    const src = await o.control('POST', 'okta/identity-sources', { name: 'HR' });
    const base = `/api/v1/identity-sources/${src.id}`;
    const s = (await json(await o.raw(`${base}/sessions`, send('POST', {})))).body;
    expect(s.status).toBe('CREATED');
    expect((await json(await o.raw(`${base}/sessions`, send('POST', {})))).body.errorCode).toBe('E0000001');
    const profile = { userName: 'ivy.import@example.com', email: 'ivy.import@example.com', firstName: 'Ivy', lastName: 'Import' };
    expect((await o.raw(`${base}/sessions/${s.id}/bulk-upsert`, send('POST', { entityType: 'USERS', profiles: [{ externalId: 'e1', profile }] }))).status).toBe(202);
    const tooMany = Array.from({ length: 201 }, (_, i) => ({ externalId: `x${i}`, profile }));
    expect((await o.raw(`${base}/sessions/${s.id}/bulk-upsert`, send('POST', { entityType: 'USERS', profiles: tooMany }))).status).toBe(400);
    expect((await json(await o.raw(`${base}/sessions/${s.id}/start-import`, send('POST', {})))).body.status).toBe('TRIGGERED');
    expect((await o.raw('/api/v1/users/ivy.import@example.com')).status).toBe(404);
    await o.control('POST', 'clock', { advanceMs: 1_000 });
    expect((await json(await o.raw(`${base}/sessions/${s.id}`))).body.status).toBe('IN_PROGRESS');
    await o.control('POST', 'clock', { advanceMs: 4_000 });
    expect((await json(await o.raw(`${base}/sessions/${s.id}`))).body.status).toBe('COMPLETED');
    const user = (await json(await o.raw('/api/v1/users/ivy.import@example.com'))).body;
    expect(user.status).toBe('ACTIVE');
    expect((await json(await o.raw(`${base}/users/e1`))).body.id).toBe(user.id);
  });

  it('an unstarted session expires after a day', async () => {
    const o = await org(server, 'idsrc-exp');
    const src = await o.control('POST', 'okta/identity-sources', {});
    const s = (await json(await o.raw(`/api/v1/identity-sources/${src.id}/sessions`, send('POST', {})))).body;
    await o.control('POST', 'clock', { advanceMs: 24 * 3600_000 });
    expect((await json(await o.raw(`/api/v1/identity-sources/${src.id}/sessions/${s.id}`))).body.status).toBe('EXPIRED');
    // An expired session no longer blocks a new one.
    expect((await o.raw(`/api/v1/identity-sources/${src.id}/sessions`, send('POST', {}))).status).toBe(200);
  });
});

describe('custom domains', () => {
  it('verify only once the TXT and CNAME records hold the values the domain showed', async () => {
    const o = await org(server, 'domains-dns');
    const d = (await json(await o.raw('/api/v1/domains', send('POST', { domain: 'id.dns-example.com', certificateSourceType: 'MANUAL' })))).body;
    const txt = d.dnsRecords.find((r: any) => r.recordType === 'TXT');
    await o.control('PUT', 'okta/dns', { type: 'TXT', fqdn: txt.fqdn, values: ['wrong'] });
    expect((await json(await o.raw(`/api/v1/domains/${d.id}/verify`, send('POST', {})))).body.validationStatus).toBe('FAILED_TO_VERIFY');
    await o.control('PUT', 'okta/dns', { type: 'TXT', fqdn: txt.fqdn, values: txt.values });
    const cname = d.dnsRecords.find((r: any) => r.recordType === 'CNAME');
    await o.control('PUT', 'okta/dns', { type: 'CNAME', fqdn: cname.fqdn, values: cname.values });
    expect((await json(await o.raw(`/api/v1/domains/${d.id}/verify`, send('POST', {})))).body.validationStatus).toBe('VERIFIED');
  });
});

describe('app connections and templates', () => {
  it('an Org2Org app starts with a disabled token connection; a token that cannot be verified is refused', async () => {
    const o = await org(server, 'prov');
    const app = (await json(await o.raw('/api/v1/apps', send('POST', { name: 'okta_org2org', label: 'Partner', signOnMode: 'SAML_2_0', settings: { app: { baseUrl: 'https://partner.example.com' } } })))).body;
    const conn = (await json(await o.raw(`/api/v1/apps/${app.id}/connections/default`))).body;
    expect([conn.authScheme, conn.status, Object.keys(conn._links)]).toEqual(['TOKEN', 'DISABLED', ['self', 'activate']]);
    const refused = (await json(await o.raw(`/api/v1/apps/${app.id}/connections/default`, send('POST', { profile: { authScheme: 'TOKEN', token: 't' } })))).body;
    expect(refused.errorCauses[0].errorSummary).toBe('Verification failed: Invalid URL. Not authorized.');
  });

  it('SMS templates take any type, filter by it, and a second delete succeeds', async () => {
    const o = await org(server, 'sms');
    const t = (await json(await o.raw('/api/v1/templates/sms', send('POST', { name: 'n', type: 'custom_type', template: 'Code ${code}' })))).body;
    expect((await json(await o.raw('/api/v1/templates/sms?templateType=custom_type'))).body.map((x: any) => x.id)).toEqual([t.id]);
    expect((await json(await o.raw('/api/v1/templates/sms?templateType=SMS_VERIFY_CODE'))).body).toEqual([]);
    expect((await o.raw(`/api/v1/templates/sms/${t.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await o.raw(`/api/v1/templates/sms/${t.id}`, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('agent updates and telephony', () => {
  it('an agent update completes a minute after activation, not counting a pause', async () => {
    const o = await org(server, 'agents');
    const pool = await o.control('POST', 'okta/agent-pools', { type: 'LDAP', agents: [{ name: 'ldap1', version: '3.14.0' }] });
    const u = (await json(await o.raw(`/api/v1/agentPools/${pool.id}/updates`, send('POST', { name: 'up', agentType: 'LDAP', agents: [{ id: pool.agents[0] }], targetVersion: '3.20.0' })))).body;
    await o.raw(`/api/v1/agentPools/${pool.id}/updates/${u.id}/activate`, send('POST', {}));
    await o.control('POST', 'clock', { advanceMs: 30_000 });
    await o.raw(`/api/v1/agentPools/${pool.id}/updates/${u.id}/pause`, send('POST', {}));
    await o.control('POST', 'clock', { advanceMs: 600_000 });
    await o.raw(`/api/v1/agentPools/${pool.id}/updates/${u.id}/resume`, send('POST', {}));
    await o.control('POST', 'clock', { advanceMs: 29_000 });
    expect((await json(await o.raw(`/api/v1/agentPools/${pool.id}/updates/${u.id}`))).body.status).toBe('InProgress');
    await o.control('POST', 'clock', { advanceMs: 1_000 });
    const done = (await json(await o.raw(`/api/v1/agentPools/${pool.id}/updates/${u.id}`))).body;
    expect([done.status, done.agents[0].version]).toEqual(['Success', '3.20.0']);
  });

  it('a telephony provider never answers its auth token', async () => {
    const o = await org(server, 'tel');
    const res = await json(await o.raw('/api/v1/telephony-providers', send('POST', { providerName: 'TWILIO', providerSid: 'AC1', providerAuthToken: 'secret-token' })));
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain('secret-token');
    expect(JSON.stringify((await json(await o.raw('/api/v1/telephony-providers'))).body)).not.toContain('secret-token');
  });
});
