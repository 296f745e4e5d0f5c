// What Slack does with an app's replies to a person: slash-command ack payloads, response_url posts, ephemeral messages.
import type { Hono } from 'hono';
import type { Twin } from '../../../src/core/twin.js';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { TenantRegistry } from '../../../src/core/registry.js';
import { channelType, getConversation, messages, nextTs, team, type MessageDoc } from '../store.js';
import { postMessage } from '../model/messages.js';
import { messageOut } from '../present/messages.js';
import { botProfile } from '../present/bots.js';
import { emitEvent } from '../model/events.js';
import { getApp, type RealtimeApp } from './installed-apps.js';
import { secret } from './ids.js';
import { deliverEphemeral } from './rtm-feed.js';

/** A response_url works five times within 30 minutes (https://api.slack.com/interactivity/handling#message_responses). */
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;

interface ResponseUrlDoc extends Doc {
  kind: 'commands' | 'actions';
  app_id: string;
  user_id: string;
  channel_id: string;
  /** The message the interaction came from (block_actions, message shortcuts). */
  message_ts?: string;
  /** That message was ephemeral: replace/delete act on the person's ephemeral copy. */
  ephemeral?: boolean;
  expires: number;
  uses: number;
}

const responseUrls = (t: Tenant) => t.collection<ResponseUrlDoc>('response_urls');

/** The Web API's store for ephemeral messages (chat.postEphemeral writes here too). */
export interface EphemeralDoc extends Doc {
  ts: string;
  channel: string;
  /** The one person who sees it. */
  user: string;
  /** Who posted it (a person or the app's bot user). */
  from?: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
  app_id?: string;
  bot_id?: string;
}

export const ephemerals = (t: Tenant) => t.collection<EphemeralDoc>('ephemeral');

/** Mints a response_url for an interaction, in the shape of Slack's hooks URLs. */
export function newResponseUrl(twin: Twin, tenant: Tenant, baseUrl: string, r: Omit<ResponseUrlDoc, 'id' | 'expires' | 'uses'>): string {
  const key = secret(tenant, 24);
  responseUrls(tenant).put({ ...r, id: key, expires: twin.clock.ms() + RESPONSE_URL_TTL_MS, uses: 0 } as ResponseUrlDoc);
  return `${baseUrl}/${r.kind}/${team(tenant).id}/${tenant.random.digits(13)}/${key}`;
}

interface Reply {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
  thread_ts?: string;
}

const hasContent = (r: Reply) => typeof r.text === 'string' || Array.isArray(r.blocks) || Array.isArray(r.attachments);

const bool = (v: unknown) => v === true || v === 'true';

/** Posts as the app's bot (Slack attributes command and interaction responses to the app). */
function postAsApp(twin: Twin, tenant: Tenant, app: RealtimeApp, channel: string, r: Reply): MessageDoc {
  return postMessage(twin, tenant, channel, {
    user: app.bot_user_id || undefined, bot_id: app.bot_id || undefined, app_id: app.id, bot_profile: botProfile(tenant, app),
    text: r.text ?? '', blocks: r.blocks, attachments: r.attachments, thread_ts: r.thread_ts,
  });
}

/** Keeps an ephemeral message (for the person's later interactions with it) and shows it to them on their connected clients. */
export function storeEphemeral(twin: Twin, tenant: Tenant, doc: EphemeralDoc): EphemeralDoc {
  ephemerals(tenant).put(doc);
  const { id: _id, from, user: _to, app_id, bot_id, ...rest } = doc;
  deliverEphemeral(twin, tenant, doc.user, { ...rest, user: from, ...(bot_id ? { bot_id } : {}), ...(app_id ? { app_id } : {}), team: team(tenant).id, event_ts: doc.ts });
  return doc;
}

function postEphemeral(twin: Twin, tenant: Tenant, app: RealtimeApp, channel: string, userId: string, r: Reply): string {
  const ts = nextTs(tenant);
  storeEphemeral(twin, tenant, { id: ts, ts, channel, user: userId, from: app.bot_user_id, app_id: app.id, bot_id: app.bot_id || undefined, text: r.text ?? '', ...(r.blocks ? { blocks: r.blocks } : {}), ...(r.attachments ? { attachments: r.attachments } : {}), ...(r.thread_ts ? { thread_ts: r.thread_ts } : {}) });
  return ts;
}

/**
 * A slash command's ack payload (Socket Mode ack or HTTP body) becomes its response
 * (https://api.slack.com/interactivity/slash-commands#responding_immediate_response):
 * ephemeral by default; `in_channel` shows the invocation and the reply to everyone.
 */
export function applyCommandAck(twin: Twin, tenant: Tenant, appId: string, f: { userId: string; channelId: string; command: string; text: string }, ack: Record<string, unknown>): Record<string, unknown> {
  const app = getApp(tenant, appId);
  const r = ack as Reply;
  if (!app || !hasContent(r)) return { response: 'none' };
  if (r.response_type === 'in_channel' && getConversation(tenant, f.channelId)) {
    postMessage(twin, tenant, f.channelId, { user: f.userId, text: `${f.command}${f.text ? ` ${f.text}` : ''}` });
    const m = postAsApp(twin, tenant, app, f.channelId, r);
    return { response: 'in_channel', ts: m.ts };
  }
  return { response: 'ephemeral', ts: postEphemeral(twin, tenant, app, f.channelId, f.userId, r) };
}

