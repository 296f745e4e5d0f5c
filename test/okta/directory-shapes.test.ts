/** Profile schemas, role assignments and targets as Okta writes them (Schemas API, Role Assignment/Target APIs; terraform and okta-sdk-python cassettes). */
import { describe, expect, it } from 'vitest';
import { jsonOf as json, sendJson as send, sswsOrg, useOkta } from './helpers.js';

const server = useOkta();
const org = (label: string) => sswsOrg(server(), label);

describe('user profile schema (Schemas API: GET/POST /api/v1/meta/schemas/user/default)', () => {
  it('base attributes carry required, profile master, formats and end-user permissions; the schema links itself and its type', async () => {
    const o = await org('schema-base');
    const s = (await json(await o.raw('/api/v1/meta/schemas/user/default'))).body;
    const base = s.definitions.base;
    expect(base.required).toEqual(['login', 'firstName', 'lastName', 'email']);
    expect(base.properties.login).toMatchObject({ required: true, minLength: 5, maxLength: 100, master: { type: 'PROFILE_MASTER' }, permissions: [{ principal: 'SELF', action: 'READ_ONLY' }] });
    expect(base.properties.login.pattern).toBeUndefined();
    expect(base.properties.middleName.required).toBeUndefined();
    expect(base.properties.countryCode.format).toBe('country-code');
    expect(base.properties.timezone.format).toBe('timezone');
    expect(base.properties.city.permissions).toEqual([{ principal: 'SELF', action: 'HIDE' }]);
    // An untouched schema writes no custom `required` list.
    expect(s.definitions.custom).toEqual({ id: '#custom', type: 'object', properties: {} });
    const types = (await json(await o.raw('/api/v1/meta/types/user'))).body;
    const def = types.find((t: { default: boolean }) => t.default);
    expect(s._links.type).toEqual({ rel: 'type', href: `${o.creds.orgUrl}/api/v1/meta/types/user/${def.id}`, method: 'GET' });
    expect(s._links.self.href).toBe(`${o.creds.orgUrl}/api/v1/meta/schemas/user/osc${def.id.slice(3)}`);
  });

  it('a custom attribute answers `required` only when true, and the custom list names the required ones', async () => {
    const o = await org('schema-custom-required');
    const attr = (required: boolean) => ({ title: 'T', type: 'string', required, master: { type: 'OKTA' }, permissions: [{ principal: 'SELF', action: 'READ_ONLY' }] });
    const res = await json(await o.raw('/api/v1/meta/schemas/user/default', send('POST', { definitions: { custom: { id: '#custom', type: 'object', properties: { optionalOne: attr(false), mandatoryOne: attr(true) } } } })));
    expect(res.status).toBe(200);
    const custom = res.body.definitions.custom;
    expect('required' in custom.properties.optionalOne).toBe(false);
    expect(custom.properties.mandatoryOne.required).toBe(true);
    expect(custom.required).toEqual(['mandatoryOne']);
    expect(custom.properties.optionalOne.master).toEqual({ type: 'OKTA' });
  });
});

