/** Fills a workspace from a fixture: people, bots, apps and their tokens, channels, history; every id and secret from the tenant's random source. */
import type { Tenant } from '../../src/core/tenant.js';
import type { Twin } from '../../src/core/twin.js';
import { apps, conversations, messages, newId, nowSec, team, tokens, tsText, users, type AppDoc, type Conversation, type SlackUser, type TeamInfo, type TokenDoc } from './store.js';
import { postMessage } from './model/messages.js';
import { botProfile } from './present/bots.js';
import { admin, emojiStore, usergroups } from './store.js';
import { makeUser, type PersonFields } from './model/people.js';
import { newConversation } from './model/conversations.js';
import { issueToken } from './model/tokens.js';

interface FixtureUser extends PersonFields {
  key: string;
}

interface FixtureApp {
  key: string;
  name: string;
  /** Bot user name; absent for apps without a bot (user-token-only tools). */
  bot_name?: string;
  installer: string;
  bot_scopes?: string[];
  user_scopes?: string[];
  app_token_scopes?: string[];
  socket_mode?: boolean;
  bot_events?: string[];
  user_events?: string[];
  request_url?: string | null;
}

interface FixtureChannel {
  key: string;
  name: string;
  private?: boolean;
  general?: boolean;
  archived?: boolean;
  creator: string;
  /** User/bot keys; `*` means every active person. */
  members: string[];
  topic?: string;
  purpose?: string;
}

interface FixtureMessage {
  key?: string;
  channel: string;
  /** A user key, or an app key for bot posts. */
  from: string;
  text: string;
  thread?: string;
  reactions?: Record<string, string[]>;
  pinned?: boolean;
  minutesAgo?: number;
}

export interface SlackFixture {
  team: { name: string; domain: string; email_domain?: string; enterprise_name?: string; msg_edit_window_mins?: number };
  users: FixtureUser[];
  apps: FixtureApp[];
  channels: FixtureChannel[];
  /** Pairs (DMs) and groups (MPIMs) of user keys. */
  ims?: string[][];
  mpims?: string[][];
  messages?: FixtureMessage[];
  usergroups?: Array<{ handle: string; name: string; description?: string; users: string[] }>;
  emoji?: Record<string, string>;
  /** Pending requests from members to invite someone (admin.inviteRequests.*). */
  invite_requests?: Array<{ email: string; requester: string; channels?: string[]; reason?: string }>;
}

const DIGITS = '0123456789';

/** Issues a token for an installed app (also used by the realtime OAuth flow). */

export function populate(tenant: Tenant, fixture: unknown, twin: Twin): void {
  const fx = fixture as SlackFixture | null;
  const r = tenant.random;
  const teamId = newId(tenant, 'T');
  const info: TeamInfo = {
    id: teamId, name: fx?.team.name ?? tenant.name, domain: fx?.team.domain ?? tenant.name.toLowerCase(), email_domain: fx?.team.email_domain ?? '',
    icon: { image_default: true, image_34: 'https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-34.png', image_44: 'https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-44.png' },
  };
  if (fx?.team.enterprise_name) Object.assign(info, { enterprise_id: newId(tenant, 'E'), enterprise_name: fx.team.enterprise_name });
  if (fx?.team.msg_edit_window_mins !== undefined) info.msg_edit_window_mins = fx.team.msg_edit_window_mins;
  tenant.setMeta('team', info);
  if (!fx) return;

  const ids = new Map<string, string>();
  for (const u of fx.users) {
    const doc = users(tenant).put(makeUser(tenant, teamId, u));
    ids.set(u.key, doc.id);
  }
  const appIds = new Map<string, AppDoc>();
  for (const a of fx.apps) {
    const appId = newId(tenant, 'A');
    const app: AppDoc = {
      id: appId, name: a.name, bot_id: a.bot_name ? newId(tenant, 'B') : '', bot_user_id: '',
      scopes: { bot: a.bot_scopes ?? [], user: a.user_scopes ?? [] }, signing_secret: r.hex(32),
      client_id: `${r.chars(13, DIGITS)}.${r.chars(13, DIGITS)}`, client_secret: r.hex(32), verification_token: r.chars(24),
      event_subscriptions: { request_url: a.request_url ?? null, bot_events: a.bot_events ?? [], user_events: a.user_events ?? [] },
      socket_mode: !!a.socket_mode, installer_user_id: ids.get(a.installer),
    };
    if (a.bot_name) {
      const bot = users(tenant).put(makeUser(tenant, teamId, { name: a.bot_name, real_name: a.name, is_bot: true, bot_id: app.bot_id, app_id: appId }));
      app.bot_user_id = bot.id;
      ids.set(a.key, bot.id);
    }
    apps(tenant).put(app);
    appIds.set(a.key, app);
    if (a.bot_name) issueToken(tenant, 'bot', app, app.bot_user_id, a.bot_scopes ?? [], teamId);
    if (a.user_scopes?.length) issueToken(tenant, 'user', app, ids.get(a.installer)!, a.user_scopes, teamId);
    if (a.app_token_scopes?.length) issueToken(tenant, 'app', app, ids.get(a.installer)!, a.app_token_scopes, teamId);
  }
  const active = fx.users.filter((u) => !u.deleted).map((u) => ids.get(u.key)!);
  const chanIds = new Map<string, string>();
  for (const c of fx.channels) {
    const creator = ids.get(c.creator)!;
    const members = c.members.flatMap((k) => (k === '*' ? active : [ids.get(k)!])).filter((v, i, a) => v && a.indexOf(v) === i);
    const set = (value?: string) => ({ value: value ?? '', creator: value ? creator : '', last_set: value ? nowSec(tenant) : 0 });
    const conv = conversations(tenant).put(newConversation(tenant, {
      name: c.name, is_private: !!c.private, is_general: !!c.general, is_archived: !!c.archived, creator, members, topic: set(c.topic), purpose: set(c.purpose),
    }));
    chanIds.set(c.key, conv.id);
  }
  for (const pair of fx.ims ?? []) {
    const [a, b] = pair.map((k) => ids.get(k)!);
    const conv = conversations(tenant).put(newConversation(tenant, { is_im: true, creator: a, user: b, members: [a, b] }));
    chanIds.set(`im:${pair.join(',')}`, conv.id);
  }
  for (const group of fx.mpims ?? []) {
    const members = group.map((k) => ids.get(k)!);
    const name = `mpdm-${group.map((k) => fx.users.find((u) => u.key === k)?.name ?? k).join('--')}-1`;
    conversations(tenant).put(newConversation(tenant, { is_mpim: true, is_private: true, name, creator: members[0], members }));
  }
  seedMessages(tenant, twin, fx, ids, appIds, chanIds);
  for (const g of fx.usergroups ?? []) {
    usergroups(tenant).put({
      id: newId(tenant, 'S'), team_id: teamId, is_usergroup: true, is_subteam: true, name: g.name, description: g.description ?? '', handle: g.handle,
      is_external: false, date_create: nowSec(tenant), date_update: nowSec(tenant), date_delete: 0, auto_type: null, auto_provision: false,
      enterprise_subteam_id: '', created_by: active[0], updated_by: active[0], deleted_by: null, prefs: { channels: [], groups: [] },
      users: g.users.map((k) => ids.get(k)!), user_count: g.users.length, channel_count: 0,
    });
  }
  for (const r of fx.invite_requests ?? []) {
    admin(tenant, 'invite_requests').put({
      id: newId(tenant, 'I'), email: r.email, date_created: nowSec(tenant), requester_ids: [ids.get(r.requester)], channel_ids: (r.channels ?? []).map((k) => chanIds.get(k)),
      invite_type: 'full_member', real_name: '', date_expire: nowSec(tenant) + 30 * 86400, request_reason: r.reason ?? '', team: { id: teamId, name: info.name, domain: info.domain }, state: 'pending',
    });
  }
  for (const [name, url] of Object.entries(fx.emoji ?? {})) emojiStore(tenant).put({ id: name, name, url, user_id: active[0], date_created: nowSec(tenant) });
}

