/**
 * The in-process adapter: twins answer on the vendors' real hosts through the
 * consumer's own msw (an optional peer, ≥ 2), so official SDKs run with their
 * default URLs and nothing reaches the network.
 *
 *   const twins = await setupTwins({ vendors: ['slack', 'google'] });
 *   new WebClient(twins.credentials.slack.botToken);          // https://slack.com/api/, answered in-process
 *   afterAll(() => twins.close());
 */
import type { HttpHandler, WebSocketHandler } from 'msw';
import type { SetupServerApi } from 'msw/node';
import type { IncomingMessage } from 'node:http';
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Twin } from './core/twin.js';
import type { JournalEntry } from './core/journal.js';
import { Clock } from './core/clock.js';
import { listen, type Listening } from './server/node.js';
import { VENDORS, createVendorTwin, type Vendor } from './vendors.js';
import { DEFAULT_ORIGINS, VENDOR_HOSTS, vendorOfHost } from './hosts.js';
import { fetchCredentials, onVendorHosts, type CredentialsOf, type VendorCredentials } from './credentials.js';
import { importPeer } from './peer.js';

export type { VendorCredentials, OktaCredentials, SlackCredentials, JiraCredentials, GoogleCredentials } from './credentials.js';

const ENTRY = 'digital-twin-universe/msw';
const msw = await importPeer('msw', ENTRY, () => import('msw'));

export interface MswTwinOptions {
  /** Origins served by this twin; default: every host its vendor's SDKs use (`VENDOR_HOSTS`). */
  origins?: string[];
  /** Rewrites a reply before msw hands it back (the Socket Mode link URL, for one). */
  rewrite?: (req: Request, res: Response) => Promise<Response>;
}

/**
 * MSW request handlers that hand every request for the twin's hosts to `twin.fetch`. The handler's path is a
 * regular expression over the URL msw matches (origin and path), so msw itself passes over requests for other
 * hosts (another twin's, or the network's), and matching costs one `exec` per call where a string pattern
 * is compiled by path-to-regexp on every call.
 */