describe('app user schema (Schemas API: /api/v1/meta/schemas/apps/{appId}/default)', () => {
  async function oidcApp(o: Awaited<ReturnType<typeof org>>) {
    const app = { name: 'oidc_client', label: 'Schema app', signOnMode: 'OPENID_CONNECT', credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } }, settings: { oauthClient: { application_type: 'web', redirect_uris: ['https://example.com/cb'], grant_types: ['authorization_code'], response_types: ['code'] } } };
    return (await json(await o.raw('/api/v1/apps', send('POST', app)))).body;
  }

  it("an OIDC app's base is the OpenID Connect standard claims; only the username is required", async () => {
    const o = await org('app-schema-base');
    const app = await oidcApp(o);
    const s = (await json(await o.raw(`/api/v1/meta/schemas/apps/${app.id}/default`))).body;
    expect(s._links).toBeUndefined();
    expect(s.description).toBeUndefined();
    expect(s.definitions.base.required).toEqual(['userName']);
    expect(s.definitions.base.properties.userName).toEqual({ title: 'Username', type: 'string', required: true, externalName: 'preferred_username', scope: 'SELF' });
    expect(s.definitions.base.properties.street_address.externalName).toBe('address.street_address');
    expect(s.definitions.custom.required).toBeUndefined();
  });

  it('a base update toggles `required`; a custom attribute keeps neither master nor permissions, and union only on arrays', async () => {
    const o = await org('app-schema-update');
    const app = await oidcApp(o);
    const path = `/api/v1/meta/schemas/apps/${app.id}/default`;
    const baseName = (required: boolean) => ({ definitions: { base: { id: '#base', type: 'object', properties: { name: { title: 'Name', type: 'string', required, master: { type: 'PROFILE_MASTER' } } } } } });
    const on = (await json(await o.raw(path, send('POST', baseName(true))))).body;
    expect(on.definitions.base.required).toEqual(['userName', 'name']);
    expect(on.definitions.base.properties.name.required).toBe(true);
    const off = (await json(await o.raw(path, send('POST', baseName(false))))).body;
    expect(off.definitions.base.required).toEqual(['userName']);
    expect('required' in off.definitions.base.properties.name).toBe(false);

    const extra = { master: { type: 'PROFILE_MASTER' }, permissions: [{ action: 'READ_ONLY', principal: 'SELF' }], required: false, scope: 'NONE', union: 'DISABLE' };
    const props = { size: { title: 'Size', type: 'string', enum: ['S', 'M'], ...extra }, tags: { title: 'Tags', type: 'array', items: { type: 'string' }, ...extra } };
    const s = (await json(await o.raw(path, send('POST', { definitions: { custom: { id: '#custom', type: 'object', properties: props } } })))).body;
    expect(s.definitions.custom.properties.size).toEqual({ title: 'Size', type: 'string', enum: ['S', 'M'], scope: 'NONE' });
    expect(s.definitions.custom.properties.tags).toEqual({ title: 'Tags', type: 'array', items: { type: 'string' }, scope: 'NONE', union: 'DISABLE' });
    expect(s.definitions.custom.required).toEqual([]);
  });
});

describe('group profile schema', () => {
  it('base attributes carry their description and profile master; the schema links itself', async () => {
    const o = await org('group-schema');
    const s = (await json(await o.raw('/api/v1/meta/schemas/group/default'))).body;
    expect(s.definitions.base.properties.name).toMatchObject({ title: 'Name', description: 'Name', required: true, master: { type: 'PROFILE_MASTER' } });
    expect(s._links.self).toEqual({ rel: 'self', href: `${o.creds.orgUrl}/api/v1/meta/schemas/group/default`, method: 'GET' });
  });
});

