// Tenant isolation for pushed data: one workspace's Socket Mode and RTM sockets and Events API request URL never carry another workspace's events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { startSlack } from '../slack/helpers.js';
import { rawSocket, receiver, rtWorkspace, until, type Received } from '../slack/realtime-helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startSlack();
});
afterAll(async () => {
  await server.close();
});

async function api(base: string, token: string, method: string, args: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(args) });
  return res.json() as Promise<any>;
}

describe('Slack realtime isolation', () => {
  it("B's messages reach neither A's Socket Mode and RTM sockets nor C's request URL; A's app token opens nothing in B", async () => {
    const a = await rtWorkspace(server, 'iso-rt-a');
    const b = await rtWorkspace(server, 'iso-rt-b');
    const c = await rtWorkspace(server, 'iso-rt-c');
    const closers: Array<() => unknown> = [];
    try {
      // C receives events over HTTP.
      const rx = await receiver((r: Received) => {
        const body = r.body.startsWith('{') ? JSON.parse(r.body) : {};
        return body.type === 'url_verification' ? { status: 200, body: JSON.stringify({ challenge: body.challenge }) } : { status: 200 };
      });
      closers.push(() => rx.close());
      expect((await c.slack('PUT', `apps/${c.creds.appId}/config`, { socket_mode: false, request_url: rx.url })).status).toBe(200);

      // A listens over Socket Mode and RTM.
      const opened = await api(a.base, a.creds.appToken, 'apps.connections.open');
      expect(opened.ok).toBe(true);
      const sm = await rawSocket(opened.url);
      closers.push(() => sm.ws.close());
      const rtm = await rawSocket((await a.bot.rtm.connect()).url!);
      closers.push(() => rtm.ws.close());
      await until(() => sm.frames.find((f) => f.type === 'hello') && rtm.frames.find((f) => f.type === 'hello'), 'hellos');

      // A's tokens under B's prefix: refused, and a socket URL moved to B's prefix carries nothing of B.
      expect(await api(b.base, a.creds.appToken, 'apps.connections.open')).toMatchObject({ ok: false, error: 'invalid_auth' });
      expect(await api(b.base, a.creds.botToken, 'rtm.connect')).toMatchObject({ ok: false, error: 'invalid_auth' });
      const moved = opened.url.replace(`/t/${a.tenant}/`, `/t/${b.tenant}/`);
      const stray = await rawSocket(moved).catch(() => undefined);
      if (stray) closers.push(() => stray.ws.close());

      const say = (w: typeof a, text: string) => w.act('message', { user: w.person('alice'), channel: w.channel('general'), text });
      await say(b, 'zq-secret-of-b');
      await say(a, 'zq-hello-a');
      await say(c, 'zq-hello-c');
      // Positive controls: each listener does receive its own workspace's event.
      await until(() => JSON.stringify(sm.frames).includes('zq-hello-a'), "A's Socket Mode event");
      await until(() => JSON.stringify(rtm.frames).includes('zq-hello-a'), "A's RTM event");
      await until(() => rx.requests.some((r) => r.body.includes('zq-hello-c')), "C's HTTP event");
      await new Promise((r) => setTimeout(r, 300));
      for (const [name, seen] of [['socket mode', sm.frames], ['rtm', rtm.frames], ['moved socket', stray?.frames ?? []], ['request url', rx.requests.map((r) => r.body)]] as const) {
        expect(JSON.stringify(seen), name).not.toContain('zq-secret-of-b');
      }
      expect(JSON.stringify(stray?.frames ?? [])).not.toContain('zq-hello-a');
    } finally {
      for (const close of closers.reverse()) await close();
    }
  }, 30_000);
});
