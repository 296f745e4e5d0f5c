// The tracker: every SDK call recorded under its dotted name with its outcome, checks and expected errors attached to the right calls.
import { describe, expect, it } from 'vitest';
import { ScenarioTracker, callFunction, callVerdict, errorInfo, type Exchange, type ExchangeSource } from '../../sdk-compat/tracker.js';

/** A journal stand-in: each SDK call below "sends" one exchange. */
function fakeJournal() {
  const entries: Exchange[] = [];
  const source: ExchangeSource = { mark: () => entries.length, between: (from, to) => entries.filter((e) => e.seq > from && e.seq <= to) };
  const send = (method: string, path: string, status: number, body?: unknown) =>
    entries.push({ seq: entries.length + 1, method, path, query: '', status, operationId: `${method} ${path}`, request: { headers: {} }, response: { headers: {}, body } });
  return { source, send };
}

class VendorError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorSummary: string,
  ) {
    super(`HTTP ${status} ${errorCode} ${errorSummary}`);
    this.name = 'OktaApiError';
  }
}

function fakeSdk(send: ReturnType<typeof fakeJournal>['send']) {
  class UserApi {
    #secret = 'private fields need the real this';
    async getUser(id: string) {
      send('GET', `/users/${id}`, id === 'missing' ? 404 : 200, { id });
      if (id === 'missing') throw new VendorError(404, 'E0000007', 'Not found');
      return { id, secret: this.#secret };
    }
    listSync() {
      send('GET', '/users', 200, []);
      return ['a', 'b'];
    }
  }
  return { userApi: new UserApi(), chat: { postMessage: async (a: { text: string }) => (send('POST', '/chat.postMessage', 200, { ok: true }), { ok: true, text: a.text }) }, version: '1.0' };
}

describe('ScenarioTracker', () => {
  it('records nested calls by dotted name, calls the real owner, and keeps the function for surface matching', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const raw = fakeSdk(j.send);
    const sdk = t.track(raw, '');
    const u = await sdk.userApi.getUser('u1');
    expect(u.secret).toBe('private fields need the real this');
    expect(sdk.userApi.listSync()).toEqual(['a', 'b']);
    await sdk.chat.postMessage({ text: 'hi' });
    expect(sdk.version).toBe('1.0');
    expect(sdk.userApi).toBe(sdk.userApi); // proxies are cached, identity holds
    expect(t.calls.map((c) => [c.name, c.status, c.owner])).toEqual([
      ['userApi.getUser', 'passed', 'UserApi'],
      ['userApi.listSync', 'passed', 'UserApi'],
      ['chat.postMessage', 'passed', undefined],
    ]);
    expect(t.calls[0].exchanges).toEqual([{ seq: 1, operationId: 'GET /users/u1', method: 'GET', path: '/users/u1', status: 200 }]);
    expect(callFunction.get(t.calls[0])).toBe(Object.getPrototypeOf(raw.userApi).getUser);
    expect(t.failed).toBe(false);
  });

  it('tracks through frozen objects (googleapis freezes its API objects) and keeps reflection working', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const raw = fakeSdk(j.send);
    const frozen = Object.freeze({ users: raw.userApi, nested: Object.freeze({ chat: raw.chat }) });
    const sdk = t.track(frozen, 'api');
    await sdk.users.getUser('u9');
    await sdk.nested.chat.postMessage({ text: 't' });
    expect(t.calls.map((c) => c.name)).toEqual(['api.users.getUser', 'api.nested.chat.postMessage']);
    expect(Object.keys(sdk)).toEqual(['users', 'nested']);
    expect('users' in sdk).toBe(true);
    expect(sdk.users instanceof Object.getPrototypeOf(raw.userApi).constructor).toBe(true);
  });

  it('uses the prefix, so a sub-object tracked alone keeps its full name', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const users = t.track(fakeSdk(j.send).userApi, 'okta.userApi');
    await users.getUser('u2');
    expect(t.calls[0].name).toBe('okta.userApi.getUser');
  });

  it('records a thrown vendor error with status, code and body, and the exchange that broke the call', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const sdk = t.track(fakeSdk(j.send), '');
    await expect(sdk.userApi.getUser('missing')).rejects.toThrow('E0000007');
    const c = t.calls[0];
    expect(c.status).toBe('failed');
    expect(c.error).toMatchObject({ name: 'OktaApiError', status: 404, code: 'E0000007', body: { errorCode: 'E0000007', errorSummary: 'Not found' } });
    expect(c.evidence?.map((e) => [e.path, e.status])).toEqual([['/users/missing', 404]]);
  });

  it('a failing check fails the scenario and attaches its message to the calls since the previous check only', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const sdk = t.track(fakeSdk(j.send), '');
    await sdk.userApi.getUser('u1');
    t.check(true, 'first is fine');
    await sdk.userApi.getUser('u2');
    await sdk.chat.postMessage({ text: 'x' });
    t.check(false, 'second batch is wrong', { got: 1 });
    await sdk.userApi.getUser('u3');
    expect(t.calls.map((c) => c.status)).toEqual(['passed', 'failed', 'failed', 'passed']);
    expect(t.calls[1].assertion).toBe('second batch is wrong');
    expect(t.calls[2].evidence?.[0].path).toBe('/chat.postMessage'); // the 200 the scenario disagreed with
    expect(t.failures).toEqual([{ kind: 'check', message: 'second batch is wrong', detail: { got: 1 } }]);
  });

  it('checks in a row about one response all judge the call before them', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const sdk = t.track(fakeSdk(j.send), '');
    await sdk.userApi.getUser('u1');
    t.check(true, 'has an id');
    t.check(false, 'has the right email');
    expect(t.calls[0]).toMatchObject({ status: 'failed', assertion: 'has the right email' });
  });

  it('a scenario ending on an SDK error blames the call that threw, not the calls before it', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const sdk = t.track(fakeSdk(j.send), '');
    await sdk.userApi.getUser('u1');
    const err = await sdk.userApi.getUser('missing').catch((e: unknown) => e);
    t.abort('crash', err);
    expect(t.calls.map((c) => c.status)).toEqual(['passed', 'failed']);
    expect(t.failures).toHaveLength(1);
  });

  it('a timeout fails the call still in flight', async () => {
    const t = new ScenarioTracker();
    const sdk = t.track({ hang: () => new Promise(() => {}) }, 'x');
    void sdk.hang();
    t.abort('timeout', new Error('no result after 10 ms'));
    expect(t.calls[0]).toMatchObject({ name: 'x.hang', status: 'failed', assertion: 'scenario timed out: no result after 10 ms (call never returned)' });
  });

  it('expectError passes a call that fails as wanted, and fails one that succeeds or fails differently', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const sdk = t.track(fakeSdk(j.send), '');
    await t.expectError(() => sdk.userApi.getUser('missing'), (e) => e.status === 404, 'missing user is 404');
    expect(t.calls[0]).toMatchObject({ status: 'passed', expectedError: true });
    expect(t.failed).toBe(false);

    await t.expectError(() => sdk.userApi.getUser('u1'), () => true, 'should have failed');
    expect(t.calls[1]).toMatchObject({ status: 'failed', assertion: 'should have failed: expected an error, but it succeeded' });

    await t.expectError(() => sdk.userApi.getUser('missing'), (e) => e.status === 400, 'wants a 400');
    expect(t.calls[2].status).toBe('failed');
    expect(t.calls[2].assertion).toMatch(/^wants a 400: failed differently — HTTP 404/);
    expect(t.failures.map((f) => f.kind)).toEqual(['expectError', 'expectError']);
  });

  it('a crash marks the unverified calls failed; after close nothing more is recorded', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const sdk = t.track(fakeSdk(j.send), '');
    await sdk.userApi.getUser('u1');
    t.abort('crash', new TypeError("Cannot read properties of undefined (reading 'email')"));
    expect(t.calls[0]).toMatchObject({ status: 'failed', assertion: "scenario aborted: Cannot read properties of undefined (reading 'email')" });
    t.close();
    await sdk.userApi.getUser('u2');
    t.check(false, 'ignored');
    expect(t.calls).toHaveLength(1);
    expect(t.failures).toHaveLength(1);
  });
});

