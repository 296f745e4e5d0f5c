/** Okta SDK scenarios for auditing: reading the System Log after changes, and an event hook delivering to a local receiver. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr, userBody } from './common.js';

async function auditTrail(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const since = new Date(Date.now() - 3600_000).toISOString();
  const until = new Date(Date.now() + 3600_000).toISOString();
  const u = await client.userApi.createUser({ body: userBody('audited@example.com') });
  await client.userApi.suspendUser({ userId: u.id! });
  const events = await collect(client.systemLogApi.listLogEvents({ since, until, filter: `target.id eq "${u.id}"` }));
  const types = events.map((e) => e.eventType);
  t.check(['user.lifecycle.create', 'user.lifecycle.activate', 'user.lifecycle.suspend'].every((x) => types.includes(x)), 'create, activate and suspend are logged for the user', types);
  const e = events.find((x) => x.eventType === 'user.lifecycle.suspend')!;
  t.check(e.actor?.id === ctx.credentials.adminUserId && e.outcome?.result === 'SUCCESS' && e.published instanceof Date && e.severity === 'INFO', 'the event names the admin as actor', e);
  const paged = await collect(client.systemLogApi.listLogEvents({ since, until, limit: 5 }));
  t.check(paged.length > 5, 'the whole window pages through in fives', paged.length);
  const newest = await collect(client.systemLogApi.listLogEvents({ since, until, sortOrder: 'DESCENDING', q: 'audited' }));
  t.check(newest[0]?.eventType === 'user.lifecycle.suspend', 'DESCENDING puts the newest first', newest.map((x) => x.eventType));
  await t.expectError(() => collect(client.systemLogApi.listLogEvents({ since, until, filter: 'eventType eq' })), oktaErr(400, 'E0000031'), 'a broken filter is E0000031');
}

async function eventHook(ctx: CompatContext, t: Tracker): Promise<void> {
  const received: Array<{ method: string; headers: Record<string, unknown>; body: any }> = [];
  const waiters: Array<() => void> = [];
  const srv = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ method: req.method!, headers: req.headers, body: raw ? JSON.parse(raw) : undefined });
      waiters.splice(0).forEach((w) => w());
      res.setHeader('content-type', 'application/json');
      res.end(req.method === 'GET' ? JSON.stringify({ verification: req.headers['x-okta-verification-challenge'] }) : '');
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const uri = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hooks/okta`;
  const until = (n: number) => new Promise<void>((resolve) => {
    const check = () => (received.length >= n ? resolve() : waiters.push(check));
    check();
  });
  try {
    const client = t.track(oktaClient(ctx), '');
    const hooks = client.eventHookApi;
    const seeded = await collect(hooks.listEventHooks());
    t.check(seeded.some((h) => h.name === 'SIEM forwarder' && h.verificationStatus === 'UNVERIFIED'), 'the seeded SIEM hook waits unverified', seeded.map((h) => h.name));
    const hook = await hooks.createEventHook({
      eventHook: {
        name: 'Compat receiver',
        events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] },
        channel: { type: 'HTTP', version: '1.0.0', config: { uri, headers: [{ key: 'X-Tenant', value: ctx.tenant }], authScheme: { type: 'HEADER', key: 'Authorization', value: 'hook-secret' } } },
      } as any,
    });
    t.check(hook.status === 'ACTIVE' && hook.verificationStatus === 'UNVERIFIED', 'registered, not yet verified');
    t.check((await hooks.getEventHook({ eventHookId: hook.id! })).name === 'Compat receiver', 'read back');
    const verified = await hooks.verifyEventHook({ eventHookId: hook.id! });
    t.check(verified.verificationStatus === 'VERIFIED' && received[0]?.method === 'GET', 'verification answered the challenge', received[0]?.headers);

    const u = await client.userApi.createUser({ body: userBody('hooked@example.com') });
    await until(2);
    const post = received[1];
    t.check(post.method === 'POST' && post.headers.authorization === 'hook-secret' && post.headers['x-tenant'] === ctx.tenant, 'delivered with the configured headers', post.headers);
    t.check(post.body?.eventType === 'com.okta.event_hook' && post.body.data.events[0].target[0].id === u.id, 'the payload carries the user.lifecycle.create event', post.body);

    const renamed = await hooks.replaceEventHook({ eventHookId: hook.id!, eventHook: { name: 'Compat receiver 2', events: hook.events, channel: { type: 'HTTP', version: '1.0.0', config: { uri, headers: [], authScheme: { type: 'HEADER', key: 'Authorization', value: 'hook-secret' } } } } as any });
    t.check(renamed.name === 'Compat receiver 2' && renamed.verificationStatus === 'VERIFIED', 'renaming keeps the verification');
    await t.expectError(() => hooks.deleteEventHook({ eventHookId: hook.id! }), oktaErr(400, 'E0000001'), 'an ACTIVE hook cannot be deleted');
    await hooks.deactivateEventHook({ eventHookId: hook.id! });
    await hooks.activateEventHook({ eventHookId: hook.id! });
    await hooks.deactivateEventHook({ eventHookId: hook.id! });
    await hooks.deleteEventHook({ eventHookId: hook.id! });
    await t.expectError(() => hooks.getEventHook({ eventHookId: hook.id! }), oktaErr(404, 'E0000007'), 'a deleted hook is 404');
  } finally {
    await new Promise<void>((r) => srv.close(() => r()));
  }
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'system log: an audit trail of a change', run: auditTrail },
  {
    vendor: 'okta',
    sdk: SDK,
    name: 'event hooks: verify and receive deliveries on 127.0.0.1',
    modes: ['socket'],
    modesReason: 'the twin calls out to a local HTTP receiver, which in-process interception would swallow',
    run: eventHook,
  },
];
