// Simulated people: control routes that act in the workspace as a person would, producing the events and payloads Slack sends apps.
import type { Hono } from 'hono';
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import type { OpContext } from '../../../src/core/handler.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { conversations, getConversation, getUser, messages, newId, type Conversation } from '../store.js';
import { postMessage } from '../model/messages.js';
import { messageOut } from '../present/messages.js';
import { emitEvent } from '../model/events.js';
import { newConversation } from '../model/conversations.js';
import { addMembers } from '../handlers/conversations-write.js';
import { views } from '../store.js';
import { publishEvent } from '../realtime/bus.js';
import { enqueue, settled } from '../realtime/delivery.js';
import { deliveryView, type Delivery } from '../realtime/runtime.js';
import { allApps, botToken, channelName, findIm, getApp, type RealtimeApp } from '../realtime/installed-apps.js';
import { actionEntry, findElement, interactiveBase, newTrigger, slashCommandPayload, stateValues } from '../realtime/payloads.js';
import { applyCommandAck, ephemerals, newResponseUrl } from '../realtime/responses.js';
import { applyViewAck, closeView, stackOf, viewObject } from '../realtime/view-stack.js';
import { baseUrlOf, controlTenant, jsonBody, problem, str, type C } from './util.js';

class ActError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    message: string,
  ) {
    super(message);
  }
}

function person(tenant: Tenant, id: unknown): string {
  const u = typeof id === 'string' ? getUser(tenant, id) : undefined;
  if (!u) throw new ActError(404, `no user ${String(id)}`);
  if (u.deleted) throw new ActError(409, `user ${u.id} is deactivated`);
  return u.id;
}

function channelFor(tenant: Tenant, id: unknown, userId: string): Conversation {
  const c = typeof id === 'string' ? getConversation(tenant, id) : undefined;
  if (!c) throw new ActError(404, `no conversation ${String(id)}`);
  if (!c.members.includes(userId)) throw new ActError(409, `${userId} is not in ${c.id} (not_in_channel)`);
  if (c.is_archived) throw new ActError(409, `${c.id} is archived (is_archived)`);
  return c;
}

/** The DM between two people (or a person and a bot), opened on first use as Slack does. */
function imBetween(tenant: Tenant, a: string, b: string): Conversation {
  return findIm(tenant, a, b) ?? conversations(tenant).put(newConversation(tenant, { is_im: true, creator: a, user: b, members: a === b ? [a] : [a, b] }));
}

function appFor(tenant: Tenant, id: unknown): RealtimeApp {
  const a = typeof id === 'string' ? getApp(tenant, id) : undefined;
  if (!a) throw new ActError(404, `no app ${String(id)}`);
  return a;
}

const bool = (v: unknown) => v === true || v === 'true' || v === 1;

/** Interactions answer once the app acks (or fails), so a test sees what the person saw. */
async function interactionResult(d: Delivery, wait: unknown, extra: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (wait !== false) await settled(d, typeof wait === 'number' ? wait : 10_000);
  const v = deliveryView(d);
  return { ok: true, state: d.state, ack: d.ack, outcome: d.outcome, error: d.error, delivery: v, ...extra };
}

type Route = (tenant: Tenant, body: Record<string, unknown>, c: C) => Record<string, unknown> | Promise<Record<string, unknown>>;

/**
 * Control routes, all POST with a JSON body, tenant by `/t/<name>` prefix or `?tenant=`:
 *   /_dtu/slack/act/message          {user, channel | to, text, thread_ts?, blocks?, reply_broadcast?}  → message (+ app_mention)
 *   /_dtu/slack/act/reaction         {user, channel, ts, name, remove?}                                  → reaction_added/removed
 *   /_dtu/slack/act/join             {user, channel}                                                     → member_joined_channel
 *   /_dtu/slack/act/app_home         {user, app_id, tab?: home|messages}                                 → app_home_opened
 *   /_dtu/slack/act/command          {user, channel, command, text?, app_id?, wait?}                     → slash_commands
 *   /_dtu/slack/act/block_action     {user, action_id, channel+message_ts | view_id, block_id?, value?, values?, wait?} → block_actions
 *   /_dtu/slack/act/options          {user, view_id, action_id, value, block_id?, wait?}                 → block_suggestion (options the app offers)
 *   /_dtu/slack/act/view_submission  {view_id, values, user?, wait?}                                     → view_submission (response_action applied)
 *   /_dtu/slack/act/view_closed      {view_id, user?, is_cleared?}                                       → view_closed (when notify_on_close)
 *   /_dtu/slack/act/shortcut         {user, callback_id, app_id?, channel?, message_ts?, wait?}          → shortcut / message_action
 *   GET /_dtu/slack/act/ephemeral?user=&channel=                                                         ephemeral messages a person saw
 * Interactive routes wait for the app's ack unless `wait:false` and return the delivery, ack and its effect.
 */
