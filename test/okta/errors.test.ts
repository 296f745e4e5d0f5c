/** Bad input and bad credentials get Okta's own error bodies and statuses (never a 500): bodies, routes, methods, tokens, scopes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { loadDigest } from '../../src/core/digest.js';
import { VendorError } from '../../src/core/errors.js';
import { enforceScopes, requiredScopes } from '../../twins/okta/auth.js';
import { handlers } from '../../twins/okta/index.js';
import { all, newUser, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

async function expectOkta(res: Response, status: number, code: string, summary: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/json');
  const body = await res.json();
  expect(body).toMatchObject({ errorCode: code, errorSummary: summary, errorLink: code, errorCauses: expect.any(Array) });
  expect(body.errorId).toMatch(/^oae/);
  return body;
}

describe('bad requests', () => {
  it('malformed JSON → 400 E0000003', async () => {
    const o = await org(server, 'bad-json');
    await expectOkta(await o.raw('/api/v1/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"profile": ' }), 400, 'E0000003', 'The request body was not well-formed.');
  });

  it('invalid UTF-8 in a JSON body → 400 E0000003', async () => {
    const o = await org(server, 'bad-utf8');
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    await expectOkta(await o.raw('/api/v1/groups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes }), 400, 'E0000003', 'The request body was not well-formed.');
  });

  it('a body that is not JSON → 400 E0000021', async () => {
    const o = await org(server, 'bad-type');
    await expectOkta(
      await o.raw('/api/v1/groups', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'name=Ops' }),
      400,
      'E0000021',
      'Bad request.  Accept and/or Content-Type headers likely do not match supported values.',
    );
  });

  it('a JSON value of the wrong type → 400 E0000003', async () => {
    const o = await org(server, 'bad-shape');
    await expectOkta(await o.raw('/api/v1/groups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2,3]' }), 400, 'E0000003', 'The request body was not well-formed.');
  });

  it('a body over the limit is refused without a 500', async () => {
    const o = await org(server, 'big-body');
    const res = await o.raw('/api/v1/groups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"profile":{"name":"${'x'.repeat(11 * 1024 * 1024)}"}}` });
    expect(res.status).toBe(400);
    expect((await res.json()).errorCode).toBe('E0000003');
  });

  it('unknown path → 404 E0000008; unknown resource → 404 E0000007; wrong method → 405 E0000022', async () => {
    const o = await org(server, 'routes');
    await expectOkta(await o.raw('/api/v1/nothing-here'), 404, 'E0000008', 'The requested path was not found');
    await expectOkta(await o.raw('/api/v1/groups/00gmissing'), 404, 'E0000007', 'Not found: Resource not found: 00gmissing (UserGroup)');
    const res = await o.raw('/api/v1/users/me/lifecycle/activate', { method: 'GET' });
    await expectOkta(res, 405, 'E0000022', 'The endpoint does not support the provided HTTP method');
    expect(res.headers.get('allow')).toBeNull();
  });
});

describe('credentials', () => {
  it('no Authorization header → 403 E0000005 Invalid session', async () => {
    const o = await org(server, 'no-token');
    await expectOkta(await o.raw('/api/v1/users', { token: null }), 403, 'E0000005', 'Invalid session');
  });

  it('a malformed or unknown SSWS token → 401 E0000011, also through the SDK', async () => {
    const o = await org(server, 'bad-token');
    await expectOkta(await o.raw('/api/v1/users', { headers: { authorization: 'SSWS' } }), 401, 'E0000011', 'Invalid token provided');
    await expectOkta(await o.raw('/api/v1/users', { headers: { authorization: 'Basic abc def' } }), 401, 'E0000011', 'Invalid token provided');
    await expectOkta(await o.raw('/api/v1/users', { token: '00notARealTokenAtAll' }), 401, 'E0000011', 'Invalid token provided');
    await expectOkta(await o.raw('/api/v1/users', { headers: { authorization: 'Bearer not.a.jwt' } }), 401, 'E0000011', 'Invalid token provided');
    await expect(o.clientWith('00wrong').userApi.getUser({ userId: 'me' })).rejects.toSatisfy((e: any) => e.status === 401 && e.errorCode === 'E0000011');
  });

  it('a token stops working when its admin is suspended (a lockout does not revoke it)', async () => {
    const o = await org(server, 'token-owner');
    await o.control('POST', `okta/users/${o.creds.adminUserId}/lockout`);
    expect((await o.raw('/api/v1/users/me')).status).toBe(200);
    await o.client.userApi.unlockUser({ userId: o.creds.adminUserId });
    await o.client.userApi.suspendUser({ userId: o.creds.adminUserId });
    await expectOkta(await o.raw('/api/v1/users/me'), 401, 'E0000011', 'Invalid token provided');
  });

  it('revoking the current API token ends its access at once', async () => {
    const o = await org(server, 'revoke-token');
    const [t] = await all(o.client.apiTokenApi.listApiTokens());
    expect(t.userId).toBe(o.creds.adminUserId);
    expect(JSON.stringify(t)).not.toContain(o.creds.token);
    await o.client.apiTokenApi.revokeCurrentApiToken();
    await expectOkta(await o.raw('/api/v1/users/me'), 401, 'E0000011', 'Invalid token provided');
  });

  it('another org token cannot be used under this org prefix', async () => {
    const a = await org(server, 'org-a');
    const b = await org(server, 'org-b');
    await a.client.userApi.createUser({ body: newUser('only-in-a@example.com') });
    await expectOkta(await b.raw('/api/v1/users', { token: a.creds.token }), 401, 'E0000011', 'Invalid token provided');
  });
});

describe('OAuth scopes', () => {
  const digest = loadDigest('okta');
  const op = (id: string) => digest.operations.find((o) => o.id === id)!;

  it('maps operations to Okta scope families (read or manage for GET, manage for writes)', () => {
    expect(requiredScopes(op('listUsers'))).toEqual(['okta.users.read', 'okta.users.manage']);
    expect(requiredScopes(op('createUser'))).toEqual(['okta.users.manage']);
    expect(requiredScopes(op('listGroupRules'))).toEqual(['okta.groups.read', 'okta.groups.manage']);
    expect(requiredScopes(op('getLogs'))).toEqual(['okta.logs.read', 'okta.logs.manage']);
    expect(requiredScopes(op('assignRoleToUser'))).toEqual(['okta.roles.manage']);
    expect(requiredScopes(op('listUserTypes'))).toEqual(['okta.userTypes.read', 'okta.userTypes.manage']);
  });

  it('an under-scoped access token gets 403 E0000006 with the insufficient_scope challenge', () => {
    const req = new Request('http://127.0.0.1:1/api/v1/users', { method: 'POST' });
    let thrown: unknown;
    try {
      enforceScopes(op('createUser'), { kind: 'Bearer', subject: '0oaclient', scopes: ['okta.users.read'] }, req);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(VendorError);
    const err = thrown as VendorError;
    expect(err.status).toBe(403);
    expect(err.body).toMatchObject({ errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' });
    expect(err.headers['www-authenticate']).toBe(
      'Bearer authorization_uri="http://127.0.0.1:1/oauth2/v1/authorize", realm="http://127.0.0.1:1", scope="okta.users.manage", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/api/v1/users"',
    );
    expect(() => enforceScopes(op('createUser'), { kind: 'Bearer', scopes: ['okta.users.manage'] }, req)).not.toThrow();
  });

  it('the caller\'s own record is also open to okta.users.read.self', () => {
    const self = { kind: 'Bearer', subject: '00uself', userId: '00uself', scopes: ['okta.users.read.self'] };
    expect(() => enforceScopes(op('getUser'), self, new Request('http://127.0.0.1:1/api/v1/users/me'))).not.toThrow();
    expect(() => enforceScopes(op('getUser'), self, new Request('http://127.0.0.1:1/api/v1/users/00uother'))).toThrow(VendorError);
  });

  it('every hand-written handler is keyed by an operationId the digest has', () => {
    const ids = new Set(digest.operations.map((o) => o.id));
    expect(Object.keys(handlers).filter((k) => !ids.has(k))).toEqual([]);
  });
});
