/** Users and UI schemas behaving as Okta's API reference, its SDK and the live recordings show: admin password history, idempotent UI schema deletes, user consent grants. */
import { describe, expect, it } from 'vitest';
import { newUser, sswsOrg as org, useOkta } from './helpers.js';
import { assignEveryone, createOidcApp, createUser, headlessAuthorize, pkce } from './oauth-helpers.js';

const server = useOkta();

const json = { 'content-type': 'application/json' };

describe('admin password updates', () => {
  // replaceUser/updateUser `strict`: "If true, validates against minimum age and history password policy"
  // (@okta/okta-sdk-nodejs UserApi); without it Okta takes the current password again (okta-sdk-python
  // test_replace_user, 2025: PUT with the create password answers 200 and moves passwordChanged).
  it('checks password history only with strict=true', async () => {
    const o = await org(server(), 'strict-history');
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
    const o = await org(server(), 'uischemas');
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

describe('user consent grants (Okta API reference, User Grants)', () => {
  it('keeps the consent given at /authorize as grants an admin lists, reads and revokes', async () => {
    const o = await org(server(), 'user-grants');
    const app = await createOidcApp(o, { grants: ['authorization_code'] });
    await assignEveryone(o, app.id);
    const user = await createUser(o, 'consenter@example.com');
    const servers = (await (await o.raw('/api/v1/authorizationServers')).json()) as Array<{ id: string; name: string }>;
    const as = servers.find((s) => s.name === 'default')!;
    const scope = await (
      await o.raw(`/api/v1/authorizationServers/${as.id}/scopes`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'photos.read', consent: 'REQUIRED' }) })
    ).json();
    expect(scope.consent).toBe('REQUIRED');

    // Nothing consented yet: an empty list, as the recordings show for a new user.
    expect(await (await o.raw(`/api/v1/users/${user.id}/grants`)).json()).toEqual([]);
    const issuer = `${o.base}/oauth2/default`;
    const { challenge } = pkce();
    const auth = await headlessAuthorize(issuer, { client_id: app.clientId, redirect_uri: 'http://localhost:8080/callback', scope: 'openid photos.read', code_challenge: challenge, code_challenge_method: 'S256', state: 's' }, user.login);
    expect(auth.params.get('code')).toBeTruthy();

    const grants = await (await o.raw(`/api/v1/users/${user.id}/grants?expand=scope`)).json();
    expect(grants).toHaveLength(1); // openid is IMPLICIT: only the REQUIRED scope becomes a grant
    expect(grants[0]).toMatchObject({ status: 'ACTIVE', issuer, clientId: app.clientId, userId: user.id, scopeId: scope.id, source: 'END_USER', createdBy: { id: user.id, type: 'User' } });
    expect(grants[0].id).toMatch(/^oag/);
    expect(grants[0]._embedded.scope).toMatchObject({ id: scope.id, name: 'photos.read' });
    expect(grants[0]._links.self.href).toBe(`${o.base}/api/v1/users/${user.id}/grants/${grants[0].id}`);

    // The same consent again does not duplicate the grant.
    await headlessAuthorize(issuer, { client_id: app.clientId, redirect_uri: 'http://localhost:8080/callback', scope: 'photos.read', code_challenge: challenge, code_challenge_method: 'S256', state: 's' }, user.login);
    expect(await (await o.raw(`/api/v1/users/${user.id}/clients/${app.clientId}/grants`)).json()).toHaveLength(1);
    expect((await o.raw(`/api/v1/users/${user.id}/grants/${grants[0].id}`)).status).toBe(200);
    const clients = await (await o.raw(`/api/v1/users/${user.id}/clients`)).json();
    expect(clients.map((c: { client_id: string }) => c.client_id)).toEqual([app.clientId]);

    expect((await o.raw(`/api/v1/users/${user.id}/grants`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await o.raw(`/api/v1/users/${user.id}/grants`)).json()).toEqual([]);
    const gone = await o.raw(`/api/v1/users/${user.id}/grants/${grants[0].id}`);
    expect(gone.status).toBe(404);
    expect((await gone.json()).errorCode).toBe('E0000007');
    expect((await o.raw(`/api/v1/users/${user.id}/clients/${app.clientId}/grants`, { method: 'DELETE' })).status).toBe(204);
  });
});
