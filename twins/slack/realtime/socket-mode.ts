// Socket Mode: apps.connections.open, the `/link/` WebSocket (hello, acks, disconnects) and its control routes.
import type { Hono } from 'hono';
import type { WebSocket, RawData } from 'ws';
import type { Handler } from '../../../src/core/handler.js';
import type { Twin, WebSocketRoute } from '../../../src/core/twin.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { SlackError, missingScope } from '../errors.js';
import { findToken } from '../store.js';
import { realtime, type Realtime, type SocketConn } from './runtime.js';
import { ticket as newTicket } from './ids.js';
import { getApp, scopeList, tokenLive } from './installed-apps.js';
import { handleAck } from './delivery.js';
import { controlTenant, jsonBody, problem, str } from '../control/util.js';

/** Tickets are single use and short-lived; an unused one expires after this (twin clock). */
const TICKET_TTL_MS = 60_000;
/** Slack caps an app at 10 simultaneous Socket Mode connections (https://api.slack.com/apis/socket-mode). */
const MAX_CONNECTIONS = 10;
/** A `warning` disconnect precedes a scheduled refresh by about 10 seconds. */
const WARNING_LEAD_MS = 10_000;
const BUILD_NUMBER = 118;

/**
 * apps.connections.open (https://api.slack.com/methods/apps.connections.open): an app-level
 * token with `connections:write` gets a one-time `ws://…/link/?ticket=…&app_id=…` URL.
 */
export const appsConnectionsOpen: Handler = (ctx) => {
  const tok = ctx.principal.token ? findToken(ctx.tenant, String(ctx.principal.token)) : undefined;
  if (!tok) throw new SlackError('invalid_auth');
  if (tok.type !== 'app') throw new SlackError('not_allowed_token_type');
  const scopes = scopeList(tok.scopes);
  if (!scopes.includes('connections:write')) throw missingScope(['connections:write'], scopes);
  const app = getApp(ctx.tenant, tok.app_id);
  if (!app) throw new SlackError('invalid_auth');
  if (app.socket_mode_disabled) throw new SlackError('access_denied');
  const rt = realtime(ctx.twin);
  const now = ctx.twin.clock.ms();
  for (const [k, t] of rt.tickets) if (t.expiresAt <= now) rt.tickets.delete(k);
  const t = newTicket(ctx.tenant);
  rt.tickets.set(t, { tenant: ctx.tenant.name, kind: 'socket', appId: app.id, token: tok.token, expiresAt: now + TICKET_TTL_MS });
  const url = `${ctx.baseUrl.replace(/^http/, 'ws')}/link/?ticket=${encodeURIComponent(t)}&app_id=${encodeURIComponent(app.id)}`;
  return { body: { ok: true, url } };
};

const disconnectFrame = (conn: SocketConn, reason: string) => JSON.stringify({ type: 'disconnect', reason, debug_info: { host: conn.host } });

/** Sends Slack's `disconnect` frame; `warning` leaves the socket open, every other reason closes it. */
export function disconnect(rt: Realtime, conn: SocketConn, reason: string): void {
  try {
    conn.ws.send(disconnectFrame(conn, reason));
  } catch {
    // already closing
  }
  if (reason === 'warning') {
    conn.warned = true;
    return;
  }
  conn.closing = true;
  rt.sockets.delete(conn.id);
  // The frame goes out before the close frame, so clients read the reason first.
  conn.ws.close(1000, reason);
}

function tickSockets(rt: Realtime, now: number): number | undefined {
  let next: number | undefined;
  for (const conn of [...rt.sockets.values()]) {
    if (conn.closing) continue;
    if (!conn.warned && now >= conn.expiresAt - WARNING_LEAD_MS) disconnect(rt, conn, 'warning');
    if (now >= conn.expiresAt) {
      disconnect(rt, conn, 'refresh_requested');
      continue;
    }
    const due = conn.warned ? conn.expiresAt : conn.expiresAt - WARNING_LEAD_MS;
    if (next === undefined || due < next) next = due;
  }
  return next;
}

function refuse(ws: WebSocket, reason: string): void {
  // Slack refuses unknown or reused tickets; the SDK then asks apps.connections.open for a new URL.
  ws.close(1008, reason);
}