function replaceMessage(twin: Twin, tenant: Tenant, channel: string, ts: string, r: Reply): boolean {
  const store = messages(tenant, channel);
  const m = store.get(ts);
  const conv = getConversation(tenant, channel);
  if (!m || !conv) return false;
  const previous = messageOut(tenant, m, channel);
  store.patch(ts, { text: r.text ?? '', blocks: r.blocks, attachments: r.attachments });
  const now = messageOut(tenant, store.get(ts)!, channel);
  emitEvent(twin, tenant, { type: 'message', subtype: 'message_changed', hidden: true, channel, ts: nextTs(tenant), message: now, previous_message: previous, channel_type: channelType(conv) }, { channel });
  return true;
}

function deleteOriginal(twin: Twin, tenant: Tenant, channel: string, ts: string): boolean {
  const store = messages(tenant, channel);
  const m = store.get(ts);
  const conv = getConversation(tenant, channel);
  if (!m || !conv) return false;
  const previous = messageOut(tenant, m, channel);
  store.delete(ts);
  emitEvent(twin, tenant, { type: 'message', subtype: 'message_deleted', hidden: true, channel, ts: nextTs(tenant), deleted_ts: ts, previous_message: previous, channel_type: channelType(conv) }, { channel });
  return true;
}

function findResponseUrl(twin: Twin, preferred: string | undefined, key: string): { tenant: Tenant; doc: ResponseUrlDoc } | undefined {
  const names = preferred ? [preferred] : twin.registry.names();
  for (const n of names) {
    const t = twin.tenant(n);
    const doc = responseUrls(t).get(key);
    if (doc) return { tenant: t, doc };
  }
  return undefined;
}

/**
 * Routes: POST /commands/:team/:n/:key and POST /actions/:team/:n/:key — the response_url
 * an app posts JSON to: `{text, blocks, response_type, replace_original, delete_original, thread_ts}`.
 */
export function responseUrlRoutes(app: Hono<DtuEnv>, twin: Twin): void {
  const handle = async (c: import('hono').Context<DtuEnv>) => {
    const name = c.env.tenantName && TenantRegistry.isValidName(c.env.tenantName) ? c.env.tenantName : undefined;
    const found = findResponseUrl(twin, name, c.req.param('key') ?? '');
    if (!found || found.doc.kind !== c.req.path.split('/')[1]) return c.json({ ok: false, error: 'no_service' }, 404);
    const { tenant, doc } = found;
    if (doc.expires <= twin.clock.ms()) return c.json({ ok: false, error: 'expired_url' }, 404);
    if (doc.uses >= RESPONSE_URL_USES) return c.json({ ok: false, error: 'used_url' }, 404);
    let body: Reply;
    try {
      const raw = await c.req.text();
      const media = (c.req.header('content-type') ?? '').toLowerCase();
      const parsed = media.includes('x-www-form-urlencoded') ? JSON.parse(new URLSearchParams(raw).get('payload') ?? '{}') : JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Reply;
    } catch {
      return c.json({ ok: false, error: 'invalid_payload' }, 400);
    }
    const a = getApp(tenant, doc.app_id);
    if (!a) return c.json({ ok: false, error: 'no_service' }, 404);
    responseUrls(tenant).patch(doc.id, { uses: doc.uses + 1 });
    if (doc.ephemeral && doc.message_ts && (bool(body.delete_original) || bool(body.replace_original))) {
      const e = ephemerals(tenant).find((x) => x.ts === doc.message_ts && x.user === doc.user_id);
      if (!e) return c.json({ ok: false, error: 'message_not_found' }, 404);
      if (bool(body.delete_original)) ephemerals(tenant).delete(e.id);
      else ephemerals(tenant).patch(e.id, { text: body.text ?? '', blocks: body.blocks, ...(body.attachments ? { attachments: body.attachments } : {}) });
      return c.json({ ok: true });
    }
    if (bool(body.delete_original)) {
      if (!doc.message_ts || !deleteOriginal(twin, tenant, doc.channel_id, doc.message_ts)) return c.json({ ok: false, error: 'message_not_found' }, 404);
      return c.json({ ok: true });
    }
    if (!hasContent(body)) return c.json({ ok: false, error: 'no_text' }, 400);
    if (bool(body.replace_original) && doc.message_ts) {
      if (!replaceMessage(twin, tenant, doc.channel_id, doc.message_ts, body)) return c.json({ ok: false, error: 'message_not_found' }, 404);
      return c.json({ ok: true });
    }
    if (body.response_type === 'in_channel') {
      if (!getConversation(tenant, doc.channel_id)) return c.json({ ok: false, error: 'channel_not_found' }, 404);
      postAsApp(twin, tenant, a, doc.channel_id, body);
    } else {
      postEphemeral(twin, tenant, a, doc.channel_id, doc.user_id, body);
    }
    return c.json({ ok: true });
  };
  app.post('/commands/:team/:n/:key', handle);
  app.post('/actions/:team/:n/:key', handle);
}
