/** API service integrations (API Service Integrations API): instances with granted Okta API scopes and their client secrets. */
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

const PATH = '/integrations/api/v1/api-services';

describe('API service integrations', () => {
  it('an instance is made with one secret answered once; secrets rotate two at a time; deleting the instance removes it', async () => {
    const o = await org(server, 'api-services');
    const created = await json(await o.raw(PATH, send('POST', { type: 'my_integration', grantedScopes: ['okta.users.read', 'okta.apps.read'] })));
    expect(created.status).toBe(201);
    const inst = created.body;
    expect(inst).toMatchObject({ type: 'my_integration', grantedScopes: ['okta.users.read', 'okta.apps.read'], clientSecret: expect.any(String), createdAt: expect.any(String) });
    expect(inst._links.client.href).toMatch(new RegExp(`/oauth2/v1/clients/${inst.id}$`));
    const read = (await json(await o.raw(`${PATH}/${inst.id}`))).body;
    expect(read.clientSecret).toBeUndefined();
    expect((await json(await o.raw(PATH))).body.map((x: any) => x.id)).toEqual([inst.id]);

    const base = `${PATH}/${inst.id}/credentials/secrets`;
    const first = (await json(await o.raw(base))).body;
    expect(first.map((s: any) => [s.status, s.client_secret])).toEqual([['ACTIVE', inst.clientSecret]]);
    const second = await json(await o.raw(base, { method: 'POST' }));
    expect([second.status, second.body.status, Object.keys(second.body._links)]).toEqual([201, 'ACTIVE', ['deactivate']]);
    expect((await json(await o.raw(base, { method: 'POST' }))).status).toBe(400);
    const off = await json(await o.raw(`${base}/${second.body.id}/lifecycle/deactivate`, { method: 'POST' }));
    expect([off.status, off.body.status, Object.keys(off.body._links)]).toEqual([200, 'INACTIVE', ['activate', 'delete']]);
    const onlyActive = await json(await o.raw(`${base}/${first[0].id}/lifecycle/deactivate`, { method: 'POST' }));
    expect([onlyActive.status, onlyActive.body.errorCode]).toEqual([400, 'E0000001']);
    expect((await json(await o.raw(`${base}/${first[0].id}`, { method: 'DELETE' }))).status).toBe(400);
    expect((await o.raw(`${base}/${second.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await json(await o.raw(base))).body.map((s: any) => s.id)).toEqual([first[0].id]);

    expect((await o.raw(`${PATH}/${inst.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await json(await o.raw(`${PATH}/${inst.id}`));
    expect([gone.status, gone.body.errorSummary]).toEqual([404, `Not found: Resource not found: ${inst.id} (APIServiceIntegration)`]);
    expect((await json(await o.raw(base))).status).toBe(404);
  });

  it('grants only Okta API scopes', async () => {
    const o = await org(server, 'api-services-scopes');
    const r = await json(await o.raw(PATH, send('POST', { type: 'x', grantedScopes: ['openid'] })));
    expect([r.status, r.body.errorCode]).toEqual([400, 'E0000001']);
  });
});
