/** App sign-in policy assignment (Application Policies API) and the policy's apps and mappings (Policy API). */
import { describe, expect, it } from 'vitest';
import { bookmarkApp as bookmark, jsonOf as json, sendJson as send, sswsOrg as org, useOkta } from './helpers.js';

const server = useOkta();

describe('app sign-in policy assignment', () => {
  it('moves an app to the assigned policy, which lists it as its app and mapping; the default policy no longer does', async () => {
    const o = await org(server(), 'assign');
    const app = (await json(await o.raw('/api/v1/apps', send('POST', bookmark('policy app'))))).body;
    const policy = (await json(await o.raw('/api/v1/policies', send('POST', { type: 'ACCESS_POLICY', name: 'shared', status: 'ACTIVE' })))).body;
    const before = (await json(await o.raw(`/api/v1/policies/${policy.id}/mappings`))).body;
    expect(before).toEqual([]);
    const defaultId = app._links.accessPolicy.href.split('/').pop();
    expect((await json(await o.raw(`/api/v1/policies/${defaultId}/app`))).body.map((a: any) => a.id)).toContain(app.id);

    expect((await o.raw(`/api/v1/apps/${app.id}/policies/${policy.id}`, { method: 'PUT' })).status).toBe(204);
    const read = (await json(await o.raw(`/api/v1/apps/${app.id}`))).body;
    expect(read._links.accessPolicy.href).toMatch(new RegExp(`/api/v1/policies/${policy.id}$`));
    expect((await json(await o.raw(`/api/v1/policies/${policy.id}/app`))).body.map((a: any) => [a.id, a.label])).toEqual([[app.id, 'policy app']]);
    expect((await json(await o.raw(`/api/v1/policies/${defaultId}/app`))).body.map((a: any) => a.id)).not.toContain(app.id);
    const mappings = (await json(await o.raw(`/api/v1/policies/${policy.id}/mappings`))).body;
    expect(mappings).toEqual([{
      id: app.id,
      _links: {
        application: { href: expect.stringMatching(new RegExp(`/api/v1/apps/${app.id}$`)) },
        self: { href: expect.stringMatching(new RegExp(`/api/v1/policies/${policy.id}/mappings/${app.id}$`)) },
        policy: { href: expect.stringMatching(new RegExp(`/api/v1/policies/${policy.id}$`)) },
      },
    }]);
    expect((await json(await o.raw(`/api/v1/policies/${policy.id}/mappings/${app.id}`))).body).toEqual(mappings[0]);
    expect((await o.raw(`/api/v1/policies/${policy.id}/mappings/0oanotmapped`)).status).toBe(404);
  });

  it("refuses a built-in app's own policy and unknown apps or policies (okta-sdk-python cassette test_assign_application_policy)", async () => {
    const o = await org(server(), 'assign-refused');
    const app = (await json(await o.raw('/api/v1/apps', send('POST', bookmark('x'))))).body;
    const admin = (await json(await o.raw('/api/v1/policies?type=ACCESS_POLICY'))).body.find((p: any) => p.name === 'Okta Admin Console');
    const refused = await json(await o.raw(`/api/v1/apps/${app.id}/policies/${admin.id}`, { method: 'PUT' }));
    expect([refused.status, refused.body.errorCode, refused.body.errorSummary, refused.body.errorCauses]).toEqual([
      400, 'E0000001', 'Api validation failed: Policy', [{ errorSummary: 'This policy belongs to "Okta Admin Console", and re-assignment of this policy is not allowed' }],
    ]);
    expect((await json(await o.raw(`/api/v1/apps/${app.id}`))).body._links.accessPolicy.href).not.toMatch(new RegExp(`${admin.id}$`));
    expect((await json(await o.raw(`/api/v1/apps/${app.id}/policies/rstnope`, { method: 'PUT' }))).body.errorCode).toBe('E0000007');
    expect((await json(await o.raw(`/api/v1/apps/0oanope/policies/${admin.id}`, { method: 'PUT' }))).status).toBe(404);
    expect((await json(await o.raw('/api/v1/policies/rstnope/app'))).status).toBe(404);
  });

  it('mapping a resource through the policy is refused (terraform-provider-okta issue #1055; okta-sdk-python cassette test_policy_resource_mapping_operations)', async () => {
    const o = await org(server(), 'map-refused');
    const app = (await json(await o.raw('/api/v1/apps', send('POST', bookmark('m'))))).body;
    const policy = (await json(await o.raw('/api/v1/policies', send('POST', { type: 'ACCESS_POLICY', name: 'p' })))).body;
    const r = await json(await o.raw(`/api/v1/policies/${policy.id}/mappings`, send('POST', { resourceId: app.id, resourceType: 'ACCESS_POLICY' })));
    expect([r.status, r.body.errorCode, r.body.errorSummary, r.body.errorCauses]).toEqual([400, 'E0000001', 'Api validation failed: Policy mappings are no longer supported on this endpoint.', []]);
    expect((await json(await o.raw(`/api/v1/policies/${policy.id}/mappings`))).body).toEqual([]);
  });

  it('a policy simulation takes one object: an array body cannot be read (okta-sdk-python cassette test_create_policy_simulation)', async () => {
    const o = await org(server(), 'simulate');
    const r = await json(await o.raw('/api/v1/policies/simulate', send('POST', [{ appInstance: '0oa1', policyContext: { user: { id: '00u1' } }, policyTypes: ['OKTA_SIGN_ON'] }])));
    expect([r.status, r.body.errorCode, r.body.errorSummary]).toEqual([400, 'E0000003', 'The request body was not well-formed.']);
  });
});
