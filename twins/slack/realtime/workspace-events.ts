// Subscribes the realtime side to the model's workspace events: presents them in Slack's event shapes and hands them to the bus.
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { subscribe, type EmitOptions, type WorkspaceEvent } from '../model/events.js';
import { messageOut } from '../present/messages.js';
import { appForBotUser, channelType, tsText } from '../store.js';
import type { Conversation, MessageDoc } from '../types.js';
import { publishEvent } from './bus.js';

type Observer = (tenant: Tenant, event: Record<string, unknown>, opts: EmitOptions) => void;
const observers = new WeakMap<Twin, Set<Observer>>();

/** Sees every event the bus is handed (tests, diagnostics), independent of delivery. */
export function observeEvents(twin: Twin, fn: Observer): () => void {
  let set = observers.get(twin);
  if (!set) observers.set(twin, (set = new Set()));
  set.add(fn);
  return () => set!.delete(fn);
}

/** Connects the model's events to delivery for one twin; returns the disconnect function. */
export function deliverWorkspaceEvents(twin: Twin): () => void {
  return subscribe(twin, (tenant, e) => {
    for (const [ev, opts] of slackEvents(tenant, e)) {
      for (const fn of observers.get(twin) ?? []) fn(tenant, ev, opts);
      publishEvent(twin, tenant, ev, opts);
    }
  });
}

/** The events a change announces, each with `event_ts` as its first field (the event's own, else the clock's). */
function slackEvents(tenant: Tenant, e: WorkspaceEvent): Array<[Record<string, unknown>, EmitOptions]> {
  return e.kind === 'event' ? [[{ event_ts: eventTs(tenant), ...e.event }, e.opts]] : messageEvents(tenant, e.conversation, e.message);
}

/**
 * A stored message as Slack announces it: `message` to the channel, and `app_mention` to each app whose bot it
 * mentions. Each is built in its final field order (`event_ts` first, the message's ts), not copied again.
 */
function messageEvents(tenant: Tenant, conv: Conversation, doc: MessageDoc): Array<[Record<string, unknown>, EmitOptions]> {
  const out: Array<[Record<string, unknown>, EmitOptions]> = [];
  const message = messageOut(tenant, doc, conv.id, { event_ts: doc.ts, type: 'message' });
  message.channel = conv.id;
  message.event_ts = doc.ts;
  message.channel_type = channelType(conv);
  out.push([message, { channel: conv.id, user: doc.user }]);
  // app_mention goes to each app whose bot user is mentioned, never for the bot's own posts.
  for (const m of doc.text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)) {
    const app = appForBotUser(tenant, m[1]);
    if (!app || doc.user === app.bot_user_id || doc.bot_id === app.bot_id) continue;
    const ev: Record<string, unknown> = { event_ts: doc.ts, type: 'app_mention', user: doc.user, text: doc.text, ts: doc.ts, channel: conv.id, team: doc.team };
    if (doc.blocks) ev.blocks = doc.blocks;
    if (doc.thread_ts) ev.thread_ts = doc.thread_ts;
    if (doc.bot_id) ev.bot_id = doc.bot_id;
    if (doc.client_msg_id) ev.client_msg_id = doc.client_msg_id;
    out.push([ev, { channel: conv.id, user: doc.user, app: app.id }]);
  }
  return out;
}

/** Event timestamps share the message ts format but not its per-channel uniqueness. */
function eventTs(tenant: Tenant): string {
  const ms = tenant.now().getTime();
  return tsText(Math.floor(ms / 1000), (ms % 1000) * 1000);
}
