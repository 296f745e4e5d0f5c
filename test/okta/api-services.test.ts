/** API service integration instances and their client secrets (API Service Integrations API reference). */
import { describe, expect, it } from 'vitest';
import { jsonOf as json, sendJson as send, sswsOrg, useOkta } from './helpers.js';

const server = useOkta();
const BASE = '/integrations/api/v1/api-services';

describe('API service integrations', () => {
  it('an instance is created with its first secret, whose value only the creating answer shows, and links its client', async () => {
    const o = await sswsOrg(server(), 'api-services');
    const made = await json(await o.raw(BASE, send('POST', { type: 'my_log_integration', grantedScopes: ['okta.logs.read'] })));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ type: 'my_log_integration', name: 'my_log_integration', grantedScopes: ['okta.logs.read'] });
    expect(typeof made.body.clientSecret).toBe('string');
    expect(made.body._links.client.href).toMatch(new RegExp(`/oauth2/v1/clients/${made.body.id}$`));
    const read = (await json(await o.raw(`${BASE}/${made.body.id}`))).body;
    expect(read).not.toHaveProperty('clientSecret');
    expect(read.createdBy).toBe(made.body.createdBy);
    const secrets = (await json(await o.raw(`${BASE}/${made.body.id}/credentials/secrets`))).body;
    expect(secrets).toHaveLength(1);
    expect(secrets[0].status).toBe('ACTIVE');
    expect(secrets[0].client_secret).not.toBe(made.body.clientSecret);
    expect(Object.keys(secrets[0]._links)).toEqual(['deactivate']);
    expect((await json(await o.raw(BASE, send('POST', { type: 'x', grantedScopes: [] })))).status).toBe(400);
  });

  it('secrets rotate add-then-retire: at most two, the last active one stays on, only an inactive one is deleted', async () => {
    const o = await sswsOrg(server(), 'api-service-secrets');
    const svc = (await json(await o.raw(BASE, send('POST', { type: 'rotating', grantedScopes: ['okta.users.read'] })))).body;
    const path = `${BASE}/${svc.id}/credentials/secrets`;
    const first = (await json(await o.raw(path))).body[0];
    expect((await json(await o.raw(`${path}/${first.id}/lifecycle/deactivate`, send('POST', {})))).status).toBe(400);
    const second = await json(await o.raw(path, send('POST', {})));
    expect(second.status).toBe(201);
    expect(second.body.client_secret).toMatch(/^[^*]+$/);
    expect((await json(await o.raw(path, send('POST', {})))).status).toBe(400);
    expect((await o.raw(`${path}/${first.id}`, { method: 'DELETE' })).status).toBe(400);
    const off = (await json(await o.raw(`${path}/${first.id}/lifecycle/deactivate`, send('POST', {})))).body;
    expect([off.status, Object.keys(off._links)]).toEqual(['INACTIVE', ['activate', 'delete']]);
    expect((await o.raw(`${path}/${first.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await json(await o.raw(path))).body.map((s: { id: string }) => s.id)).toEqual([second.body.id]);
    expect((await o.raw(`${BASE}/${svc.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await json(await o.raw(path))).body.errorCode).toBe('E0000007');
  });
});
