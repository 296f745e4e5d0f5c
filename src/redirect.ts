/**
 * Process-wide redirect of vendor hosts to running twins, for code that must not
 * change: global fetch and undici go through a wrapped global dispatcher;
 * `http`/`https` (node-fetch, axios, gaxios, got, `ws`) through wrapped
 * `request`/`get`. WebSocket upgrades ride on both.
 */
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { VENDORS, type Vendor } from './vendors.js';
import { vendorOfHost } from './hosts.js';

export type RedirectTargets = Partial<Record<Vendor, string>>;

/**
 * Targets from the environment: `DTU_<VENDOR>_URL` per twin (it may carry a
 * `/t/<tenant>` prefix), else `DTU_URL`, the first port of a `dtu start` layout
 * (okta, slack, jira, google on consecutive ports).
 */
export function targetsFromEnv(env: Record<string, string | undefined>): RedirectTargets {
  const out: RedirectTargets = {};
  const base = env.DTU_URL ? new URL(env.DTU_URL) : undefined;
  VENDORS.forEach((v, i) => {
    const own = env[`DTU_${v.toUpperCase()}_URL`];
    if (own) out[v] = own;
    else if (base) {
      const u = new URL(base);
      u.port = String(Number(base.port || (base.protocol === 'https:' ? 443 : 80)) + i);
      out[v] = u.href.replace(/\/$/, '');
    }
  });
  return out;
}

export class NoTwinError extends Error {
  constructor(vendor: Vendor, url: string) {
    super(`dtu redirect: ${url} belongs to ${vendor}, and no ${vendor} twin is configured (set DTU_${vendor.toUpperCase()}_URL or DTU_URL); the request was not sent to the real service`);
    this.name = 'NoTwinError';
  }
}

/** Where a request for `url` goes instead, or undefined when it is not for a vendor host. Throws for a vendor without a twin. */
export function redirectTarget(url: URL, targets: RedirectTargets): URL | undefined {
  const vendor = vendorOfHost(url.hostname);
  if (!vendor) return undefined;
  const base = targets[vendor];
  if (!base) throw new NoTwinError(vendor, url.href);
  const to = new URL(base);
  const ws = url.protocol === 'ws:' || url.protocol === 'wss:';
  const tls = to.protocol === 'https:' || to.protocol === 'wss:';
  to.protocol = ws ? (tls ? 'wss:' : 'ws:') : tls ? 'https:' : 'http:';
  to.pathname = `${to.pathname.replace(/\/+$/, '')}${url.pathname}`;
  to.search = url.search;
  return to;
}

interface Dispatcher {
  dispatch(opts: { origin?: string | URL; path: string; [k: string]: unknown }, handler: unknown): boolean;
}

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** Wraps undici's global dispatcher (Node's own fetch and the undici package share it) so vendor origins are rewritten. */
async function redirectDispatcher(targets: RedirectTargets): Promise<void> {
  const g = globalThis as unknown as Record<symbol, Dispatcher | undefined>;
  // Node creates its default dispatcher when fetch first runs; a data: URL does that without I/O.
  if (!g[GLOBAL_DISPATCHER]) await fetch('data:,').catch(() => undefined);
  const inner = g[GLOBAL_DISPATCHER];
  if (!inner) return;
  g[GLOBAL_DISPATCHER] = new Proxy(inner, {
    get(target, key) {
      if (key === 'dispatch') {
        return (opts: Parameters<Dispatcher['dispatch']>[0], handler: unknown) => {
          const origin = opts.origin ? String(opts.origin) : undefined;
          const to = origin ? redirectTarget(new URL(opts.path, origin), targets) : undefined;
          return target.dispatch(to ? { ...opts, origin: to.origin, path: `${to.pathname}${to.search}` } : opts, handler);
        };
      }
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

type RequestArgs = [url: string | URL | http.RequestOptions, options?: http.RequestOptions | ((res: http.IncomingMessage) => void), cb?: (res: http.IncomingMessage) => void];

/** The URL an http(s).request call addresses, in Node's precedence: options over the URL argument. */
function addressed(defaultProtocol: string, args: RequestArgs): { url: URL; options: http.RequestOptions; cb?: (res: http.IncomingMessage) => void } {
  let [first, second, third] = args;
  let options: http.RequestOptions = {};
  let cb = third;
  let base: URL | undefined;
  if (typeof first === 'string' || first instanceof URL) {
    base = new URL(first);
    if (typeof second === 'function') cb = second;
    else if (second) options = second;
  } else {
    options = first ?? {};
    if (typeof second === 'function') cb = second;
  }
  const protocol = options.protocol ?? base?.protocol ?? defaultProtocol;
  const host = options.hostname ?? (options.host ? options.host.replace(/:\d+$/, '') : undefined) ?? base?.hostname ?? 'localhost';
  const port = options.port ?? base?.port;
  const path = options.path ?? (base ? `${base.pathname}${base.search}` : '/');
  const url = new URL(`${protocol}//${host.includes(':') ? `[${host}]` : host}${port ? `:${port}` : ''}${path}`);
  if (base && !options.path) options = { ...options, path };
  return { url, options, cb };
}

function patchModule(mod: typeof http | typeof https, defaultProtocol: string, targets: RedirectTargets): void {
  const original = { request: mod.request, get: mod.get };
  const redirected = (kind: 'request' | 'get', args: RequestArgs) => {
    const { url, options, cb } = addressed(defaultProtocol, args);
    const to = redirectTarget(url, targets);
    if (!to) return undefined;
    const tls = to.protocol === 'https:' || to.protocol === 'wss:';
    const target = tls ? https : http;
    const changedProtocol = (url.protocol === 'https:' || url.protocol === 'wss:') !== tls;
    const next: http.RequestOptions = {
      ...options,
      protocol: tls ? 'https:' : 'http:',
      hostname: to.hostname,
      host: to.hostname,
      port: to.port || (tls ? 443 : 80),
      path: `${to.pathname}${to.search}`,
      // An https agent or TLS connector cannot carry a plain-http request (and the reverse).
      ...(changedProtocol ? { agent: undefined, createConnection: undefined } : {}),
    };
    if (next.headers && !Array.isArray(next.headers)) {
      const headers: Record<string, unknown> = { ...next.headers };
      for (const k of Object.keys(headers)) if (k.toLowerCase() === 'host') delete headers[k];
      next.headers = headers as http.OutgoingHttpHeaders;
    }
    return (target === mod ? original : { request: target.request, get: target.get })[kind](next, cb as never);
  };
  mod.request = function (this: unknown, ...args: RequestArgs) {
    return redirected('request', args) ?? original.request.apply(this, args as never);
  } as typeof mod.request;
  mod.get = function (this: unknown, ...args: RequestArgs) {
    return redirected('get', args) ?? original.get.apply(this, args as never);
  } as typeof mod.get;
}

let installed: RedirectTargets | undefined;

/** Installs the redirect once per process; later calls only add targets. */
export async function installRedirect(targets: RedirectTargets): Promise<RedirectTargets> {
  if (installed) return Object.assign(installed, targets);
  installed = { ...targets };
  patchModule(http, 'http:', installed);
  patchModule(https, 'https:', installed);
  syncBuiltinESMExports();
  await redirectDispatcher(installed);
  return installed;
}