export function mswHandlers(twin: Twin, opts: MswTwinOptions = {}): HttpHandler[] {
  return [
    msw.http.all(twinUrls(twin.name as Vendor, opts.origins), async ({ request }) => {
      const res = await twin.fetch(request);
      return opts.rewrite ? opts.rewrite(request, res) : res;
    }),
  ];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** URLs (origin and path, as msw matches them) on the given origins, or on any host the vendor's SDKs use. */
export function twinUrls(vendor: Vendor, origins?: string[]): RegExp {
  if (origins) return new RegExp(`^(?:${origins.map((o) => escapeRe(new URL(o).origin)).join('|')})(?:/|$)`, 'i');
  // VENDOR_HOSTS are anchored hostname patterns; here they sit between the scheme and an optional port.
  const host = VENDOR_HOSTS[vendor].source.replace(/^\^/, '').replace(/\$$/, '');
  return new RegExp(`^[a-z][a-z0-9+.-]*://(?:${host})(?::\\d+)?(?:/|$)`, 'i');
}

/** How Slack Socket Mode links are served in-process. */
export type SocketModeTransport = 'loopback' | 'msw';

export interface TwinHandlersOptions<V extends readonly Vendor[]> {
  /** Twins to run (default: all four). */
  vendors?: V;
  /** Seeds every id and token (default `dtu`). */
  seed?: string;
  /** Fixture: `default`, `empty` or a JSON file. */
  fixture?: string;
  clock?: Clock;
  /**
   * `loopback` (default): `apps.connections.open` hands out a `ws://127.0.0.1:<port>/link/` URL on a
   * loopback listener of the same in-process twin — @slack/socket-mode and Bolt import undici's own
   * `WebSocket`, which msw's WebSocket interception (it patches `globalThis.WebSocket`) never sees.
   * `msw`: the link stays `wss://slack.com/link/` and msw's WebSocket API (`ws.link`) serves it, for
   * clients that use the global `WebSocket`.
   */
  socketMode?: SocketModeTransport;
}

export interface TwinHandlers<V extends readonly Vendor[]> {
  /** Handlers for `setupServer(...handlers)` or `server.use(...handlers)`. */
  handlers: Array<HttpHandler | WebSocketHandler>;
  twins: { [K in V[number]]: Twin };
  /** SDK-ready credentials of the default tenant, addressed to the vendors' real hosts. */
  credentials: CredentialsOf<V>;
  /** A fresh tenant (default: a unique name) with its own seeded state; credentials for every twin. */
  tenant(name?: string): Promise<CredentialsOf<V> & { tenant: string }>;
  /** Back to the fixture: every tenant, or one. */
  reset(tenant?: string): Promise<void>;
  /** Exchanges every twin served (oldest first), optionally for one tenant. */
  journal(tenant?: string): JournalEntry[];
  close(): Promise<void>;
}

/** The twins and their msw handlers, without a server: for a `setupServer` the caller already owns. */
export async function createTwinHandlers<const V extends readonly Vendor[] = typeof VENDORS>(opts: TwinHandlersOptions<V> = {}): Promise<TwinHandlers<V>> {
  const vendors = (opts.vendors?.length ? [...new Set(opts.vendors)] : [...VENDORS]) as Vendor[];
  const clock = opts.clock ?? new Clock();
  const twins = {} as Record<Vendor, Twin>;
  for (const v of vendors) twins[v] = await createVendorTwin(v, { seed: opts.seed, fixture: opts.fixture, clock });

  const handlers: Array<HttpHandler | WebSocketHandler> = [];
  let loopback: Listening | undefined;
  for (const v of vendors) {
    if (v === 'slack' && (opts.socketMode ?? 'loopback') === 'loopback') {
      loopback = await listen(twins.slack);
      const wsOrigin = loopback.url.replace(/^http/, 'ws');
      handlers.push(...mswHandlers(twins.slack, { rewrite: (req, res) => socketLinkTo(wsOrigin, req, res) }));
    } else handlers.push(...mswHandlers(twins[v]));
    if (v === 'slack' && opts.socketMode === 'msw') handlers.push(socketModeHandler(twins.slack));
  }

  const credentialsFor = async (tenant?: string) => {
    const out: Record<string, unknown> = {};
    for (const v of vendors) out[v] = onVendorHosts(v, await fetchCredentials(twins[v].fetch, v, DEFAULT_ORIGINS[v], tenant));
    return out as CredentialsOf<V>;
  };

  return {
    handlers,
    twins: twins as TwinHandlers<V>['twins'],
    credentials: await credentialsFor(),
    async tenant(name = `t-${randomUUID().slice(0, 8)}`) {
      return { ...(await credentialsFor(name)), tenant: name };
    },
    async reset(tenant) {
      const q = tenant ? `?tenant=${encodeURIComponent(tenant)}` : '';
      for (const v of vendors) await twins[v].fetch(new Request(`${DEFAULT_ORIGINS[v]}/_dtu/reset${q}`, { method: 'POST' }));
    },
    journal(tenant) {
      return mergeJournals(vendors.map((v) => twins[v]), tenant);
    },
    async close() {
      if (loopback) await socketsClosed(loopback);
      await loopback?.close();
      await Promise.all(vendors.filter((v) => !(v === 'slack' && loopback)).map((v) => twins[v].close()));
    },
  };
}

export interface SetupTwinsOptions<V extends readonly Vendor[]> extends TwinHandlersOptions<V> {
  /** msw's `onUnhandledRequest`; default: an error for any vendor host no twin answers, other hosts pass through. */
  onUnhandledRequest?: 'error' | 'warn' | 'bypass' | ((request: Request, print: { warning(): void; error(): void }) => void);
}

export interface InProcessTwins<V extends readonly Vendor[]> extends TwinHandlers<V> {
  /** The msw server, already listening. */
  server: SetupServerApi;
}

/** Starts the twins and an msw server (the consumer's msw) that serves them on the vendors' real hosts. */
export async function setupTwins<const V extends readonly Vendor[] = typeof VENDORS>(opts: SetupTwinsOptions<V> = {}): Promise<InProcessTwins<V>> {
  const { setupServer } = await importPeer('msw', ENTRY, () => import('msw/node'));
  const t = await createTwinHandlers(opts);
  const server = setupServer(...t.handlers);
  server.listen({ onUnhandledRequest: opts.onUnhandledRequest ?? vendorHostsOnly });
  return {
    ...t,
    server,
    async close() {
      server.close();
      await t.close();
    },
  };
}

/** Vendor hosts never reach the network; anything else (a local server, a database) passes. */
export function vendorHostsOnly(request: Request, print: { error(): void }): void {
  if (vendorOfHost(new URL(request.url).hostname)) print.error();
}

export function mergeJournals(twins: Twin[], tenant?: string): JournalEntry[] {
  return twins.flatMap((t) => t.journal.query({ tenant })).sort((a, b) => a.time.localeCompare(b.time));
}

/**
 * Waits (up to a second) for Socket Mode clients that are closing — Bolt's `stop()` resolves before
 * its close handshake ends — so closing the loopback does not cut them off mid-handshake.
 */
async function socketsClosed(loopback: Listening): Promise<void> {
  const end = Date.now() + 1000;
  const open = () => new Promise<number>((resolve) => loopback.server.getConnections((_e, n) => resolve(n ?? 0)));
  while (Date.now() < end && (await open()) > 0) await new Promise((r) => setTimeout(r, 25));
}

/** `apps.connections.open` answers with a link on the loopback listener instead of slack.com. */
async function socketLinkTo(wsOrigin: string, req: Request, res: Response): Promise<Response> {
  if (!new URL(req.url).pathname.endsWith('/apps.connections.open') || !res.ok) return res;
  const body = (await res.clone().json()) as { ok?: boolean; url?: string };
  if (!body.ok || !body.url) return res;
  const link = new URL(body.url);
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify({ ...body, url: `${wsOrigin}${link.pathname}${link.search}` }), { status: res.status, headers });
}

