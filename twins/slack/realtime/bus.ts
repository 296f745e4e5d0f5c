// Event bus: Events API envelopes, subscriptions and authorizations for one workspace event, handed on to delivery and RTM.
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { channelType, getConversation, team } from '../store.js';
import { eventId } from './ids.js';
import { allApps, botToken, isMember, scopeList, userTokens, verificationToken, type RealtimeApp } from './installed-apps.js';
import { enqueue } from './delivery.js';
import { appRateLimited } from './event-limits.js';
import { EventEnvelope, realtime, type EnvelopeHead } from './runtime.js';
import { feedRtm } from './rtm-feed.js';

export interface PublishOptions {
  /** Channel the event happened in (decides which bots can see it). */
  channel?: string;
  /** User who caused the event. */
  user?: string;
  /** The one app the event concerns (app_home_opened, tokens_revoked, an app_mention of its bot). */
  app?: string;
}

/**
 * Scopes that let an app subscribe to an event (any one suffices), per the
 * event reference at https://api.slack.com/events. Events not listed need none.
 */
const EVENT_SCOPES: Record<string, string[]> = {
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.im': ['im:history'],
  'message.mpim': ['mpim:history'],
  app_mention: ['app_mentions:read'],
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  member_joined_channel: ['channels:read', 'groups:read'],
  member_left_channel: ['channels:read', 'groups:read'],
  channel_created: ['channels:read'],
  channel_deleted: ['channels:read'],
  channel_rename: ['channels:read'],
  channel_archive: ['channels:read'],
  channel_unarchive: ['channels:read'],
  group_rename: ['groups:read'],
  group_archive: ['groups:read'],
  group_unarchive: ['groups:read'],
  pin_added: ['pins:read'],
  pin_removed: ['pins:read'],
  team_join: ['users:read'],
  user_change: ['users:read'],
  file_shared: ['files:read'],
  file_created: ['files:read'],
  file_deleted: ['files:read'],
};

/** Public-channel lifecycle and team events reach every subscribed app, member or not. */
const TEAM_WIDE = new Set(['channel_created', 'channel_deleted', 'channel_rename', 'channel_archive', 'channel_unarchive', 'team_join', 'user_change', 'emoji_changed', 'file_created', 'file_deleted']);

const AFTER_REVOKE = new Set(['tokens_revoked', 'app_uninstalled']);

/** Events about one app only; never broadcast. */
const APP_TARGETED = new Set(['app_home_opened', 'tokens_revoked', 'app_uninstalled', 'app_mention', 'agent_session_stopped']);

/**
 * Wraps `event` in the Events API envelope for every installed app subscribed to its type
 * (and allowed to see it), and queues delivery over Socket Mode or HTTP; also feeds RTM clients.
 */
export function publishEvent(twin: Twin, tenant: Tenant, event: Record<string, unknown>, opts: PublishOptions = {}): void {
  const type = String(event.type ?? '');
  if (!type) return;
  const channel = opts.channel ?? channelOf(event);
  const rt = realtime(twin);
  const entry = { at: twin.clock.now().toISOString(), tenant: tenant.name, type, channel, deliveries: [] as Array<{ app: string; delivery: string; event_id: string }>, skipped: [] as Array<{ app: string; reason: string }>, rtm: 0 };
  const sub = subscriptionName(tenant, event, channel);
  const targets = targetApps(tenant, type, event, opts);
  for (const app of allApps(tenant)) {
    if (targets && !targets.has(app.id)) continue;
    const auth = authorizationFor(tenant, app, sub, type, channel);
    if (typeof auth === 'string') {
      entry.skipped.push({ app: app.id, reason: auth });
      continue;
    }
    // With Socket Mode off, Slack sends events only to a configured request URL.
    if (!app.socket_mode && !app.event_subscriptions?.request_url && !rt.socketsFor(tenant.name, app.id).length) {
      entry.skipped.push({ app: app.id, reason: 'no_request_url' });
      continue;
    }
    const limit = rt.eventLimit(tenant.name, app.id);
    if (!limit.admit(twin.clock.ms(), tenant.retention.eventsPerHour)) {
      entry.skipped.push({ app: app.id, reason: 'app_rate_limited' });
      const minute = limit.noticeDue(twin.clock.ms());
      if (minute !== undefined) enqueue(twin, tenant, { appId: app.id, kind: 'events_api', payload: appRateLimited(verificationToken(tenant, app), team(tenant).id, app.id, minute) });
      continue;
    }
    const envelope = eventEnvelope(twin, tenant, app, event, auth, channel);
    const d = enqueue(twin, tenant, { appId: app.id, kind: 'events_api', payload: envelope });
    entry.deliveries.push({ app: app.id, delivery: d.id, event_id: envelope.event_id });
  }
  if (!APP_TARGETED.has(type)) entry.rtm = feedRtm(twin, tenant, event, channel);
  rt.log(entry);
}

