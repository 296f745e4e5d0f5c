// RTM: rtm.connect and the `/rtm/` WebSocket — hello, the event stream, client messages, typing, ping/pong.
import type { RawData } from 'ws';
import type { Handler } from '../../../src/core/handler.js';
import type { Twin, WebSocketRoute } from '../../../src/core/twin.js';
import { SlackError } from '../errors.js';
import { findToken, getConversation, getUser, team } from '../store.js';
import { postMessage, type NewMessage } from '../model/messages.js';
import { botProfile } from '../present/bots.js';
import { realtime, type RtmConn } from './runtime.js';
import { ticket as newTicket } from './ids.js';
import { getApp, tokenLive } from './installed-apps.js';
import { broadcastRtm } from './rtm-feed.js';

const TICKET_TTL_MS = 60_000;

/** rtm.connect (https://api.slack.com/methods/rtm.connect): a one-time WebSocket URL plus `self` and `team`. */
export const rtmConnect: Handler = (ctx) => {
  const tok = ctx.principal.token ? findToken(ctx.tenant, String(ctx.principal.token)) : undefined;
  if (!tok || tok.type === 'app') throw new SlackError(tok ? 'not_allowed_token_type' : 'invalid_auth');
  const user = getUser(ctx.tenant, tok.user_id);
  if (!user) throw new SlackError('invalid_auth');
  const rt = realtime(ctx.twin);
  const now = ctx.twin.clock.ms();
  for (const [k, t] of rt.tickets) if (t.expiresAt <= now) rt.tickets.delete(k);
  const t = newTicket(ctx.tenant);
  rt.tickets.set(t, { tenant: ctx.tenant.name, kind: 'rtm', userId: user.id, token: tok.token, expiresAt: now + TICKET_TTL_MS });
  const tm = team(ctx.tenant);
  return {
    body: { ok: true, url: `${ctx.baseUrl.replace(/^http/, 'ws')}/rtm/?ticket=${encodeURIComponent(t)}`, team: { id: tm.id, name: tm.name, domain: tm.domain }, self: { id: user.id, name: user.name } },
  };
};

export const rtmRoute: WebSocketRoute = {
  path: '/rtm/',
  handle(ws, _req, { twin, url, tenantName }) {
    ws.on('error', () => undefined);
    const rt = realtime(twin);
    const key = url.searchParams.get('ticket') ?? '';
    const tk = rt.tickets.get(key);
    if (tk) rt.tickets.delete(key);
    if (!tk || tk.kind !== 'rtm' || tk.expiresAt <= twin.clock.ms() || (tenantName !== undefined && tenantName !== tk.tenant)) {
      ws.close(1008, 'invalid_ticket');
      return;
    }
    const tenant = twin.tenant(tk.tenant);
    if (!tokenLive(tenant, findToken(tenant, tk.token))) {
      ws.close(1008, 'invalid_auth');
      return;
    }
    const conn: RtmConn = { id: `rtm-${tenant.random.hex(12)}`, tenant: tk.tenant, userId: tk.userId!, token: tk.token, ws };
    rt.rtm.set(conn.id, conn);
    ws.on('close', () => rt.rtm.delete(conn.id));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) onClientFrame(twin, conn, data.toString());
    });
    ws.send(JSON.stringify({ type: 'hello' }));
  },
};

const reply = (conn: RtmConn, frame: Record<string, unknown>) => {
  if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify(frame));
};

const rtmError = (conn: RtmConn, replyTo: unknown, code: number, msg: string) => reply(conn, { ok: false, ...(replyTo !== undefined ? { reply_to: replyTo } : {}), error: { code, msg } });

/** Client frames (https://api.slack.com/rtm#sending_messages): ping, message, typing. Garbage is answered with an error, never a crash. */
function onClientFrame(twin: Twin, conn: RtmConn, raw: string): void {
  let msg: Record<string, unknown>;
  try {
    const v = JSON.parse(raw) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    msg = v as Record<string, unknown>;
  } catch {
    return rtmError(conn, undefined, 1, 'invalid JSON');
  }
  const tenant = twin.tenant(conn.tenant);
  const id = msg.id;
  switch (msg.type) {
    case 'ping': {
      // Slack echoes any extra fields of a ping back in the pong.
      const { type: _t, id: _i, ...rest } = msg;
      return reply(conn, { type: 'pong', reply_to: id, ...rest });
    }
    case 'typing': {
      const channel = typeof msg.channel === 'string' ? msg.channel : '';
      const conv = getConversation(tenant, channel);
      if (!conv || !conv.members.includes(conn.userId)) return rtmError(conn, id, 2, 'channel not found');
      return broadcastRtm(twin, tenant, { type: 'user_typing', channel, user: conn.userId }, channel, conn.id);
    }
    case 'message': {
      const channel = typeof msg.channel === 'string' ? msg.channel : '';
      const text = typeof msg.text === 'string' ? msg.text : '';
      const conv = getConversation(tenant, channel);
      if (!conv || !conv.members.includes(conn.userId)) return rtmError(conn, id, 2, 'channel not found');
      if (!text) return rtmError(conn, id, 2, 'message text is missing');
      if (text.length > 16_000) return rtmError(conn, id, 2, 'message too long');
      const tok = findToken(tenant, conn.token);
      const app = tok?.type === 'bot' ? getApp(tenant, tok.app_id) : undefined;
      const author: NewMessage = app ? { user: conn.userId, bot_id: app.bot_id, app_id: app.id, bot_profile: botProfile(tenant, app) } : { user: conn.userId };
      try {
        const m = postMessage(twin, tenant, channel, { ...author, text, thread_ts: typeof msg.thread_ts === 'string' ? msg.thread_ts : undefined });
        return reply(conn, { ok: true, reply_to: id, ts: m.ts, text: m.text });
      } catch (e) {
        return rtmError(conn, id, 2, (e as { code?: string }).code ?? 'message could not be posted');
      }
    }
    default:
      return rtmError(conn, id, 3, `unsupported type ${String(msg.type)}`);
  }
}