/** Socket Mode and RTM links through msw's WebSocket API: each connection drives the twin's own socket route. */
function socketModeHandler(twin: Twin): WebSocketHandler {
  const link = msw.ws.link(/^wss?:\/\/([a-z0-9-]+\.)*slack\.com\/.*/);
  return link.addEventListener('connection', ({ client }) => {
    const url = new URL(client.url);
    const m = /^\/t\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const path = m ? (m[2] ?? '/') : url.pathname;
    const route = twin.def.websockets?.find((r) => r.path === path || (r.path.endsWith('/') && path === r.path.slice(0, -1)));
    if (!route) return client.close(1008, 'not found');
    const socket = new MswSocket(client);
    route.handle(socket as never, { headers: {}, url: url.pathname + url.search } as IncomingMessage, { twin, url, tenantName: m ? decodeURIComponent(m[1]) : undefined });
  });
}

type MswClient = Parameters<Parameters<ReturnType<typeof msw.ws.link>['addEventListener']>[1]>[0]['client'];

/** The subset of a `ws` WebSocket the twins' socket routes use, over an msw client connection. */
class MswSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;

  constructor(private readonly client: MswClient) {
    super();
    client.addEventListener('message', (e) => {
      const data = e.data;
      const isBinary = typeof data !== 'string';
      // The twins' socket routes ignore binary frames (Slack does too), so a Blob's bytes are not read.
      this.emit('message', isBinary ? Buffer.from(data instanceof Blob ? [] : new Uint8Array(data as ArrayBuffer)) : Buffer.from(data), isBinary);
    });
    client.addEventListener('close', (e) => this.closed(e.code, e.reason));
  }

  send(data: string | Buffer): void {
    if (this.readyState === 1) this.client.send(typeof data === 'string' ? data : new Uint8Array(data));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState !== 1) return;
    this.readyState = 2;
    this.client.close(code, reason);
    this.closed(code, reason);
  }

  terminate(): void {
    this.close(1000, 'terminated');
  }

  private closed(code: number, reason: string): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emit('close', code, Buffer.from(reason ?? ''));
  }
}