export const socketModeRoute: WebSocketRoute = {
  path: '/link/',
  handle(ws, _req, { twin, url, tenantName }) {
    ws.on('error', () => undefined);
    const rt = realtime(twin);
    rt.ensureTicker('sockets', (now) => tickSockets(rt, now));
    const key = url.searchParams.get('ticket') ?? '';
    const tk = rt.tickets.get(key);
    if (tk) rt.tickets.delete(key);
    const now = twin.clock.ms();
    const appParam = url.searchParams.get('app_id');
    if (!tk || tk.kind !== 'socket' || tk.expiresAt <= now || (tenantName !== undefined && tenantName !== tk.tenant) || (appParam && appParam !== tk.appId)) return refuse(ws, 'invalid_ticket');
    const tenant = twin.tenant(tk.tenant);
    if (!tokenLive(tenant, findToken(tenant, tk.token)) || !getApp(tenant, tk.appId!)) return refuse(ws, 'invalid_auth');
    const conn: SocketConn = {
      id: `conn-${tenant.random.hex(12)}`,
      tenant: tk.tenant,
      appId: tk.appId!,
      ws,
      connectedAt: now,
      expiresAt: now + rt.lifetimeFor(tk.tenant),
      warned: false,
      closing: false,
      host: `applink-${tenant.random.hex(10)}-${tenant.random.chars(5, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
    };
    if (rt.socketsFor(conn.tenant, conn.appId).length >= MAX_CONNECTIONS) {
      ws.send(disconnectFrame(conn, 'too_many_websockets'));
      ws.close(1000, 'too_many_websockets');
      return;
    }
    rt.sockets.set(conn.id, conn);
    ws.on('close', () => {
      rt.sockets.delete(conn.id);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => onFrame(twin, conn, data, isBinary));
    // https://api.slack.com/apis/connections/socket-implement — the hello that completes the handshake.
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: rt.socketsFor(conn.tenant, conn.appId).length,
        debug_info: { host: conn.host, build_number: BUILD_NUMBER, approximate_connection_time: Math.round(rt.lifetimeFor(conn.tenant) / 1000) },
        connection_info: { app_id: conn.appId },
      }),
    );
    rt.wake();
  },
};

/** Acks are `{envelope_id, payload}`; anything else (binary, bad JSON, unknown ids) is ignored, as Slack does. */
function onFrame(twin: Twin, conn: SocketConn, data: RawData, isBinary: boolean): void {
  if (isBinary) return;
  let msg: unknown;
  try {
    msg = JSON.parse(data.toString());
  } catch {
    return;
  }
  if (!msg || typeof msg !== 'object') return;
  const envId = (msg as { envelope_id?: unknown }).envelope_id;
  if (typeof envId !== 'string') return;
  handleAck(twin, conn.tenant, conn.appId, envId, (msg as { payload?: unknown }).payload);
}

const REASONS = new Set(['refresh_requested', 'warning', 'link_disabled', 'too_many_websockets']);

/**
 * Control routes:
 *   GET  /_dtu/slack/socket/connections              open Socket Mode connections of the tenant
 *   POST /_dtu/slack/socket/disconnect               {app_id?, connection_id?, reason?} — send `disconnect` (default refresh_requested)
 *   PUT  /_dtu/slack/socket/settings                 {connection_lifetime_ms} — when Slack recycles the tenant's connections (twin clock)
 */
export function socketControl(app: Hono<DtuEnv>, twin: Twin): void {
  app.get('/_dtu/slack/socket/connections', (c) => {
    const tenant = controlTenant(c, twin);
    const rt = realtime(twin);
    return c.json({
      connections: rt.socketsFor(tenant.name).map((k) => ({ id: k.id, app_id: k.appId, host: k.host, connected_at: new Date(k.connectedAt).toISOString(), expires_at: new Date(k.expiresAt).toISOString(), warned: k.warned })),
    });
  });
  app.post('/_dtu/slack/socket/disconnect', async (c) => {
    const tenant = controlTenant(c, twin);
    const body = await jsonBody(c);
    if (!body) return problem(c, 400, 'expected a JSON object { app_id?, connection_id?, reason? }');
    const reason = str(body.reason) ?? 'refresh_requested';
    if (!REASONS.has(reason)) return problem(c, 400, `reason must be one of ${[...REASONS].join(', ')}`);
    const rt = realtime(twin);
    const conns = rt.socketsFor(tenant.name, str(body.app_id)).filter((k) => !str(body.connection_id) || k.id === body.connection_id);
    for (const k of conns) disconnect(rt, k, reason);
    return c.json({ ok: true, disconnected: conns.map((k) => k.id), reason });
  });
  app.put('/_dtu/slack/socket/settings', async (c) => {
    const tenant = controlTenant(c, twin);
    const body = await jsonBody(c);
    const ms = body?.connection_lifetime_ms;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < WARNING_LEAD_MS) return problem(c, 400, `connection_lifetime_ms must be a number >= ${WARNING_LEAD_MS}`);
    const rt = realtime(twin);
    rt.connectionLifetimes.set(tenant.name, ms);
    rt.ensureTicker('sockets', (now) => tickSockets(rt, now));
    for (const k of rt.socketsFor(tenant.name)) k.expiresAt = k.connectedAt + ms;
    rt.wake();
    return c.json({ ok: true, connection_lifetime_ms: ms });
  });
}
