/** Users, groups and UI schemas behaving as Okta's API reference, its SDK and the live recordings show: admin password history, idempotent UI schema deletes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { newUser, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

const json = { 'content-type': 'application/json' };

describe('admin password updates', () => {
  // replaceUser/updateUser `strict`: "If true, validates against minimum age and history password policy"
  // (@okta/okta-sdk-nodejs UserApi); without it Okta takes the current password again (okta-sdk-python
  // test_replace_user, 2025: PUT with the create password answers 200 and moves passwordChanged).
  it('checks password history only with strict=true', async () => {
    const o = await org(server, 'strict-history');
    const body = newUser('replace@example.com');
    const u = await o.client.userApi.createUser({ body, activate: false });
    const put = (q: string) => o.raw(`/api/v1/users/${u.id}${q}`, { method: 'PUT', headers: json, body: JSON.stringify({ ...body, profile: { ...body.profile, nickName: 'R' } }) });

    const relaxed = await put('');
    expect(relaxed.status).toBe(200);
    expect((await relaxed.json()).profile.nickName).toBe('R');

    const strict = await put('?strict=true');
    expect(strict.status).toBe(400);
    const err = await strict.json();
    expect(err.errorCode).toBe('E0000001');
    expect(err.errorCauses[0].errorSummary).toMatch(/cannot be any of your last 4 passwords/);
  });
});

describe('UI schemas', () => {
  it('answer 204 to a DELETE whether or not the schema exists, and name it UISchemaEntity when missing', async () => {
    const o = await org(server, 'uischemas');
    const created = await (
      await o.raw('/api/v1/meta/uischemas', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ uiSchema: { type: 'Group', label: 'Sign in', buttonLabel: 'Submit', elements: [{ type: 'Control', scope: '#/properties/firstName', label: 'First name' }] } }),
      })
    ).json();
    expect(created.id).toMatch(/^uis/);
    expect((await o.raw(`/api/v1/meta/uischemas/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await o.raw(`/api/v1/meta/uischemas/${created.id}`);
    expect(gone.status).toBe(404);
    expect((await gone.json()).errorSummary).toBe(`Not found: Resource not found: ${created.id} (UISchemaEntity)`);
    expect((await o.raw(`/api/v1/meta/uischemas/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await o.raw('/api/v1/meta/uischemas/non-existent-id', { method: 'DELETE' })).status).toBe(204);
  });
});