function channelOf(event: Record<string, unknown>): string | undefined {
  if (typeof event.channel === 'string') return event.channel;
  if (event.channel && typeof event.channel === 'object' && typeof (event.channel as { id?: unknown }).id === 'string') return (event.channel as { id: string }).id;
  if (typeof event.channel_id === 'string') return event.channel_id;
  const item = event.item as { channel?: unknown } | undefined;
  return typeof item?.channel === 'string' ? item.channel : undefined;
}

/** Message events subscribe by conversation type (`message.channels`, `message.im`, …); others by their type. */
function subscriptionName(tenant: Tenant, event: Record<string, unknown>, channel: string | undefined): string {
  if (event.type !== 'message') return String(event.type);
  const conv = channel ? getConversation(tenant, channel) : undefined;
  const ct = typeof event.channel_type === 'string' ? event.channel_type : conv ? channelType(conv) : 'channel';
  return ct === 'channel' ? 'message.channels' : ct === 'group' ? 'message.groups' : `message.${ct}`;
}

/** Apps an app-targeted event may reach: the named app, or for app_mention every app whose bot is mentioned. */
function targetApps(tenant: Tenant, type: string, event: Record<string, unknown>, opts: PublishOptions): Set<string> | undefined {
  if (!APP_TARGETED.has(type)) return undefined;
  if (opts.app) return new Set([opts.app]);
  if (type !== 'app_mention') return new Set();
  const text = typeof event.text === 'string' ? event.text : '';
  const mentioned = new Set([...text.matchAll(/<@([UWB][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]));
  return new Set(allApps(tenant).filter((a) => mentioned.has(a.bot_user_id)).map((a) => a.id));
}

interface Authorization {
  user_id: string;
  is_bot: boolean;
}

/** The installation an event is delivered on behalf of, or why the app does not get it. */
function authorizationFor(tenant: Tenant, app: RealtimeApp, sub: string, type: string, channel: string | undefined): Authorization | string {
  const needs = EVENT_SCOPES[sub];
  const targeted = APP_TARGETED.has(type) && type !== 'app_mention';
  const visible = (userId: string): boolean => {
    if (targeted || !channel) return true;
    const conv = getConversation(tenant, channel);
    if (TEAM_WIDE.has(type) && (!conv || !conv.is_private)) return true;
    return isMember(tenant, channel, userId);
  };
  const subs = app.event_subscriptions ?? { request_url: null, bot_events: [] };
  // Uninstall notices are sent after the bot token is gone.
  if (AFTER_REVOKE.has(type)) return (subs.bot_events ?? []).includes(type) ? { user_id: app.bot_user_id, is_bot: true } : `not_subscribed:${type}`;
  const bot = botToken(tenant, app.id);
  let reason = 'not_installed';
  if (bot) {
    const subscribed = (subs.bot_events ?? []).includes(sub);
    if (!subscribed) reason = `not_subscribed:${sub}`;
    else if (needs && !grants(bot.scopes, needs)) reason = `missing_scope:${needs.join('|')}`;
    else if (!visible(app.bot_user_id)) reason = 'not_in_channel';
    else return { user_id: app.bot_user_id, is_bot: true };
  }
  if ((subs.user_events ?? []).includes(sub)) {
    for (const tok of userTokens(tenant, app.id)) {
      if (needs && !grants(tok.scopes, needs)) continue;
      if (visible(tok.user_id)) return { user_id: tok.user_id, is_bot: false };
    }
  }
  return reason;
}

/** Whether a token's scopes (an array, or an older fixture's comma-separated text) hold any of `needs`, without copying the list per event. */
function grants(scopes: unknown, needs: string[]): boolean {
  if (!Array.isArray(scopes)) return needs.some((n) => scopeList(scopes).includes(n));
  return needs.some((n) => scopes.some((s) => String(s) === n));
}

/**
 * The Events API outer envelope (https://api.slack.com/apis/events-api#callback-field), kept as its parts until it
 * is sent (`EventEnvelope`): `event_context` is Slack's opaque `4-<base64 JSON>` handle, which
 * apps.event.authorizations.list accepts.
 */
function eventEnvelope(twin: Twin, tenant: Tenant, app: RealtimeApp, event: Record<string, unknown>, auth: Authorization, channel: string | undefined): EventEnvelope {
  const teamId = team(tenant).id;
  const enterpriseId = team(tenant).enterprise_id ?? null;
  const ts = typeof event.event_ts === 'string' ? Number(event.event_ts) : NaN;
  const head = envelopeHead(verificationToken(tenant, app), enterpriseId, teamId, app.id, auth);
  return new EventEnvelope(head, event, eventId(tenant), Number.isFinite(ts) ? Math.floor(ts) : twin.clock.seconds(), eventContext(String(event.type), teamId, app.id, channel));
}

/**
 * What every envelope for one installation repeats (token, team, app, `authorizations`), one frozen head per
 * installation shared by every envelope that names it: events waiting for an app's retries (up to an hour's
 * allowance) each held their own copy of the same few fields. Keyed by every value it holds, so an envelope keeps
 * what was true when its event fired.
 */
function envelopeHead(token: string, enterpriseId: string | null, teamId: string, appId: string, auth: Authorization): EnvelopeHead {
  const key = `${token}\n${enterpriseId === null ? '-' : `+${enterpriseId}`}\n${teamId}\n${appId}\n${auth.user_id}\n${auth.is_bot}`;
  let head = envelopeHeads.get(key);
  if (head === undefined) {
    const authorizations = Object.freeze([Object.freeze({ enterprise_id: enterpriseId, team_id: teamId, user_id: auth.user_id, is_bot: auth.is_bot, is_enterprise_install: false })]);
    head = Object.freeze({ token, team_id: teamId, enterprise_id: enterpriseId, api_app_id: appId, authorizations });
    // Bounded like the event contexts below.
    if (envelopeHeads.size >= 4096) envelopeHeads.clear();
    envelopeHeads.set(key, head);
  }
  return head;
}
const envelopeHeads = new Map<string, EnvelopeHead>();

/** Handles already encoded, by what they encode: a workspace's events repeat a few types, apps and channels. */
const contexts = new Map<string, string>();

function eventContext(et: string, tid: string, aid: string, cid: string | undefined): string {
  const key = `${et} ${tid} ${aid} ${cid ?? ''}`;
  let handle = contexts.get(key);
  if (handle === undefined) {
    const context = { et, tid, aid, ...(cid ? { cid } : {}) };
    handle = `4-${Buffer.from(JSON.stringify(context)).toString('base64').replace(/=+$/, '')}`;
    // Bounded: past a few thousand distinct handles the map starts over.
    if (contexts.size >= 4096) contexts.clear();
    contexts.set(key, handle);
  }
  return handle;
}

/** Decodes an `event_context` handle; undefined when it is not one of ours. */
export function decodeEventContext(ctx: string): { et: string; tid: string; aid: string; cid?: string } | undefined {
  const m = /^4-([A-Za-z0-9+/]+)$/.exec(ctx);
  if (!m) return undefined;
  try {
    const v = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as Record<string, unknown>;
    return typeof v.tid === 'string' && typeof v.aid === 'string' ? (v as { et: string; tid: string; aid: string; cid?: string }) : undefined;
  } catch {
    return undefined;
  }
}
