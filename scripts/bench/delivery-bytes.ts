/**
 * Heap held per Slack delivery waiting for its retries (the fixture's Socket Mode app has no connection): posts,
 * edits and deletes messages in-process as the steady soak does, then drops the deliveries and divides the heap
 * freed by how many were waiting. Run with `--expose-gc`; `--snapshot DIR` also writes heap snapshots before and after the drop
 * (compare them with `scripts/bench/heapsnapshot.ts DIR/dropped.heapsnapshot DIR/waiting.heapsnapshot`).
 *
 *   node --expose-gc --import tsx scripts/bench/delivery-bytes.ts [--messages 5000] [--snapshot DIR]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { createVendorTwin } from '../../src/vendors.js';
import { realtime } from '../../twins/slack/realtime/runtime.js';
import { heapAfterGc } from './proc.js';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '5000' }, snapshot: { type: 'string' } } });
const N = Number(values.messages);
const heap = heapAfterGc;
heap();

const twin = await createVendorTwin('slack');
const call = async (method: string, token: string, body: Record<string, string>) => {
  const res = await twin.fetch(new Request(`http://slack.test/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() }));
  const json = (await res.json()) as Record<string, any>;
  if (!json.ok) throw new Error(`${method}: ${JSON.stringify(json)}`);
  return json;
};
const creds = (await (await twin.fetch(new Request('http://slack.test/_dtu/credentials'))).json()) as Record<string, string>;
const channel = (await call('conversations.create', creds.botToken, { name: 'delivery-bytes' })).channel.id as string;
const rt = realtime(twin);
const before = heap();
for (let i = 0; i < N; i++) {
  const { ts } = await call('chat.postMessage', creds.botToken, { channel, text: `bench m${i}` });
  await call('chat.update', creds.botToken, { channel, ts, text: `edited u${i}` });
  await call('chat.delete', creds.botToken, { channel, ts });
  // Lets the delivery ticker run, as a server's event loop would between requests.
  if (i % 50 === 49) await new Promise((r) => setImmediate(r));
}
// As in the steady soak, most waiting events have made their first attempt, the immediate retry and the one a
// minute later (the twin clock is moved past it), and wait for the last, five minutes after that.
await new Promise((r) => setTimeout(r, 50));
twin.clock.advance(61_000);
await new Promise((r) => setTimeout(r, 50));
twin.journal.clear();
const loaded = heap();
let waiting = 0;
let attempts = 0;
for (const d of rt.deliveries.values()) if (d.state === 'pending' || d.state === 'in_flight') (waiting++, (attempts += d.attempts.length));
if (values.snapshot) {
  mkdirSync(values.snapshot, { recursive: true });
  console.error(`wrote ${writeHeapSnapshot(join(values.snapshot, 'waiting.heapsnapshot'))}`);
}
rt.stop();
rt.deliveries.clear();
rt.byEnvelope.clear();
rt.eventLog.length = 0;
const dropped = heap();
if (values.snapshot) console.error(`wrote ${writeHeapSnapshot(join(values.snapshot, 'dropped.heapsnapshot'))}`);
console.log(`${waiting} deliveries waiting of ${N * 3} events (${(attempts / waiting).toFixed(2)} attempts made each); heap +${((loaded - before) / 2 ** 20).toFixed(1)} MiB over the load, ${((loaded - dropped) / 2 ** 20).toFixed(1)} MiB freed by dropping them: ${Math.round((loaded - dropped) / waiting)} B per waiting delivery`);
await twin.close();