describe('role assignments and targets (Role Assignment and Role Target APIs)', () => {
  it('a group role assignment answers 201; group and app target PUTs answer 204 (terraform and okta-sdk-python cassettes)', async () => {
    const o = await org('role-statuses');
    const group = (await json(await o.raw('/api/v1/groups', send('POST', { profile: { name: 'Admins' } })))).body;
    const target = (await json(await o.raw('/api/v1/groups', send('POST', { profile: { name: 'Managed' } })))).body;
    const ga = await json(await o.raw(`/api/v1/groups/${group.id}/roles`, send('POST', { type: 'USER_ADMIN' })));
    expect(ga.status).toBe(201);
    expect(ga.body.type).toBe('USER_ADMIN');
    const user = o.creds.adminUserId;
    const ua = (await json(await o.raw(`/api/v1/users/${user}/roles`, send('POST', { type: 'GROUP_MEMBERSHIP_ADMIN' })))).body;
    const put = await o.raw(`/api/v1/users/${user}/roles/${ua.id}/targets/groups/${target.id}`, { method: 'PUT' });
    expect(put.status).toBe(204);
    const targets = (await json(await o.raw(`/api/v1/users/${user}/roles/${ua.id}/targets/groups`))).body;
    expect(targets.map((g: { id: string }) => g.id)).toEqual([target.id]);

    const appAdmin = (await json(await o.raw(`/api/v1/users/${user}/roles`, send('POST', { type: 'APP_ADMIN' })))).body;
    expect((await o.raw(`/api/v1/users/${user}/roles/${appAdmin.id}/targets/catalog/apps/facebook`, { method: 'PUT' })).status).toBe(204);
  });

  it('an app instance target lists by label, status and self link; a catalog app by its catalog entry', async () => {
    const o = await org('role-app-targets');
    const user = o.creds.adminUserId;
    const app = (await json(await o.raw('/api/v1/apps', send('POST', { name: 'bookmark', label: 'Intranet', signOnMode: 'BOOKMARK', settings: { app: { requestIntegration: false, url: 'https://example.com/b' } } })))).body;
    const role = (await json(await o.raw(`/api/v1/users/${user}/roles`, send('POST', { type: 'APP_ADMIN' })))).body;
    expect((await o.raw(`/api/v1/users/${user}/roles/${role.id}/targets/catalog/apps/bookmark/${app.id}`, { method: 'PUT' })).status).toBe(204);
    expect((await o.raw(`/api/v1/users/${user}/roles/${role.id}/targets/catalog/apps/facebook`, { method: 'PUT' })).status).toBe(204);
    const list = (await json(await o.raw(`/api/v1/users/${user}/roles/${role.id}/targets/catalog/apps`))).body;
    const inst = list.find((t: { id?: string }) => t.id === app.id);
    expect(inst).toEqual({ name: 'Intranet', status: 'ACTIVE', id: app.id, _links: { self: { href: `${o.creds.orgUrl}/api/v1/apps/${app.id}` } } });
    const fb = list.find((t: { name: string }) => t.name === 'facebook');
    expect(fb.features).toBeUndefined();
    expect(fb.signOnModes).toEqual(['BROWSER_PLUGIN']);
    expect(Object.keys(fb._links).sort()).toEqual(['logo', 'self']);
  });
});

describe('group rules', () => {
  it('deleting a rule answers 202 with an empty JSON object (terraform cassettes)', async () => {
    const o = await org('rule-delete');
    const g = (await json(await o.raw('/api/v1/groups', send('POST', { profile: { name: 'Engineering' } })))).body;
    const rule = (await json(await o.raw('/api/v1/groups/rules', send('POST', { type: 'group_rule', name: 'eng', conditions: { expression: { value: 'user.department=="Eng"', type: 'urn:okta:expression:1.0' } }, actions: { assignUserToGroups: { groupIds: [g.id] } } })))).body;
    const del = await json(await o.raw(`/api/v1/groups/rules/${rule.id}?removeUsers=false`, { method: 'DELETE' }));
    expect(del).toEqual({ status: 202, body: {} });
    expect((await o.raw(`/api/v1/groups/rules/${rule.id}`)).status).toBe(404);
  });
});