describe('verification', () => {
  it('a passing check verifies the latest call only; calls nobody checked are only called', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const sdk = t.track(fakeSdk(j.send), '');
    await sdk.chat.postMessage({ text: 'unchecked' });
    const u = await sdk.userApi.getUser('u1');
    t.check(u.id === 'u1', 'reads the user');
    await sdk.chat.postMessage({ text: 'never looked at' });
    t.close();
    expect(t.calls.map(callVerdict)).toEqual(['called', 'verified', 'called']);
    expect(t.calls[1].verifiedBy).toBe('reads the user');
  });

  it('checkEffect verifies every call since the previous check: the writes and the read that shows their effect', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const sdk = t.track(fakeSdk(j.send), '');
    await sdk.userApi.getUser('before');
    t.check(true, 'first');
    await sdk.chat.postMessage({ text: 'write' });
    await sdk.userApi.getUser('read-back');
    t.checkEffect(true, 'the write shows in the read');
    expect(t.calls.map(callVerdict)).toEqual(['verified', 'verified', 'verified']);
    expect(t.calls[1].verifiedBy).toBe('the write shows in the read');
  });

  it('expected errors are error-path calls; with effect: true they verify the calls before them (a deleted thing is 404)', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const sdk = t.track(fakeSdk(j.send), '');
    await sdk.chat.postMessage({ text: 'delete it' });
    await t.expectError(() => sdk.userApi.getUser('missing'), (e) => e.status === 404, 'gone', { effect: true });
    await sdk.chat.postMessage({ text: 'not read back' });
    await t.expectError(() => sdk.userApi.getUser('missing'), (e) => e.status === 404, 'unrelated 404');
    expect(t.calls.map(callVerdict)).toEqual(['verified', 'error-path', 'called', 'error-path']);
  });

  it('a failing check takes back no verification but fails its window; a later passing check does not revive it', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const sdk = t.track(fakeSdk(j.send), '');
    await sdk.userApi.getUser('u1');
    t.check(false, 'wrong');
    t.check(true, 'right');
    expect(callVerdict(t.calls[0])).toBe('failed');
  });

  it('requests a returned collection makes while iterated belong to the call that returned it', async () => {
    const j = fakeJournal();
    const t = new ScenarioTracker(j.source);
    const sdk = t.track({ list: async () => ({ next: () => j.send('GET', '/users?after=1', 200, []) }) }, 'api');
    const pager = await sdk.list();
    pager.next();
    t.check(true, 'paged');
    expect(t.calls[0].exchanges.map((e) => e.path)).toEqual(['/users?after=1']);
  });
});

describe('errorInfo', () => {
  it('reads Slack, axios (jira.js) and gaxios errors', () => {
    const slack = Object.assign(new Error('An API error occurred: channel_not_found'), { code: 'slack_webapi_platform_error', data: { ok: false, error: 'channel_not_found' } });
    expect(errorInfo(slack)).toMatchObject({ code: 'channel_not_found', body: { ok: false, error: 'channel_not_found' } });
    const axios = Object.assign(new Error('Request failed with status code 404'), { code: 'ERR_BAD_REQUEST', response: { status: 404, data: { errorMessages: ['Issue does not exist'] } } });
    expect(errorInfo(axios)).toMatchObject({ status: 404, code: 'ERR_BAD_REQUEST', body: { errorMessages: ['Issue does not exist'] } });
    const gaxios = Object.assign(new Error('File not found: x.'), { status: 404, code: 404, response: { status: 404, data: { error: { code: 404, message: 'File not found: x.' } } } });
    expect(errorInfo(gaxios)).toMatchObject({ status: 404, code: 404, body: { error: { code: 404 } } });
    expect(errorInfo('plain string')).toEqual({ name: 'string', message: 'plain string' });
  });
});
