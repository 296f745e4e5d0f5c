/** Cross-app access connections (Application Cross App Access Connections API, OrgCrossAppAccessConnection). */
import { describe, expect, it } from 'vitest';
import { bookmarkApp as bookmark, jsonOf as json, sendJson as send, sswsOrg as org, useOkta } from './helpers.js';

const server = useOkta();

describe('cross-app access connections', () => {
  it('connect a requesting app to a resource app: created ACTIVE, read, listed, switched off, deleted', async () => {
    const o = await org(server(), 'cwo');
    const requesting = (await json(await o.raw('/api/v1/apps', send('POST', bookmark('requesting'))))).body;
    const resource = (await json(await o.raw('/api/v1/apps', send('POST', bookmark('resource'))))).body;
    const base = `/api/v1/apps/${requesting.id}/cwo/connections`;
    const created = await json(await o.raw(base, send('POST', { resourceAppInstanceId: resource.id })));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String), requestingAppInstanceId: requesting.id, resourceAppInstanceId: resource.id, status: 'ACTIVE',
      created: expect.any(String), lastUpdated: expect.any(String),
    });
    expect((await json(await o.raw(`${base}/${created.body.id}`))).body).toEqual(created.body);
    expect((await json(await o.raw(base))).body).toEqual([created.body]);
    const off = await json(await o.raw(`${base}/${created.body.id}`, send('PATCH', { status: 'INACTIVE' })));
    expect([off.status, off.body.status, off.body.resourceAppInstanceId]).toEqual([200, 'INACTIVE', resource.id]);
    expect((await o.raw(`${base}/${created.body.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await json(await o.raw(`${base}/${created.body.id}`));
    expect([gone.status, gone.body.errorCode]).toEqual([404, 'E0000007']);
    expect((await json(await o.raw(base))).body).toEqual([]);
  });

  it('refuses a missing or unknown resource app and an unknown requesting app', async () => {
    const o = await org(server(), 'cwo-refused');
    const app = (await json(await o.raw('/api/v1/apps', send('POST', bookmark('a'))))).body;
    const blank = await json(await o.raw(`/api/v1/apps/${app.id}/cwo/connections`, send('POST', {})));
    expect([blank.status, blank.body.errorCode]).toEqual([400, 'E0000001']);
    expect((await json(await o.raw(`/api/v1/apps/${app.id}/cwo/connections`, send('POST', { resourceAppInstanceId: '0oanope' })))).status).toBe(404);
    expect((await json(await o.raw('/api/v1/apps/0oanope/cwo/connections'))).status).toBe(404);
  });
});
