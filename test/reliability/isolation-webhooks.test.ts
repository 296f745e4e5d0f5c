// Tenant isolation for webhooks (property): Okta event hooks and Google Drive push channels of two tenants, driven by random interleaved changes, each deliver exactly their own tenant's events.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVendorTwin } from '../../src/vendors.js';
import { listen, type Listening } from '../../src/server/node.js';
import { pushGaps, startReceiver, type Receiver } from '../../scripts/reliability/soak-receiver.js';
import { freshTenant } from './helpers.js';

const SEED = Number(process.env.DTU_ISOLATION_SEED ?? 7);
// A longer run by hand: DTU_ISOLATION_WEBHOOK_RUNS=200 npx vitest run test/reliability/isolation-webhooks.test.ts
const RUNS = Number(process.env.DTU_ISOLATION_WEBHOOK_RUNS ?? 12);

let okta: Listening;
let google: Listening;
const receivers: Receiver[] = [];
beforeAll(async () => {
  okta = await listen(await createVendorTwin('okta', { journalCapacity: 100 }));
  google = await listen(await createVendorTwin('google', { journalCapacity: 100 }));
});
afterAll(async () => {
  for (const r of receivers) await r.close();
  await okta?.close();
  await google?.close();
});

async function req(url: string, method: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(url, { method, headers: { ...headers, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function until(ok: () => boolean, what: string, ms = 5000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Side {
  name: string;
  base: string;
  auth: Record<string, string>;
  rx: Receiver;
}

async function side(l: Listening, label: string, auth: (c: any) => Record<string, string>): Promise<Side> {
  const name = freshTenant(label);
  const base = `${l.url}/t/${name}`;
  const creds = await (await fetch(`${base}/_dtu/credentials`)).json();
  const rx = await startReceiver('unused ');
  receivers.push(rx);
  return { name, base, auth: auth(creds), rx };
}

describe('webhook isolation between tenants (property)', () => {
  it("Okta event hooks: each tenant's hook receives its own user creations and never the other's; the other tenant's token cannot reach its hook", async () => {
    const ssws = (c: any) => ({ authorization: `SSWS ${c.token}` });
    const [a, b] = [await side(okta, 'iso-hook-a', ssws), await side(okta, 'iso-hook-b', ssws)];
    const hookOf = new Map<Side, string>();
    for (const s of [a, b]) {
      const hook = await req(`${s.base}/api/v1/eventHooks`, 'POST', s.auth, { name: `hook ${s.name}`, events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] }, channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${s.rx.url}/okta` } } });
      expect(hook.status).toBe(200);
      expect((await req(`${s.base}/api/v1/eventHooks/${hook.json.id}/lifecycle/verify`, 'POST', s.auth)).json.verificationStatus).toBe('VERIFIED');
      hookOf.set(s, hook.json.id);
    }
    // A's token under B's prefix reaches neither B's hook nor its list (Okta's unknown-token refusal).
    for (const [method, path] of [['GET', `/api/v1/eventHooks/${hookOf.get(b)}`], ['GET', '/api/v1/eventHooks'], ['POST', `/api/v1/eventHooks/${hookOf.get(b)}/lifecycle/deactivate`], ['DELETE', `/api/v1/eventHooks/${hookOf.get(b)}`]]) {
      expect((await req(`${b.base}${path}`, method, a.auth)).status, `${method} ${path}`).toBe(401);
    }
    // Under A's own prefix, B's hook id is not found.
    expect((await req(`${a.base}/api/v1/eventHooks/${hookOf.get(b)}`, 'GET', a.auth)).status).toBe(404);

    const made = new Map<Side, Set<string>>([[a, new Set()], [b, new Set()]]);
    let n = 0;
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), async (plan) => {
        for (const toA of plan) {
          const s = toA ? a : b;
          const login = `iso${++n}@${s.name}.example`;
          const u = await req(`${s.base}/api/v1/users?activate=false`, 'POST', s.auth, { profile: { firstName: 'Iso', lastName: String(n), email: login, login } });
          expect(u.status).toBe(200);
          made.get(s)!.add(u.json.id);
          cases++;
        }
        for (const s of [a, b]) await req(`${s.base}/_dtu/okta/hooks/deliver`, 'POST', {});
        await until(() => [a, b].every((s) => s.rx.got.okta.size >= made.get(s)!.size), 'hook deliveries');
        for (const [s, other] of [[a, b], [b, a]] as const) {
          const got = [...s.rx.got.okta.keys()];
          if (got.some((id) => made.get(other)!.has(id))) return false;
          if (got.length !== made.get(s)!.size || got.some((id) => s.rx.got.okta.get(id) !== 1)) return false;
        }
        return wellFormed(a, b);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(cases).toBeGreaterThanOrEqual(RUNS);
  }, 60_000 + RUNS * 2_000);

  it("Google Drive push: two tenants' channels with the same id each announce only their own tenant's changes; the other tenant cannot stop them", async () => {
    const bearer = (c: any) => ({ authorization: `Bearer ${c.accessToken}` });
    const [a, b] = [await side(google, 'iso-push-a', bearer), await side(google, 'iso-push-b', bearer)];
    const channel = new Map<Side, string>();
    for (const s of [a, b]) {
      const start = await req(`${s.base}/drive/v3/changes/startPageToken`, 'GET', s.auth);
      // The same channel id in both tenants: delivery must follow the tenant, not the id.
      const w = await req(`${s.base}/drive/v3/changes/watch?pageToken=${start.json.startPageToken}`, 'POST', s.auth, { id: 'shared-channel-id', type: 'web_hook', address: `${s.rx.url}/google`, token: `token-${s.name}` });
      expect(w.status).toBe(200);
      channel.set(s, w.json.resourceId);
    }
    await until(() => [a, b].every((s) => pushGaps(s.rx.got.google.get('shared-channel-id')).max === 1), 'sync messages');
    // B's channel under A's own prefix is not found; A's token under B's prefix is refused.
    const stop = { id: 'shared-channel-id', resourceId: channel.get(b) };
    expect((await req(`${a.base}/drive/v3/channels/stop`, 'POST', a.auth, stop)).status).toBe(404);
    expect((await req(`${b.base}/drive/v3/channels/stop`, 'POST', a.auth, stop)).status).toBe(401);

    const changes = new Map<Side, number>([[a, 0], [b, 0]]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), async (plan) => {
        for (const toA of plan) {
          const s = toA ? a : b;
          const f = await req(`${s.base}/drive/v3/files`, 'POST', s.auth, { name: `iso ${s.name}`, mimeType: 'text/plain' });
          expect(f.status).toBe(200);
          changes.set(s, changes.get(s)! + 1);
        }
        await until(() => [a, b].every((s) => pushGaps(s.rx.got.google.get('shared-channel-id')).max >= 1 + changes.get(s)!), 'push notifications');
        await new Promise((r) => setTimeout(r, 30));
        for (const s of [a, b]) {
          const g = pushGaps(s.rx.got.google.get('shared-channel-id'));
          // Exactly one `exists` per own change after the `sync`: any of the other tenant's would push the count past it.
          if (g.max !== 1 + changes.get(s)! || g.missing || g.repeats) return false;
          if (s.rx.got.google.size !== 1) return false;
        }
        return wellFormed(a, b);
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
  }, 60_000 + RUNS * 2_000);
});

/** True when neither receiver saw a request outside its vendor's format. */
function wellFormed(a: Side, b: Side): boolean {
  return a.rx.got.malformed.length === 0 && b.rx.got.malformed.length === 0;
}
