/** agents.conversations.create/archive/setProperties/setCommands and agents.sessions.*: code channels and agent sessions as a state machine over the workspace. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments, missingScope } from '../errors.js';
import { need, str, type Args } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { apps, conversations, getUser, messages, nowSec, team, type Conversation } from '../store.js';
import { postMessage } from '../model/messages.js';
import { emitEvent } from '../model/events.js';
import { newConversation } from '../model/conversations.js';
import { authorFields } from './chat.js';
import { addMembers } from './conversations-write.js';
import { method } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { canSee } from '../model/conversations.js';
import {
  SESSION_STATUSES, agentSessions, channelNameFor, codeChannels, sessionKey,
  type AgentCommand, type AgentSessionDoc, type ContextBarItem, type SessionStatus,
} from '../model/agents.js';
import { bounded } from './agent-args.js';
import { objectArg } from './agent-args.js';
import { codeChannelArg } from './agent-args.js';

const CONTEXT_ICONS = ['branch', 'folder', 'hierarchy', 'life-ring', 'link', 'globe', 'terminal', 'code', 'search', 'lock'];
/** Slack's own slash commands, which agent commands may not shadow (https://slack.com/help/articles/201259356). */
const BUILTIN_COMMANDS = new Set(['active', 'apps', 'archive', 'away', 'call', 'collapse', 'dm', 'expand', 'feed', 'giphy', 'help', 'huddle', 'invite', 'join', 'kick', 'leave', 'me', 'msg', 'mute', 'open', 'remind', 'remove', 'rename', 'search', 'shortcuts', 'shrug', 'star', 'status', 'topic', 'who']);

const taken = (ctx: OpContext) => (name: string) => !!conversations(ctx.tenant).find((c) => !c.is_im && !c.is_mpim && c.name === name);

/** A session's channel: one the calling bot is in (not_authorized otherwise, as agents.sessions.setStatus documents). */
function sessionChannel(ctx: OpContext, a: Args, who: SlackPrincipal): Conversation {
  const id = str(a, 'channel_id');
  if (!id) throw invalidArguments('missing required field: channel_id');
  const c = conversations(ctx.tenant).get(id);
  if (!c || !canSee(c, who)) throw new SlackError('channel_not_found');
  if (!c.members.includes(who.user_id!)) throw new SlackError('not_authorized');
  return c;
}

/** Code channels hold one channel-level session (thread_ts must be omitted); elsewhere a session is a thread (thread_ts required). */
function sessionThread(ctx: OpContext, c: Conversation, a: Args): string | undefined {
  const thread = str(a, 'thread_ts') || undefined;
  const isCode = codeChannels(ctx.tenant).has(c.id);
  if (isCode && thread) throw new SlackError('thread_ts_not_allowed');
  if (!isCode && !thread) throw new SlackError('thread_ts_required');
  return thread;
}

/** The agent's display overrides: each needs chat:write.customize; an explicit null (or empty string) clears it. */
function displayOverrides(a: Args, who: SlackPrincipal): Partial<AgentSessionDoc> {
  const out: Partial<AgentSessionDoc> = {};
  for (const key of ['icon_emoji', 'icon_url', 'username'] as const) {
    if (!(key in a)) continue;
    if (!who.scopes.includes('chat:write.customize')) throw missingScope(['chat:write.customize'], who.scopes);
    const v = a[key];
    if (v === null || v === '') out[key] = undefined;
    else out[key] = bounded(v, key === 'username' ? 200 : 2048, `/${key}`);
  }
  return out;
}

function renameChannel(ctx: OpContext, c: Conversation, title: string, who: SlackPrincipal): void {
  if (c.is_archived) throw new SlackError('is_archived');
  const name = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9_-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  if (!name) throw new SlackError('invalid_name');
  if (name === c.name) return;
  if (taken(ctx)(name)) throw new SlackError('name_taken');
  conversations(ctx.tenant).patch(c.id, { name, previous_names: [c.name, ...c.previous_names] });
  postMessage(ctx.twin, ctx.tenant, c.id, { subtype: 'channel_name', user: who.user_id, text: `renamed the channel from "${c.name}" to "${name}"` });
  emitEvent(ctx.twin, ctx.tenant, { type: c.is_private ? 'group_rename' : 'channel_rename', channel: { id: c.id, name, name_normalized: name, created: c.created, is_channel: !c.is_private, is_mpim: false } }, { channel: c.id, user: who.user_id });
}

