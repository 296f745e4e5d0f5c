/** Google push channels (Calendar and Drive `watch`, `channels.stop`): a channel per watched resource, notified by POSTs carrying the X-Goog-* headers. */
import type { Tenant } from '../../../src/core/tenant.js';
import { onResourceChange, type ResourceChange } from '../resource-events.js';

export interface ChannelRec {
  id: string;
  resourceId: string;
  resourceUri: string;
  address: string;
  token?: string;
  expiration: number;
  /** What the channel watches (`events:<calendarId>`). */
  key: string;
  /** Who opened the channel; a change they cannot see is not announced to them. */
  owner?: string;
  sent: number;
}

export interface ChannelDelivery {
  channelId: string;
  /** `sync` first, then `exists` (Calendar), Drive's `change`, `update`, `trash`, `untrash`, `remove`, or the Directory event (`add`, `update`, `delete`, …). */
  state: string;
  changed?: string[];
  messageNumber: number;
  body?: unknown;
  status?: number;
  error?: string;
}

const channels = (t: Tenant) => t.meta<ChannelRec[]>('push:channels', () => []);
export const channelDeliveries = (t: Tenant) => t.meta<ChannelDelivery[]>('push:deliveries', () => []);

const DAY_MS = 86_400_000;
const DELIVERY_LOG = 1000;

function notify(t: Tenant, c: ChannelRec, state: string, change?: ResourceChange): void {
  const body = change?.body;
  const changed = change?.changed;
  c.sent += 1;
  const headers: Record<string, string> = {
    'X-Goog-Channel-ID': c.id,
    'X-Goog-Channel-Expiration': new Date(c.expiration).toUTCString(),
    'X-Goog-Resource-ID': c.resourceId,
    'X-Goog-Resource-URI': c.resourceUri,
    'X-Goog-Resource-State': state,
    'X-Goog-Message-Number': String(c.sent),
    ...(c.token ? { 'X-Goog-Channel-Token': c.token } : {}),
    ...(changed?.length ? { 'X-Goog-Changed': changed.join(',') } : {}),
  };
  const d: ChannelDelivery = { channelId: c.id, state, messageNumber: c.sent, ...(changed?.length ? { changed } : {}), ...(body === undefined ? {} : { body }) };
  const log = channelDeliveries(t);
  log.push(d);
  // A record for inspection, not state Google keeps: the latest ones only, so a long-lived twin's memory and data files stay flat.
  if (log.length > DELIVERY_LOG) log.splice(0, log.length - DELIVERY_LOG);
  t.markDirty();
  const payload = body === undefined ? {} : { body: JSON.stringify(body), headers: { ...headers, 'Content-Type': 'application/json; charset=UTF-8' } };
  void fetch(c.address, { method: 'POST', headers, ...payload }).then(
    (r) => void (d.status = r.status),
    (e: Error) => void (d.error = e.message),
  );
}

/** Opens a channel and sends the `sync` message Google sends first. */
export function openChannel(t: Tenant, key: string, resourceUri: string, body: Record<string, unknown>, owner?: string): ChannelRec {
  const ttl = Number((body.params as Record<string, unknown> | undefined)?.ttl ?? 7 * 24 * 3600) * 1000;
  const c: ChannelRec = {
    id: String(body.id),
    resourceId: t.random.chars(27, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
    resourceUri,
    address: String(body.address),
    token: typeof body.token === 'string' ? body.token : undefined,
    expiration: typeof body.expiration === 'string' || typeof body.expiration === 'number' ? Number(body.expiration) : t.now().getTime() + Math.min(ttl, 30 * DAY_MS),
    key,
    owner,
    sent: 0,
  };
  channels(t).push(c);
  notify(t, c, 'sync');
  return c;
}

export function closeChannel(t: Tenant, id: string, resourceId: string): boolean {
  const list = channels(t);
  const i = list.findIndex((c) => c.id === id && c.resourceId === resourceId);
  if (i < 0) return false;
  list.splice(i, 1);
  t.markDirty();
  return true;
}

let subscribed = false;
export function startChannels(): void {
  if (subscribed) return;
  subscribed = true;
  onResourceChange((t, key, visibleTo, change) => {
    const open = channels(t);
    // Most writes happen with no channel open: nothing to read the clock for.
    if (!open.length) return;
    const now = t.now().getTime();
    for (const c of open) if (c.key === key && c.expiration > now && (!visibleTo || (c.owner && visibleTo(c.owner)))) notify(t, c, change?.state ?? 'exists', change);
  });
}