export function peopleControl(app: Hono<DtuEnv>, twin: Twin): void {
  const route = (path: string, fn: Route) =>
    app.post(`/_dtu/slack/act/${path}`, async (c) => {
      const body = await jsonBody(c);
      if (!body) return problem(c, 400, 'expected a JSON object body');
      try {
        return c.json(await fn(controlTenant(c, twin), body, c));
      } catch (e) {
        if (e instanceof ActError) return problem(c, e.status, e.message);
        const code = (e as { code?: unknown }).code;
        if (typeof code === 'string') return problem(c, 422, code);
        throw e;
      }
    });

  route('message', (tenant, b) => {
    const user = person(tenant, b.user);
    const target = str(b.to) ?? (typeof b.channel === 'string' && /^[UW]/.test(b.channel) ? b.channel : undefined);
    const conv = target ? imBetween(tenant, user, person(tenant, target)) : channelFor(tenant, b.channel, user);
    if (typeof b.text !== 'string' && !Array.isArray(b.blocks)) throw new ActError(400, 'text or blocks is required');
    const m = postMessage(twin, tenant, conv.id, {
      user, text: typeof b.text === 'string' ? b.text : '', blocks: Array.isArray(b.blocks) ? b.blocks : undefined,
      thread_ts: str(b.thread_ts), reply_broadcast: bool(b.reply_broadcast), client_msg_id: tenant.random.uuid(),
    });
    return { ok: true, channel: conv.id, ts: m.ts, message: messageOut(tenant, m, conv.id) };
  });

  route('reaction', (tenant, b) => {
    const user = person(tenant, b.user);
    const conv = channelFor(tenant, b.channel, user);
    const name = str(b.name)?.replace(/^:|:$/g, '');
    const m = str(b.ts) ? messages(tenant, conv.id).get(String(b.ts)) : undefined;
    if (!name) throw new ActError(400, 'name is required');
    if (!m) throw new ActError(404, `no message ${String(b.ts)} in ${conv.id}`);
    const remove = bool(b.remove);
    const reactions = (m.reactions ?? []).map((r) => ({ ...r, users: [...r.users] }));
    const r = reactions.find((x) => x.name === name);
    if (remove) {
      if (!r || !r.users.includes(user)) throw new ActError(409, 'no_reaction');
      r.users = r.users.filter((u) => u !== user);
      r.count = r.users.length;
    } else {
      if (r?.users.includes(user)) throw new ActError(409, 'already_reacted');
      if (r) {
        r.users.push(user);
        r.count = r.users.length;
      } else reactions.push({ name, users: [user], count: 1 });
    }
    messages(tenant, conv.id).patch(m.ts, { reactions: reactions.filter((x) => x.count > 0) });
    const ev = { type: remove ? 'reaction_removed' : 'reaction_added', user, reaction: name, item: { type: 'message', channel: conv.id, ts: m.ts }, ...(m.user ? { item_user: m.user } : {}) };
    emitEvent(twin, tenant, ev, { channel: conv.id, user });
    return { ok: true };
  });

  route('join', (tenant, b) => {
    const user = person(tenant, b.user);
    const conv = typeof b.channel === 'string' ? getConversation(tenant, b.channel) : undefined;
    if (!conv || conv.is_im || conv.is_mpim) throw new ActError(404, `no channel ${String(b.channel)}`);
    if (conv.is_private && !conv.members.includes(user)) throw new ActError(409, 'private channels need an invitation');
    if (conv.is_archived) throw new ActError(409, `${conv.id} is archived (is_archived)`);
    // addMembers reads only the twin and tenant of its context.
    addMembers({ twin, tenant } as unknown as OpContext, conv, [user]);
    return { ok: true, channel: conv.id };
  });

  route('app_home', (tenant, b) => {
    const user = person(tenant, b.user);
    const a = appFor(tenant, b.app_id);
    const tab = str(b.tab) ?? 'home';
    if (tab !== 'home' && tab !== 'messages') throw new ActError(400, 'tab must be home or messages');
    const im = imBetween(tenant, user, a.bot_user_id);
    const home = views(tenant).find((v) => v.type === 'home' && v.user_id === user && v.app_id === a.id);
    const ev: Record<string, unknown> = { type: 'app_home_opened', user, channel: im.id, tab };
    if (home) ev.view = viewObject(tenant, home);
    publishEvent(twin, tenant, { event_ts: (twin.clock.ms() / 1000).toFixed(6), ...ev }, { channel: im.id, user, app: a.id });
    return { ok: true, channel: im.id };
  });

  route('command', async (tenant, b, c) => {
    const user = person(tenant, b.user);
    const conv = channelFor(tenant, b.channel, user);
    const command = str(b.command);
    if (!command || !command.startsWith('/')) throw new ActError(400, 'command must start with "/"');
    const a = commandApp(tenant, command, b.app_id);
    const text = typeof b.text === 'string' ? b.text : '';
    const triggerId = newTrigger(twin, tenant, user, a.id);
    const responseUrl = newResponseUrl(twin, tenant, baseUrlOf(c), { kind: 'commands', app_id: a.id, user_id: user, channel_id: conv.id });
    const payload = slashCommandPayload(tenant, a, { userId: user, channelId: conv.id, channelName: channelName(tenant, conv.id), command, text, responseUrl, triggerId });
    const cmdUrl = a.slash_commands?.find((x) => x.command === command)?.url ?? undefined;
    const d = enqueue(twin, tenant, {
      appId: a.id, kind: 'slash_commands', payload, acceptsResponsePayload: true, commandUrl: cmdUrl,
      onAck: (ack) => applyCommandAck(twin, tenant, a.id, { userId: user, channelId: conv.id, command, text }, ack),
    });
    return interactionResult(d, b.wait, { trigger_id: triggerId, response_url: responseUrl });
  });

  route('block_action', async (tenant, b, c) => {
    const user = person(tenant, b.user);
    const actionId = str(b.action_id);
    if (!actionId) throw new ActError(400, 'action_id is required');
    if (str(b.view_id)) {
      const doc = views(tenant).get(String(b.view_id));
      if (!doc || (doc.user_id && doc.user_id !== user)) throw new ActError(404, `no view ${String(b.view_id)} open for ${user}`);
      const found = findElement(doc.view?.blocks, actionId, str(b.block_id));
      if (!found) throw new ActError(404, `no element with action_id ${actionId} in view ${doc.id}`);
      const a = appFor(tenant, doc.app_id);
      const values = stateValues(doc.view?.blocks, (b.values as Record<string, unknown>) ?? {});
      const triggerId = newTrigger(twin, tenant, user, a.id);
      const payload = {
        type: 'block_actions', ...interactiveBase(tenant, a, user), container: { type: 'view', view_id: doc.id }, trigger_id: triggerId,
        view: viewObject(tenant, doc, values), actions: [actionEntry(twin, found.element, found.block_id, b.value)],
      };
      const d = enqueue(twin, tenant, { appId: a.id, kind: 'interactive', payload });
      return interactionResult(d, b.wait, { trigger_id: triggerId });
    }
    const conv = channelFor(tenant, b.channel, user);
    const ts = str(b.message_ts);
    const m = ts ? messages(tenant, conv.id).get(ts) : undefined;
    // Buttons on an ephemeral message: only the person who saw it can click, and Slack sends no `message`.
    const eph = !m && ts ? ephemerals(tenant).find((x) => x.ts === ts && x.channel === conv.id && x.user === user) : undefined;
    if (!m && !eph) throw new ActError(404, `no message ${String(b.message_ts)} in ${conv.id} visible to ${user}`);
    const found = findElement(m ? m.blocks : eph!.blocks, actionId, str(b.block_id));
    if (!found) throw new ActError(404, `no element with action_id ${actionId} in message ${ts}`);
    const appId = m ? (m.app_id ?? allApps(tenant).find((x) => x.bot_id && x.bot_id === m.bot_id)?.id) : (eph!.app_id ?? allApps(tenant).find((x) => x.bot_user_id && x.bot_user_id === eph!.from)?.id);
    if (!appId) throw new ActError(409, `message ${ts} was not posted by an app`);
    const a = appFor(tenant, appId);
    const triggerId = newTrigger(twin, tenant, user, a.id);
    const responseUrl = newResponseUrl(twin, tenant, baseUrlOf(c), { kind: 'actions', app_id: a.id, user_id: user, channel_id: conv.id, message_ts: ts, ...(eph ? { ephemeral: true } : {}) });
    const payload = {
      type: 'block_actions', ...interactiveBase(tenant, a, user),
      container: { type: 'message', message_ts: ts, channel_id: conv.id, is_ephemeral: !!eph }, trigger_id: triggerId,
      channel: { id: conv.id, name: channelName(tenant, conv.id) }, ...(m ? { message: messageOut(tenant, m, conv.id) } : {}),
      state: { values: stateValues(m ? m.blocks : eph!.blocks, (b.values as Record<string, unknown>) ?? {}) }, response_url: responseUrl,
      actions: [actionEntry(twin, found.element, found.block_id, b.value)],
    };
    const d = enqueue(twin, tenant, { appId: a.id, kind: 'interactive', payload });
    return interactionResult(d, b.wait, { trigger_id: triggerId, response_url: responseUrl });
  });

  // External selects ask the app for options as the person types (https://api.slack.com/reference/block-kit/block-elements#external_select).
  route('options', async (tenant, b) => {
    const user = person(tenant, b.user);
    const actionId = str(b.action_id);
    if (!actionId) throw new ActError(400, 'action_id is required');
    const doc = str(b.view_id) ? views(tenant).get(String(b.view_id)) : undefined;
    if (!doc) throw new ActError(404, `no view ${String(b.view_id)} (options are requested from an open modal or Home tab)`);
    const found = findElement(doc.view?.blocks, actionId, str(b.block_id));
    if (!found) throw new ActError(404, `no element with action_id ${actionId} in view ${doc.id}`);
    const a = appFor(tenant, doc.app_id);
    const payload = {
      type: 'block_suggestion', ...interactiveBase(tenant, a, user), container: { type: 'view', view_id: doc.id }, action_id: actionId, block_id: found.block_id,
      value: typeof b.value === 'string' ? b.value : '', view: viewObject(tenant, doc), action_ts: (twin.clock.ms() / 1000).toFixed(6),
    };
    const d = enqueue(twin, tenant, {
      appId: a.id, kind: 'interactive', payload, acceptsResponsePayload: true,
      onAck: (ack) => ({ options: Array.isArray(ack.options) ? ack.options : [], ...(Array.isArray(ack.option_groups) ? { option_groups: ack.option_groups } : {}) }),
    });
    return interactionResult(d, b.wait, {});
  });

  route('view_submission', async (tenant, b) => {
    const doc = str(b.view_id) ? views(tenant).get(String(b.view_id)) : undefined;
    if (!doc || doc.type === 'home') throw new ActError(404, `no open modal ${String(b.view_id)}`);
    const user = person(tenant, b.user ?? doc.user_id);
    const top = stackOf(tenant, doc.id).pop();
    if (top && top.id !== doc.id) throw new ActError(409, `view ${doc.id} is not on top of the stack (${top.id} is)`);
    const a = appFor(tenant, doc.app_id);
    const values = stateValues(doc.view?.blocks, (b.values as Record<string, unknown>) ?? {});
    views(tenant).patch(doc.id, { view: { ...doc.view, state: { values } } });
    const payload = { type: 'view_submission', ...interactiveBase(tenant, a, user), trigger_id: newTrigger(twin, tenant, user, a.id), view: viewObject(tenant, doc, values), response_urls: [] };
    const d = enqueue(twin, tenant, {
      appId: a.id, kind: 'interactive', payload, acceptsResponsePayload: true,
      onAck: (ack) => applyViewAck(tenant, doc.id, ack, () => `${twin.clock.seconds()}.${tenant.random.chars(8)}`, () => newId(tenant, 'V')),
    });
    return interactionResult(d, b.wait, {});
  });

  route('view_closed', async (tenant, b) => {
    const doc = str(b.view_id) ? views(tenant).get(String(b.view_id)) : undefined;
    if (!doc || doc.type === 'home') throw new ActError(404, `no open modal ${String(b.view_id)}`);
    const user = person(tenant, b.user ?? doc.user_id);
    const a = appFor(tenant, doc.app_id);
    const cleared = bool(b.is_cleared);
    const payloadView = viewObject(tenant, doc);
    // Closing removes the modal (or, when cleared, the whole stack) whether or not the app hears about it.
    if (cleared) for (const v of stackOf(tenant, doc.id)) views(tenant).delete(v.id);
    else closeView(tenant, doc.id);
    if (!payloadView.notify_on_close) return { ok: true, notified: false };
    const payload = { type: 'view_closed', ...interactiveBase(tenant, a, user), view: payloadView, is_cleared: cleared };
    const d = enqueue(twin, tenant, { appId: a.id, kind: 'interactive', payload });
    return interactionResult(d, b.wait, { notified: true });
  });

  route('shortcut', async (tenant, b, c) => {
    const user = person(tenant, b.user);
    const callbackId = str(b.callback_id);
    if (!callbackId) throw new ActError(400, 'callback_id is required');
    const isMessage = !!str(b.message_ts);
    const a = b.app_id !== undefined ? appFor(tenant, b.app_id) : shortcutApp(tenant, callbackId, isMessage ? 'message' : 'global');
    const triggerId = newTrigger(twin, tenant, user, a.id);
    const actionTs = (twin.clock.ms() / 1000).toFixed(6);
    let payload: Record<string, unknown>;
    let extra: Record<string, unknown> = { trigger_id: triggerId };
    if (isMessage) {
      const conv = channelFor(tenant, b.channel, user);
      const m = messages(tenant, conv.id).get(String(b.message_ts));
      if (!m) throw new ActError(404, `no message ${String(b.message_ts)} in ${conv.id}`);
      const responseUrl = newResponseUrl(twin, tenant, baseUrlOf(c), { kind: 'actions', app_id: a.id, user_id: user, channel_id: conv.id, message_ts: m.ts });
      payload = {
        type: 'message_action', ...interactiveBase(tenant, a, user), action_ts: actionTs, callback_id: callbackId, trigger_id: triggerId, message_ts: m.ts,
        channel: { id: conv.id, name: channelName(tenant, conv.id) }, message: messageOut(tenant, m, conv.id), response_url: responseUrl,
      };
      extra = { ...extra, response_url: responseUrl };
    } else {
      payload = { type: 'shortcut', ...interactiveBase(tenant, a, user), action_ts: actionTs, callback_id: callbackId, trigger_id: triggerId };
    }
    const d = enqueue(twin, tenant, { appId: a.id, kind: 'interactive', payload });
    return interactionResult(d, b.wait, extra);
  });

  app.get('/_dtu/slack/act/ephemeral', (c) => {
    const tenant = controlTenant(c, twin);
    const user = c.req.query('user');
    const channel = c.req.query('channel');
    const list = ephemerals(tenant).filter((m) => (!user || m.user === user) && (!channel || m.channel === channel));
    return c.json({ ok: true, messages: list.map(({ id: _id, ...m }) => ({ type: 'message', ...m })) });
  });
}

/** The app that registered a command; an unregistered command reaches the one installed app, if only one. */
function commandApp(tenant: Tenant, command: string, appId: unknown): RealtimeApp {
  if (appId !== undefined) return appFor(tenant, appId);
  const all = allApps(tenant);
  const registered = all.find((a) => a.slash_commands?.some((x) => x.command === command));
  if (registered) return registered;
  const installed = all.filter((a) => botToken(tenant, a.id) && !a.slash_commands?.length);
  if (installed.length === 1) return installed[0];
  throw new ActError(404, `${command} is not a valid command (register it with PUT /_dtu/slack/apps/<id>/config or pass app_id)`);
}

function shortcutApp(tenant: Tenant, callbackId: string, type: 'global' | 'message'): RealtimeApp {
  const all = allApps(tenant);
  const registered = all.find((a) => a.shortcuts?.some((s) => s.callback_id === callbackId && s.type === type));
  if (registered) return registered;
  const installed = all.filter((a) => botToken(tenant, a.id) && !a.shortcuts?.length);
  if (installed.length === 1) return installed[0];
  throw new ActError(404, `no app registered the ${type} shortcut ${callbackId} (pass app_id)`);
}