function contextItems(raw: unknown): ContextBarItem[] {
  if (!Array.isArray(raw)) throw invalidArguments('must be an array [json-pointer:/code_channel/context_bar_items]');
  if (raw.length > 5) throw invalidArguments('must have at most 5 items [json-pointer:/code_channel/context_bar_items]');
  const keys = new Set<string>();
  return raw.map((item, i) => {
    const p = `/code_channel/context_bar_items/${i}`;
    const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const key = bounded(o.key, 64, `${p}/key`, true)!;
    if (keys.has(key)) throw invalidArguments(`duplicate key [json-pointer:${p}/key]`);
    keys.add(key);
    const icon = bounded(o.icon, 64, `${p}/icon`);
    if (icon !== undefined && !CONTEXT_ICONS.includes(icon)) throw invalidArguments(`unknown icon [json-pointer:${p}/icon]`);
    const itemType = bounded(o.item_type, 16, `${p}/item_type`);
    if (itemType !== undefined && itemType !== 'info' && itemType !== 'action') throw invalidArguments(`must be info or action [json-pointer:${p}/item_type]`);
    const url = bounded(o.url, 2048, `${p}/url`);
    return { key, label: bounded(o.label, 128, `${p}/label`, true)!, ...(icon ? { icon } : {}), ...(url ? { url } : {}), item_type: (itemType ?? 'info') as 'info' | 'action' };
  });
}