/** History is laid out in the past (oldest first), so anything posted after seeding sorts after it. */
function seedMessages(tenant: Tenant, twin: Twin, fx: SlackFixture, ids: Map<string, string>, appsByKey: Map<string, AppDoc>, chans: Map<string, string>): void {
  const list = fx.messages ?? [];
  const now = nowSec(tenant);
  const keyed = new Map<string, string>();
  list.forEach((m, i) => {
    const channel = chans.get(m.channel)!;
    const sec = now - (m.minutesAgo ?? (list.length - i) * 10) * 60;
    const ts = tsText(sec, 100 + i);
    const app = appsByKey.get(m.from);
    const doc = postMessage(twin, tenant, channel, {
      ts, silent: true, text: m.text, thread_ts: m.thread ? keyed.get(m.thread) : undefined,
      ...(app ? { user: app.bot_user_id, bot_id: app.bot_id, app_id: app.id, bot_profile: botProfile(tenant, app) } : { user: ids.get(m.from) }),
    });
    if (m.key) keyed.set(m.key, doc.ts);
    if (m.reactions) {
      messages(tenant, channel).patch(doc.ts, {
        reactions: Object.entries(m.reactions).map(([name, who]) => ({ name, users: who.map((k) => ids.get(k)!), count: who.length })),
      });
    }
    if (m.pinned) {
      messages(tenant, channel).patch(doc.ts, { pinned_to: [channel] });
      tenant.collection(`pins:${channel}`).put({ id: doc.ts, created: sec, created_by: ids.get(m.from) ?? '' });
    }
  });
  // Seeded ts values are in the past; the ts counter continues after the last of them.
  tenant.setMeta('ts', { sec: now - 1, seq: 100 + list.length });
}

/** SDK-ready credentials of the workspace's primary app (the first app with a bot). */
export function credentials(tenant: Tenant, baseUrl: string): Record<string, unknown> {
  const info = team(tenant);
  const app = apps(tenant).find((a) => !!a.bot_id) ?? apps(tenant).values()[0];
  const tok = (type: TokenDoc['type'], appId?: string) => tokens(tenant).find((t) => t.type === type && t.app_id === (appId ?? app?.id) && !t.revoked)?.token;
  const admin = apps(tenant).find((a) => a.scopes.user.some((s) => s.startsWith('admin.')));
  return {
    apiUrl: `${baseUrl}/api/`,
    botToken: tok('bot'),
    userToken: tok('user'),
    appToken: tok('app'),
    adminToken: admin ? tok('user', admin.id) : undefined,
    signingSecret: app?.signing_secret,
    clientId: app?.client_id,
    clientSecret: app?.client_secret,
    teamId: info.id,
    enterpriseId: info.enterprise_id,
    botUserId: app?.bot_user_id,
    botId: app?.bot_id,
    appId: app?.id,
    installerUserId: app?.installer_user_id,
  };
}

/** Every live token string, so a token alone picks its workspace. */
export function credentialValues(tenant: Tenant): string[] {
  return tokens(tenant).filter((t) => !t.revoked).map((t) => t.token);
}
