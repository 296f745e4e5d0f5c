/** Cloud Pub/Sub push, as far as Workspace notifications need it: topics with push subscriptions, and the POST a push endpoint receives. */
import type { Hono } from 'hono';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import type { Tenant } from '../../../src/core/tenant.js';
import type { Twin } from '../../../src/core/twin.js';
import { TenantRegistry } from '../../../src/core/registry.js';
import { onMailboxChange } from '../gmail/model/mailbox.js';
import { watchFor } from '../gmail/model/watch.js';
import { channelDeliveries } from './channels.js';

interface Subscription {
  name: string;
  topic: string;
  pushEndpoint: string;
}

export interface PushDelivery {
  subscription: string;
  endpoint: string;
  body: Record<string, unknown>;
  status?: number;
  error?: string;
}

const subscriptions = (t: Tenant) => t.meta<Subscription[]>('pubsub:subscriptions', () => []);
const deliveries = (t: Tenant) => t.meta<PushDelivery[]>('pubsub:deliveries', () => []);

/** Publishes to every push subscription of a topic, in Pub/Sub's push format (data base64, ids as strings). */
export function publish(t: Tenant, topic: string, data: Record<string, unknown>): void {
  const publishTime = t.now().toISOString();
  for (const s of subscriptions(t).filter((x) => x.topic === topic)) {
    const messageId = t.random.digits(16);
    const body = {
      message: { data: Buffer.from(JSON.stringify(data)).toString('base64'), messageId, message_id: messageId, publishTime, publish_time: publishTime },
      subscription: s.name,
    };
    const d: PushDelivery = { subscription: s.name, endpoint: s.pushEndpoint, body };
    deliveries(t).push(d);
    t.markDirty();
    void fetch(s.pushEndpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      (r) => void (d.status = r.status),
      (e: Error) => void (d.error = e.message),
    );
  }
}

let subscribed = false;
/** Gmail announces mailbox changes; a watched mailbox's change becomes a message on the watch's topic. */
export function startPubsub(): void {
  if (subscribed) return;
  subscribed = true;
  onMailboxChange((t, email, historyId, labelIds) => {
    const w = watchFor(t, email, labelIds);
    if (w) publish(t, w.topicName, { emailAddress: email, historyId });
  });
}

export const tenantOf = (c: { env: DtuEnv['Bindings']; req: { query(k: string): string | undefined } }) => {
  const q = c.req.query('tenant');
  return c.env.tenantName ?? (q && TenantRegistry.isValidName(q) ? q : 'default');
};

/** `/_dtu/google/pubsub/*` and `/_dtu/google/push/*`: create push subscriptions (the test's endpoint stands in for the subscriber) and read what was pushed. */
export function pubsubControl(app: Hono<DtuEnv>, twin: Twin): void {
  app.post('/_dtu/google/pubsub/subscriptions', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Partial<Subscription>;
    if (typeof body.topic !== 'string' || !/^projects\/[^/]+\/topics\/[^/]+$/.test(body.topic) || typeof body.pushEndpoint !== 'string' || !/^https?:\/\//.test(body.pushEndpoint)) {
      return c.json({ error: { code: 400, message: 'topic (projects/P/topics/T) and pushEndpoint (http[s] URL) are required' } }, 400);
    }
    const t = twin.tenant(tenantOf(c));
    const sub = { name: body.name ?? `${body.topic.replace('/topics/', '/subscriptions/')}-push`, topic: body.topic, pushEndpoint: body.pushEndpoint };
    subscriptions(t).push(sub);
    t.markDirty();
    return c.json(sub);
  });
  app.get('/_dtu/google/pubsub/deliveries', (c) => c.json({ deliveries: deliveries(twin.tenant(tenantOf(c))) }));
  // What push channels (Calendar, Drive watch) were sent, for tests whose endpoint cannot be reached.
  app.get('/_dtu/google/push/deliveries', (c) => c.json({ deliveries: channelDeliveries(twin.tenant(tenantOf(c))) }));
}