export const agentHandlers = {
  // https://docs.slack.dev/reference/methods/agents.conversations.create — idempotent per session_id; the origin message's author is invited.
  'agents.conversations.create': method((ctx, a, who) => {
    const sessionId = str(a, 'session_id') || undefined;
    if (sessionId) {
      const existing = codeChannels(ctx.tenant).find((x) => x.session_id === sessionId && x.app_id === who.app_id);
      if (existing) return { channel_id: existing.id };
    }
    const originChannel = str(a, 'origin_channel_id') || undefined;
    const originTs = str(a, 'origin_message_ts') || undefined;
    if (!!originChannel !== !!originTs) throw invalidArguments('origin_channel_id and origin_message_ts must be given together');
    let origin: Conversation | undefined;
    let author: string | undefined;
    let title = bounded(a.name === '' ? undefined : a.name, 200, '/name');
    if (originChannel) {
      origin = conversations(ctx.tenant).get(originChannel);
      if (!origin || !canSee(origin, who)) throw new SlackError('channel_not_found');
      const m = messages(ctx.tenant, origin.id).get(originTs!);
      if (!m) throw new SlackError('message_not_found');
      author = m.user && !m.bot_id ? m.user : undefined;
      title ??= m.text.replace(/<[^>]*>/g, '').trim().slice(0, 80) || 'Agent session';
    }
    if (!title) throw invalidArguments('missing required field: name');
    const explicit = str(a, 'is_private');
    const isPrivate = explicit !== undefined ? ['true', '1'].includes(explicit.toLowerCase()) : !!origin?.is_private;
    const bot = who.user_id!;
    const c = conversations(ctx.tenant).put(newConversation(ctx.tenant, { name: channelNameFor(taken(ctx), title), is_private: isPrivate, creator: bot, members: [bot] }));
    if (!isPrivate) emitEvent(ctx.twin, ctx.tenant, { type: 'channel_created', channel: { id: c.id, name: c.name, created: c.created, creator: bot, is_channel: true, is_shared: false, is_org_shared: false, context_team_id: team(ctx.tenant).id } }, { channel: c.id, user: bot });
    const now = nowSec(ctx.tenant);
    codeChannels(ctx.tenant).put({
      id: c.id, app_id: who.app_id!, bot_user_id: bot, ...(sessionId ? { session_id: sessionId } : {}), ...(origin ? { origin_channel_id: origin.id, origin_message_ts: originTs } : {}),
      context_bar_items: [], commands: {}, views: [], date_created: now,
    });
    agentSessions(ctx.tenant).put({ id: sessionKey(c.id), channel_id: c.id, app_id: who.app_id!, status: 'active', title, initiator_user_id: author, date_created: now, date_updated: now });
    if (author && getUser(ctx.tenant, author) && !getUser(ctx.tenant, author)!.deleted) addMembers(ctx, conversations(ctx.tenant).get(c.id)!, [author], bot);
    return { channel_id: c.id };
  }),

  // https://docs.slack.dev/reference/methods/agents.conversations.archive — an unknown summary_message_ts is not recorded, and the archive still succeeds.
  'agents.conversations.archive': method((ctx, a, who) => {
    const { conv, cc } = codeChannelArg(ctx, a, who);
    if (conv.is_archived) throw new SlackError('already_archived');
    const ts = str(a, 'summary_message_ts');
    const summary = ts ? messages(ctx.tenant, conv.id).get(ts) : undefined;
    if (summary) {
      codeChannels(ctx.tenant).patch(cc.id, { summary_message: { message_ts: summary.ts, ...(summary.thread_ts && summary.thread_ts !== summary.ts ? { thread_ts: summary.thread_ts } : {}) } });
      // Shared back as a reply on the message that started the session, when the channel has that origin link.
      const origin = cc.origin_channel_id ? conversations(ctx.tenant).get(cc.origin_channel_id) : undefined;
      if (origin && !origin.is_archived && messages(ctx.tenant, origin.id).get(cc.origin_message_ts!)) {
        postMessage(ctx.twin, ctx.tenant, origin.id, { ...authorFields(ctx, who), text: summary.text, blocks: summary.blocks, thread_ts: cc.origin_message_ts });
      }
    }
    postMessage(ctx.twin, ctx.tenant, conv.id, { subtype: 'channel_archive', user: who.user_id, text: 'archived the channel' });
    conversations(ctx.tenant).patch(conv.id, { is_archived: true });
    emitEvent(ctx.twin, ctx.tenant, { type: conv.is_private ? 'group_archive' : 'channel_archive', channel: conv.id, user: who.user_id }, { channel: conv.id, user: who.user_id });
    const s = agentSessions(ctx.tenant).get(sessionKey(conv.id));
    if (s) agentSessions(ctx.tenant).patch(s.id, { status: 'closed', date_updated: nowSec(ctx.tenant) });
    return {};
  }),

  // https://docs.slack.dev/reference/methods/agents.conversations.setProperties — only the fields given change; context_bar_items replaces the set.
  'agents.conversations.setProperties': method((ctx, a, who) => {
    const { conv, cc } = codeChannelArg(ctx, a, who);
    if (conv.is_archived) throw new SlackError('is_archived');
    const code = objectArg<Record<string, unknown>>(a, 'code_channel');
    const resource = objectArg<Record<string, unknown>>(a, 'agent_resource');
    const patch: Partial<typeof cc> = {};
    if (code?.context_bar_items !== undefined) patch.context_bar_items = contextItems(code.context_bar_items);
    if (code?.summary_message !== undefined) {
      const sm = (code.summary_message ?? {}) as Record<string, unknown>;
      const ts = bounded(sm.message_ts, 32, '/code_channel/summary_message/message_ts', true)!;
      const thread = bounded(sm.thread_ts, 32, '/code_channel/summary_message/thread_ts');
      if (!messages(ctx.tenant, conv.id).get(ts)) throw new SlackError('message_not_found');
      patch.summary_message = { message_ts: ts, ...(thread ? { thread_ts: thread } : {}) };
    }
    if (resource) {
      const limits = { url: 2048, resource_type: 64, title: 255, provider: 64 } as const;
      const next = { ...(cc.agent_resource ?? {}) };
      for (const [k, max] of Object.entries(limits)) if (k in resource) next[k as keyof typeof limits] = bounded(resource[k], max, `/agent_resource/${k}`);
      patch.agent_resource = next;
    }
    codeChannels(ctx.tenant).patch(cc.id, patch);
    return { channel_id: conv.id };
  }),

  // https://docs.slack.dev/reference/methods/agents.conversations.setCommands — the calling agent's whole set, at most 10 across all agents.
  'agents.conversations.setCommands': method((ctx, a, who) => {
    const { conv, cc } = codeChannelArg(ctx, a, who);
    const raw = objectArg<unknown>(a, 'commands');
    if (!Array.isArray(raw)) throw invalidArguments('missing required field: commands');
    // Invocations need somewhere to go: a Socket Mode connection or the manifest's code_channels.slash_command_url (https://docs.slack.dev/ai/slack-code/agent-slash-commands).
    const app = apps(ctx.tenant).get(who.app_id!);
    const url = (app?.manifest as { features?: { code_channels?: { slash_command_url?: string } } } | undefined)?.features?.code_channels?.slash_command_url;
    if (!app?.socket_mode && !url) throw new SlackError('no_actions_url');
    const names = new Set<string>();
    const commands: AgentCommand[] = raw.map((item, i) => {
      const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
      const name = bounded(o.name, 31, `/commands/${i}/name`, true)!;
      if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) throw invalidArguments(`must be lowercase letters, digits, - or _, without a leading slash [json-pointer:/commands/${i}/name]`);
      if (names.has(name)) throw invalidArguments(`duplicate command name [json-pointer:/commands/${i}/name]`);
      if (BUILTIN_COMMANDS.has(name)) throw invalidArguments(`collides with the builtin /${name} [json-pointer:/commands/${i}/name]`);
      names.add(name);
      const description = bounded(o.description, 2000, `/commands/${i}/description`);
      const hint = bounded(o.argument_hint, 1000, `/commands/${i}/argument_hint`);
      return { name, ...(description ? { description } : {}), ...(hint ? { argument_hint: hint } : {}), should_escape: o.should_escape === true };
    });
    const others = Object.entries(cc.commands).filter(([app]) => app !== who.app_id).flatMap(([, list]) => list);
    if (others.length + commands.length > 10) throw invalidArguments('at most 10 commands may exist across all agents in the channel [json-pointer:/commands]');
    const clash = commands.find((x) => others.some((o) => o.name === x.name));
    if (clash) throw invalidArguments(`another agent in this channel already registered /${clash.name} [json-pointer:/commands]`);
    codeChannels(ctx.tenant).patch(cc.id, { commands: { ...cc.commands, [who.app_id!]: commands } });
    return { channel_id: conv.id, command_count: commands.length };
  }),

  // https://docs.slack.dev/reference/methods/agents.sessions.setStatus — creates the session on first use; title and initiator only count then.
  'agents.sessions.setStatus': method((ctx, a, who) => {
    const status = need(a, 'status', 'invalid_status') as SessionStatus;
    if (!SESSION_STATUSES.includes(status)) throw new SlackError('invalid_status');
    const c = sessionChannel(ctx, a, who);
    const thread = sessionThread(ctx, c, a);
    const key = sessionKey(c.id, thread);
    const existing = agentSessions(ctx.tenant).get(key);
    if (existing && existing.app_id !== who.app_id) throw new SlackError('not_authorized');
    // Only apps declared as agents (which adds assistant:write) create sessions (https://docs.slack.dev/ai/agent-sessions).
    if (!existing && !who.scopes.includes('assistant:write')) throw new SlackError('not_authorized');
    const now = nowSec(ctx.tenant);
    const overrides = displayOverrides(a, who);
    let s: AgentSessionDoc;
    if (existing) s = agentSessions(ctx.tenant).patch(key, { status, ...overrides, date_updated: now })!;
    else {
      const initiator = str(a, 'initiator_user_id') || undefined;
      if (initiator && (!getUser(ctx.tenant, initiator) || !c.members.includes(initiator))) throw new SlackError('user_not_found');
      const title = bounded(a.title === '' ? undefined : a.title, 200, '/title') ?? '';
      s = agentSessions(ctx.tenant).put({ id: key, channel_id: c.id, ...(thread ? { thread_ts: thread } : {}), app_id: who.app_id!, status, title, ...(initiator ? { initiator_user_id: initiator } : {}), ...overrides, date_created: now, date_updated: now });
    }
    const out: Record<string, unknown> = { status: s.status, agent_status: s.status, title: s.title };
    // Without the subscription the person gets no working stop button (https://docs.slack.dev/reference/events/agent_session_stopped).
    const subscribed = apps(ctx.tenant).get(who.app_id!)?.event_subscriptions?.bot_events?.includes('agent_session_stopped');
    if (!subscribed) out.__warnings = ['missing_agent_session_stopped_event_subscription'];
    return out;
  }),

  // https://docs.slack.dev/reference/methods/agents.sessions.rename — renaming a code channel's session renames the channel.
  'agents.sessions.rename': method((ctx, a, who) => {
    const title = bounded(a.title, 200, '/title', true)!;
    const c = sessionChannel(ctx, a, who);
    const thread = sessionThread(ctx, c, a);
    const s = agentSessions(ctx.tenant).get(sessionKey(c.id, thread));
    if (!s) throw new SlackError('session_not_found');
    if (s.app_id !== who.app_id) throw new SlackError('not_authorized');
    if (!thread) renameChannel(ctx, c, title, who);
    agentSessions(ctx.tenant).patch(s.id, { title, date_updated: nowSec(ctx.tenant) });
    return { title };
  }),
} satisfies Handlers;
