/**
 * The socket adapter: serves a twin over HTTP with @hono/node-server and routes
 * WebSocket upgrades (Slack Socket Mode, RTM) to the twin's `ws` handlers; with `tls`, HTTPS and WSS instead.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { Twin } from '../core/twin.js';

export interface Listening {
  twin: Twin;
  url: string;
  port: number;
  server: ServerType;
  close(): Promise<void>;
}

/** Hosts only this machine can reach; anywhere else the control plane needs an admin token. */
export function isLoopback(host: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i.test(host);
}

export interface ListenOptions {
  host?: string;
  port?: number;
  /** PEM certificate chain and key: serve HTTPS (and WSS) instead of HTTP. */
  tls?: { cert: string; key: string };
}

export async function listen(twin: Twin, opts: ListenOptions = {}): Promise<Listening> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host) && !twin.options.adminToken) {
    throw new Error(`dtu: refusing to serve ${twin.name} on ${host} without an admin token: anyone reaching it could drive /_dtu/* (give adminToken, --admin-token or DTU_ADMIN_TOKEN)`);
  }
  // node:https (and TLS with it) loads only to serve HTTPS.
  const https = opts.tls ? await import('node:https') : undefined;
  const server = await new Promise<ServerType>((resolve, reject) => {
    const base = { fetch: twin.respond, hostname: host, port: opts.port ?? 0 };
    const s = opts.tls && https
      ? serve({ ...base, createServer: https.createServer, serverOptions: { cert: opts.tls.cert, key: opts.tls.key } }, () => resolve(s))
      : serve(base, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const scheme = opts.tls ? 'https' : 'http';
  // ws loads with the first upgrade: most twins never see one, and it is a good share of a cold start's code.
  let wss: Promise<WebSocketServer> | undefined;
  let closed = false;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `${scheme}://${req.headers.host ?? `${host}:${port}`}`);
    const m = /^\/t\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const tenantName = m ? decodeURIComponent(m[1]) : undefined;
    const path = m ? (m[2] ?? '/') : url.pathname;
    const route = twin.def.websockets?.find((r) => r.path === path || (r.path.endsWith('/') && path === r.path.slice(0, -1)));
    if (!route) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss ??= import('ws').then((ws) => new ws.WebSocketServer({ noServer: true }));
    wss.then(
      (w) => (closed ? socket.destroy() : w.handleUpgrade(req, socket, head, (ws) => route.handle(ws, req, { twin, url, tenantName }))),
      () => socket.destroy(),
    );
  });
  const h = host.includes(':') ? `[${host}]` : host;
  return {
    twin,
    url: `${scheme}://${h === '0.0.0.0' ? '127.0.0.1' : h}:${port}`,
    port,
    server,
    async close() {
      closed = true;
      const w = await wss?.catch(() => undefined);
      for (const client of w?.clients ?? []) client.terminate();
      w?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await twin.close();
    },
  };
}
