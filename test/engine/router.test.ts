import { describe, expect, it } from 'vitest';
import { OperationRouter } from '../../src/core/router.js';
import type { OperationDigest } from '../../src/core/digest.js';

const op = (id: string, method: OperationDigest['method'], path: string): OperationDigest => ({ id, method, path, parameters: [], responses: {} });

describe('OperationRouter', () => {
  const router = new OperationRouter([
    op('getUser', 'get', '/api/v1/users/{userId}'),
    op('me', 'get', '/api/v1/users/me'),
    op('deleteUser', 'delete', '/api/v1/users/{userId}'),
    op('batch', 'post', '/v4/spreadsheets/{spreadsheetId}:batchUpdate'),
    op('getSheet', 'get', '/v4/spreadsheets/{spreadsheetId}'),
    op('twoParams', 'get', '/a/{x}.{y}'),
    op('rest', 'get', '/files/{+path}'),
  ]);

  it('prefers literal segments over parameters regardless of order', () => {
    expect(router.match('GET', '/api/v1/users/me')).toMatchObject({ kind: 'match', op: { id: 'me' } });
    expect(router.match('GET', '/api/v1/users/00u1')).toMatchObject({ kind: 'match', op: { id: 'getUser' }, params: { userId: '00u1' } });
  });

  it('tells a wrong method (405, with allowed methods) from an unknown path (404)', () => {
    expect(router.match('PATCH', '/api/v1/users/00u1')).toEqual({ kind: 'method_not_allowed', allowed: ['GET', 'DELETE'] });
    expect(router.match('GET', '/api/v1/nothing')).toEqual({ kind: 'not_found' });
  });

  it('matches patterned segments such as Google colon verbs before bare parameters', () => {
    expect(router.match('POST', '/v4/spreadsheets/abc:batchUpdate')).toMatchObject({ op: { id: 'batch' }, params: { spreadsheetId: 'abc' } });
    expect(router.match('GET', '/v4/spreadsheets/abc')).toMatchObject({ op: { id: 'getSheet' }, params: { spreadsheetId: 'abc' } });
    expect(router.match('GET', '/a/one.two')).toMatchObject({ params: { x: 'one', y: 'two' } });
  });

  it('decodes parameters and survives malformed percent-encoding', () => {
    expect(router.match('GET', '/api/v1/users/a%40b.com')).toMatchObject({ params: { userId: 'a@b.com' } });
    expect(router.match('GET', '/api/v1/users/%E0%A4%A')).toEqual({ kind: 'not_found' });
    // A parameter takes one segment: an escaped `/` that decodes into it does not make it match.
    expect(router.match('GET', '/api/v1/users/a%2Fb')).toEqual({ kind: 'not_found' });
    expect(router.match('GET', '/a/x%2Fy.z')).toEqual({ kind: 'not_found' });
    expect(router.match('GET', '/files/a%2Fb/c')).toMatchObject({ op: { id: 'rest' }, params: { path: 'a/b/c' } });
  });

  it('serves HEAD from GET and greedy {+path} parameters', () => {
    expect(router.match('HEAD', '/api/v1/users/x')).toMatchObject({ op: { id: 'getUser' } });
    expect(router.match('GET', '/files/a/b/c')).toMatchObject({ op: { id: 'rest' }, params: { path: 'a/b/c' } });
  });

  it('answers GET and POST alike for RPC-style twins', () => {
    const rpc = new OperationRouter([op('chat.postMessage', 'post', '/api/chat.postMessage')], true);
    expect(rpc.match('GET', '/api/chat.postMessage')).toMatchObject({ kind: 'match' });
    expect(rpc.match('POST', '/api/chat.postMessage')).toMatchObject({ kind: 'match' });
    expect(rpc.match('DELETE', '/api/chat.postMessage')).toMatchObject({ kind: 'method_not_allowed' });
  });
});

describe('OperationRouter parameter names', () => {
  it('names parameters by the matched operation even when a sibling names them differently', () => {
    const r = new OperationRouter([op('getDashboard', 'get', '/dashboard/{id}'), op('getItems', 'get', '/dashboard/{dashboardId}/items/{itemKey}')]);
    expect(r.match('GET', '/dashboard/10001')).toMatchObject({ op: { id: 'getDashboard' }, params: { id: '10001' } });
    expect(r.match('GET', '/dashboard/10001/items/k')).toMatchObject({ params: { dashboardId: '10001', itemKey: 'k' } });
  });
});
