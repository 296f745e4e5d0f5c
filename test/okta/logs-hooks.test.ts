/** System Log and event hooks through the official SDK: an event per mutation, filters and polling links, verification and delivery to a local receiver. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { all, newUser, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

interface Received {
  method: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/** A hook endpoint on 127.0.0.1 that answers verification challenges and records deliveries. */
async function receiver(opts: { failPosts?: number } = {}) {
  const got: Received[] = [];
  const waiters: Array<() => void> = [];
  let failures = opts.failPosts ?? 0;
  const srv: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      got.push({ method: req.method!, headers: req.headers, body });
      waiters.splice(0).forEach((w) => w());
      if (req.method === 'GET') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ verification: req.headers['x-okta-verification-challenge'] }));
      } else if (failures > 0) {
        failures--;
        res.statusCode = 500;
        res.end();
      } else {
        res.statusCode = 200;
        res.end();
      }
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/okta/hook`,
    got,
    /** Resolves once `n` requests have arrived (the test timeout bounds the wait). */
    until: (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (got.length >= n ? resolve() : waiters.push(check));
        check();
      }),
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

describe('system log', () => {
  it('records an event of Okta type for each mutation, with actor and targets', async () => {
    const o = await org(server, 'log-events');
    const { client } = o;
    const since = new Date(Date.now() - 60_000).toISOString();
    const u = await client.userApi.createUser({ body: newUser('logged@example.com') });
    const g = await client.groupApi.createGroup({ group: { profile: { name: 'Auditors' } } });
    await client.groupApi.assignUserToGroup({ groupId: g.id!, userId: u.id! });
    await client.userApi.suspendUser({ userId: u.id! });

    const events = await all(client.systemLogApi.listLogEvents({ since, until: new Date(Date.now() + 60_000).toISOString() }));
    const types = events.map((e) => e.eventType);
    expect(types).toEqual(expect.arrayContaining(['user.lifecycle.create', 'user.lifecycle.activate', 'group.lifecycle.create', 'group.user_membership.add', 'user.lifecycle.suspend']));
    const membership = events.find((e) => e.eventType === 'group.user_membership.add')!;
    expect(membership.actor?.id).toBe(o.creds.adminUserId);
    expect(membership.target?.map((t) => t.id)).toEqual([u.id, g.id]);
    expect(membership.outcome?.result).toBe('SUCCESS');
    expect(membership.uuid).toMatch(/^[0-9a-f-]{36}$/);

    const filtered = await all(client.systemLogApi.listLogEvents({ since, until: new Date(Date.now() + 60_000).toISOString(), filter: `eventType eq "user.lifecycle.suspend" and target.id eq "${u.id}"` }));
    expect(filtered.map((e) => e.eventType)).toEqual(['user.lifecycle.suspend']);
    const keyword = await all(client.systemLogApi.listLogEvents({ since, until: new Date(Date.now() + 60_000).toISOString(), q: 'Auditors' }));
    expect(keyword.map((e) => e.eventType)).toEqual(['group.lifecycle.create', 'group.user_membership.add']);
    const desc = await all(client.systemLogApi.listLogEvents({ since, until: new Date(Date.now() + 60_000).toISOString(), sortOrder: 'DESCENDING' }));
    expect(desc.map((e) => e.uuid)).toEqual(events.map((e) => e.uuid).reverse());
  });

  it('answers a polling request (no until) with a next link even on the last page', async () => {
    const o = await org(server, 'log-poll');
    await o.client.userApi.createUser({ body: newUser('poll@example.com') });
    const first = await o.raw('/api/v1/logs?since=2000-01-01T00:00:00.000Z&limit=1000');
    const events = await first.json();
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeTruthy();
    expect(next!.startsWith(`${o.base}/api/v1/logs?`)).toBe(true);
    expect(new URL(next!).searchParams.get('after')).toBe(events[events.length - 1].uuid);
    // Nothing new yet: an empty page that still points onward.
    const empty = await fetch(next!, { headers: { authorization: `SSWS ${o.creds.token}` } });
    expect(await empty.json()).toEqual([]);
    expect(empty.headers.get('link')).toContain('rel="next"');
    // A new event shows up at the polling cursor.
    await o.client.groupApi.createGroup({ group: { profile: { name: 'Later' } } });
    const later = await fetch(next!, { headers: { authorization: `SSWS ${o.creds.token}` } });
    expect((await later.json()).map((e: any) => e.eventType)).toEqual(['group.lifecycle.create']);
    // With until, the last page has no next link.
    const bounded = await o.raw(`/api/v1/logs?since=2000-01-01T00:00:00.000Z&until=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(bounded.headers.get('link')).not.toContain('rel="next"');
    const bad = await o.raw('/api/v1/logs?since=yesterday');
    expect(bad.status).toBe(400);
    expect((await bad.json()).errorCode).toBe('E0000030');
  });
});