describe('factor links (Factors API)', () => {
  it('a pending SMS factor offers resend and activate but no delete; an active question links the question catalog, not verify', async () => {
    const o = await org('factor-links');
    const user = (await json(await o.raw('/api/v1/users?activate=true', send('POST', { profile: { firstName: 'F', lastName: 'L', email: 'factor@example.com', login: 'factor@example.com' }, credentials: { password: { value: 'Abcd1234!xyz' } } })))).body;
    const base = `${o.creds.orgUrl}/api/v1/users/${user.id}/factors`;
    const sms = (await json(await o.raw(`/api/v1/users/${user.id}/factors`, send('POST', { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+1 555 123 4567' } })))).body;
    expect(sms.status).toBe('PENDING_ACTIVATION');
    expect(sms._links.resend).toEqual([{ name: 'sms', href: `${base}/${sms.id}/resend`, hints: { allow: ['POST'] } }]);
    expect(sms._links.self.hints.allow).toEqual(['GET']);
    expect(Object.keys(sms._links).sort()).toEqual(['activate', 'resend', 'self', 'user']);
    const q = (await json(await o.raw(`/api/v1/users/${user.id}/factors`, send('POST', { factorType: 'question', provider: 'OKTA', profile: { question: 'disliked_food', answer: 'mayonnaise' } })))).body;
    expect(q.status).toBe('ACTIVE');
    expect(q._links.questions).toEqual({ href: `${base}/questions`, hints: { allow: ['GET'] } });
    expect(Object.keys(q._links).sort()).toEqual(['questions', 'self', 'user']);
  });
});

describe('group profile schema custom attributes', () => {
  it('a group attribute sent without a master is mastered by the profile master', async () => {
    const o = await org('group-schema-master');
    const res = (await json(await o.raw('/api/v1/meta/schemas/group/default', send('POST', { definitions: { custom: { id: '#custom', type: 'object', properties: { costCode: { title: 'Cost code', type: 'string', permissions: [{ principal: 'SELF', action: 'READ_WRITE' }] } } } } })))).body;
    expect(res.definitions.custom.properties.costCode.master).toEqual({ type: 'PROFILE_MASTER' });
    expect(res.definitions.custom.required).toEqual([]);
  });
});

describe('IAM listings', () => {
  it('custom roles and resource sets link themselves; role holders come as `value` without listing links', async () => {
    const o = await org('iam-listings');
    const roles = (await json(await o.raw('/api/v1/iam/roles'))).body;
    expect(roles._links).toEqual({ self: { href: `${o.creds.orgUrl}/api/v1/iam/roles` } });
    const sets = (await json(await o.raw('/api/v1/iam/resource-sets'))).body;
    expect(sets._links).toEqual({ self: { href: `${o.creds.orgUrl}/api/v1/iam/resource-sets` } });
    const holders = (await json(await o.raw('/api/v1/iam/assignees/users'))).body;
    expect(Object.keys(holders)).toEqual(['value']);
    expect(holders.value.map((u: { id: string }) => u.id)).toContain(o.creds.adminUserId);
  });
});

describe('removing a custom attribute', () => {
  it("takes the attribute out of every user's profile (terraform cassettes: the user read after the removal lacks it)", async () => {
    const o = await org('schema-drop');
    const path = '/api/v1/meta/schemas/user/default';
    await o.raw(path, send('POST', { definitions: { custom: { id: '#custom', type: 'object', properties: { shoe: { title: 'Shoe', type: 'string' }, hat: { title: 'Hat', type: 'string' } } } } }));
    const u = (await json(await o.raw('/api/v1/users?activate=false', send('POST', { profile: { firstName: 'A', lastName: 'B', email: 'drop@example.com', login: 'drop@example.com', shoe: '42', hat: 'L' } })))).body;
    expect(u.profile.shoe).toBe('42');
    await o.raw(path, send('POST', { definitions: { custom: { id: '#custom', type: 'object', properties: { shoe: null } } } }));
    const after = (await json(await o.raw(`/api/v1/users/${u.id}`))).body;
    expect('shoe' in after.profile).toBe(false);
    expect(after.profile.hat).toBe('L');
  });
});

describe('group owners', () => {
  it('refuses the same owner twice (400 E0000001) and shows a user owner by name', async () => {
    const o = await org('group-owner-twice');
    const g = (await json(await o.raw('/api/v1/groups', send('POST', { profile: { name: 'Owned' } })))).body;
    const u = (await json(await o.raw('/api/v1/users?activate=false', send('POST', { profile: { firstName: 'Olga', lastName: 'Owner', email: 'olga@example.com', login: 'olga@example.com' } })))).body;
    const first = await json(await o.raw(`/api/v1/groups/${g.id}/owners`, send('POST', { id: u.id, type: 'USER' })));
    expect(first.status).toBe(201);
    expect(first.body.displayName).toBe('Olga Owner');
    const again = await json(await o.raw(`/api/v1/groups/${g.id}/owners`, send('POST', { id: u.id, type: 'USER' })));
    expect(again.status).toBe(400);
    expect(again.body.errorCode).toBe('E0000001');
    expect(again.body.errorCauses).toEqual([{ errorSummary: 'Provided owner is already assigned to this group' }]);
    expect((await json(await o.raw(`/api/v1/groups/${g.id}/owners`))).body).toHaveLength(1);
  });
});