describe('event hooks', () => {
  it('verifies the endpoint with a one-time challenge, then delivers matching events with the auth header', async () => {
    const o = await org(server, 'hooks');
    const { client } = o;
    const rx = await receiver();
    try {
      const hook = await client.eventHookApi.createEventHook({
        eventHook: {
          name: 'Local receiver',
          events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create', 'user.lifecycle.deactivate'] },
          channel: { type: 'HTTP', version: '1.0.0', config: { uri: rx.url, headers: [{ key: 'X-Extra', value: 'yes' }], authScheme: { type: 'HEADER', key: 'Authorization', value: 'secret-123' } } },
        } as any,
      });
      expect(hook.status).toBe('ACTIVE');
      expect(hook.verificationStatus).toBe('UNVERIFIED');
      expect((hook.channel as any).config.authScheme.value).toBeUndefined();

      // Not yet verified: nothing is delivered.
      await client.userApi.createUser({ body: newUser('before@example.com') });
      expect((await o.control('POST', 'okta/hooks/deliver')).deliveries).toEqual([]);

      const verified = await client.eventHookApi.verifyEventHook({ eventHookId: hook.id! });
      expect(verified.verificationStatus).toBe('VERIFIED');
      expect(rx.got[0].method).toBe('GET');
      expect(rx.got[0].headers['x-okta-verification-challenge']).toMatch(/^\w{40}$/);
      expect(rx.got[0].headers.authorization).toBe('secret-123');

      const u = await client.userApi.createUser({ body: newUser('after@example.com') });
      await client.groupApi.createGroup({ group: { profile: { name: 'Not subscribed' } } });
      await rx.until(2);
      const post = rx.got[1];
      expect(post.method).toBe('POST');
      expect(post.headers.authorization).toBe('secret-123');
      expect(post.headers['x-extra']).toBe('yes');
      expect(post.body).toMatchObject({ eventType: 'com.okta.event_hook', eventTypeVersion: '1.0', cloudEventsVersion: '0.1', contentType: 'application/json', source: `${o.base}/api/v1/eventHooks/${hook.id}` });
      expect(post.body.data.events.map((e: any) => [e.eventType, e.target[0].id])).toEqual([['user.lifecycle.create', u.id]]);
      const log = (await o.control('GET', 'okta/hooks/deliveries')).deliveries;
      expect(log.map((d: any) => [d.outcome, d.attempts])).toEqual([['SUCCESS', 1]]);
    } finally {
      await rx.close();
    }
  });

  it('retries a failed delivery once, then records the failure in the System Log', async () => {
    const o = await org(server, 'hook-retry');
    const { client } = o;
    const rx = await receiver({ failPosts: 2 });
    try {
      const hook = await client.eventHookApi.createEventHook({
        eventHook: { name: 'Flaky', events: { type: 'EVENT_TYPE', items: ['group.lifecycle.create'] }, channel: { type: 'HTTP', version: '1.0.0', config: { uri: rx.url } } } as any,
      });
      await client.eventHookApi.verifyEventHook({ eventHookId: hook.id! });
      await client.groupApi.createGroup({ group: { profile: { name: 'Retry me' } } });
      await rx.until(3);
      const deliveries = async () => (await o.control('GET', 'okta/hooks/deliveries')).deliveries;
      while (!(await deliveries()).length) await new Promise((r) => setImmediate(r));
      expect((await deliveries()).map((d: any) => [d.outcome, d.attempts, d.status])).toEqual([['FAILURE', 2, 500]]);
      const failures = await all(client.systemLogApi.listLogEvents({ since: new Date(Date.now() - 60_000).toISOString(), until: new Date(Date.now() + 60_000).toISOString(), filter: 'eventType eq "event_hook.delivery"' }));
      expect(failures.map((e) => e.outcome?.result)).toEqual(['FAILURE']);
    } finally {
      await rx.close();
    }
  });

  it('refuses a failed verification, plain-HTTP non-local URIs, and deleting an ACTIVE hook', async () => {
    const { client } = await org(server, 'hook-refusals');
    await expect(
      client.eventHookApi.createEventHook({ eventHook: { name: 'Plain', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] }, channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'http://example.com/hook' } } } as any }),
    ).rejects.toSatisfy((e: any) => e.errorCode === 'E0000001' && e.errorSummary === 'Api validation failed: channel.config.uri');
    const dead = await client.eventHookApi.createEventHook({
      eventHook: { name: 'Dead end', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] }, channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'http://127.0.0.1:9/nothing' } } } as any,
    });
    await expect(client.eventHookApi.verifyEventHook({ eventHookId: dead.id! })).rejects.toSatisfy((e: any) => e.status === 400 && e.errorCode === 'E0000001');
    await expect(client.eventHookApi.deleteEventHook({ eventHookId: dead.id! })).rejects.toSatisfy((e: any) => e.errorCode === 'E0000001');
    await client.eventHookApi.deactivateEventHook({ eventHookId: dead.id! });
    await client.eventHookApi.deleteEventHook({ eventHookId: dead.id! });
    expect(await all(client.eventHookApi.listEventHooks())).toEqual([]);
  });
});
