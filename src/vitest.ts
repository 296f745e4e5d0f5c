/**
 * Test-runner helpers (vitest, jest): start twins on ephemeral ports, connect to
 * twins a global setup started, a fresh tenant per test, and journal matchers.
 * Nothing here imports a test runner, so jest can use it as well.
 *
 *   const twins = await startTwins({ vendors: ['slack'], seed: 'ci' });
 *   const t = await twins.tenant();                    // isolated state for this test
 *   new WebClient(t.slack.botToken, { slackApiUrl: t.slack.apiUrl });
 *   expect(await twins.journal(t.tenant)).toHaveReceived({ vendor: 'slack', method: 'chat.postMessage' });
 */
import { randomUUID } from 'node:crypto';
import { startTwins as startOnPorts } from './start.js';
import { VENDORS, isVendor, type Vendor } from './vendors.js';
import type { JournalEntry } from './core/journal.js';
import { fetchCredentials, type CredentialsOf } from './credentials.js';
// Brings vitest's Matchers interface into scope for the augmentation at the end (types only; nothing is imported at run time).
import type {} from 'vitest';

export type { JournalEntry } from './core/journal.js';
export type { VendorCredentials, OktaCredentials, SlackCredentials, JiraCredentials, GoogleCredentials } from './credentials.js';

export interface StartTwinsOptions<V extends readonly Vendor[]> {
  /** Twins to start (default: all four). */
  vendors?: V;
  /** Seeds every id and token (default `dtu`). */
  seed?: string;
  /** Fixture: `default`, `empty` or a JSON file. */
  fixture?: string;
  host?: string;
}

export interface RunningTwins<V extends readonly Vendor[]> {
  /** Base URL per twin. */
  urls: { [K in V[number]]: string };
  /** SDK-ready credentials of the default tenant. */
  credentials: CredentialsOf<V>;
  /** A fresh tenant (default: a unique name) with its own seeded state; every URL in its credentials carries its prefix. */
  tenant(name?: string): Promise<CredentialsOf<V> & { tenant: string }>;
  /** Back to the fixture: every tenant, or one. */
  reset(tenant?: string): Promise<void>;
  /** Exchanges the twins served (oldest first), optionally for one tenant. */
  journal(tenant?: string): Promise<JournalEntry[]>;
  /** `DTU_<VENDOR>_URL` variables for a child process (and `digital-twin-universe/register`). */
  env(): Record<string, string>;
  /** Stops the twins when this process started them; a no-op for connected ones. */
  close(): Promise<void>;
}

/** Starts twins in this process on ephemeral ports. */
export async function startTwins<const V extends readonly Vendor[] = typeof VENDORS>(opts: StartTwinsOptions<V> = {}): Promise<RunningTwins<V>> {
  const started = await startOnPorts({ twins: opts.vendors ? [...opts.vendors] : undefined, portBase: 0, host: opts.host, seed: opts.seed, fixture: opts.fixture });
  const twins = await connectTwins(started.urls as { [K in V[number]]: string });
  return { ...twins, close: () => started.close() };
}

/** The URLs a global setup published: `DTU_<VENDOR>_URL` in the environment. */
export function urlsFromEnv(env: Record<string, string | undefined> = process.env): Partial<Record<Vendor, string>> {
  const out: Partial<Record<Vendor, string>> = {};
  for (const v of VENDORS) if (env[`DTU_${v.toUpperCase()}_URL`]) out[v] = env[`DTU_${v.toUpperCase()}_URL`];
  return out;
}

/**
 * Connects to twins already running (a global setup, `dtu start`, a container). Twins listening beyond
 * loopback guard their control plane with an admin token: pass it, or set `DTU_ADMIN_TOKEN`.
 */
export async function connectTwins<V extends readonly Vendor[] = readonly Vendor[]>(
  urls: { [K in V[number]]: string } | Partial<Record<Vendor, string>> = urlsFromEnv(),
  opts: { adminToken?: string } = {},
): Promise<RunningTwins<V>> {
  const adminToken = opts.adminToken ?? process.env.DTU_ADMIN_TOKEN;
  const control = (req: Request) => fetch(adminToken ? new Request(req, { headers: { ...Object.fromEntries(req.headers), 'x-dtu-admin-token': adminToken } }) : req);
  const vendors = Object.keys(urls).filter(isVendor) as V[number][];
  if (!vendors.length) throw new Error('dtu: no twins to connect to (start them with startTwins(), a global setup, or set DTU_<VENDOR>_URL)');
  const base = (v: Vendor) => (urls as Record<Vendor, string>)[v].replace(/\/+$/, '');
  const credentialsFor = async (tenant?: string) => {
    const out: Record<string, unknown> = {};
    for (const v of vendors) out[v] = await fetchCredentials(control, v, base(v), tenant);
    return out as CredentialsOf<V>;
  };
  const call = async (v: Vendor, method: string, path: string) => {
    const res = await control(new Request(`${base(v)}/_dtu/${path}`, { method }));
    if (!res.ok) throw new Error(`dtu: ${method} /_dtu/${path} on ${v}: HTTP ${res.status}`);
    return res.json();
  };
  const q = (tenant?: string) => (tenant ? `?tenant=${encodeURIComponent(tenant)}` : '');
  return {
    urls: urls as { [K in V[number]]: string },
    credentials: await credentialsFor(),
    async tenant(name = `t-${randomUUID().slice(0, 8)}`) {
      return { ...(await credentialsFor(name)), tenant: name };
    },
    async reset(tenant) {
      for (const v of vendors) await call(v, 'POST', `reset${q(tenant)}`);
    },
    async journal(tenant) {
      const all = await Promise.all(vendors.map(async (v) => ((await call(v, 'GET', `journal${q(tenant)}`)) as { entries: JournalEntry[] }).entries));
      return all.flat().sort((a, b) => a.time.localeCompare(b.time));
    },
    env() {
      return Object.fromEntries(vendors.map((v) => [`DTU_${v.toUpperCase()}_URL`, base(v)]));
    },
    async close() {},
  };
}

/**
 * A global setup: starts the twins once for the whole run and publishes their URLs
 * as `DTU_<VENDOR>_URL` (workers inherit them) and, under vitest, through `provide('dtu', urls)`.
 *
 *   // vitest.config.ts: test: { globalSetup: ['./test/twins.setup.ts'] }
 *   // test/twins.setup.ts:
 *   export default twinsGlobalSetup({ vendors: ['slack', 'jira'] });
 *   // in a test file:
 *   const twins = await connectTwins();
 */
export function twinsGlobalSetup<const V extends readonly Vendor[] = typeof VENDORS>(opts: StartTwinsOptions<V> = {}) {
  return async (project?: { provide?: (key: string, value: unknown) => void }): Promise<() => Promise<void>> => {
    const twins = await startTwins(opts);
    Object.assign(process.env, twins.env());
    project?.provide?.('dtu', twins.urls);
    return () => twins.close();
  };
}

/** What `toHaveReceived` looks for in a journal; every given field must match. */
export interface ReceivedQuery {
  vendor?: Vendor;
  /** A vendor operation (Slack method `chat.postMessage`, Okta `createUser`), or an HTTP verb (`POST`). */
  method?: string;
  operationId?: string;
  /** Request path after any tenant prefix, or a pattern. */
  path?: string | RegExp;
  status?: number;
  tenant?: string;
  /** Partial match on the request body (nested objects match by their given keys; asymmetric matchers work). */
  body?: unknown;
  /** How many exchanges must match (default: at least one). */
  times?: number;
}

const HTTP_VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function contains(actual: unknown, expected: unknown): boolean {
  if (expected && typeof expected === 'object' && typeof (expected as { asymmetricMatch?: unknown }).asymmetricMatch === 'function') {
    return (expected as { asymmetricMatch(v: unknown): boolean }).asymmetricMatch(actual);
  }
  if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual);
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => contains(actual[i], e));
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
  }
  return Object.is(actual, expected);
}

/** The journal entries a query matches. */
export function received(journal: JournalEntry[], q: ReceivedQuery): JournalEntry[] {
  return journal.filter((e) => {
    if (q.vendor && e.twin !== q.vendor) return false;
    if (q.method && (HTTP_VERBS.has(q.method.toUpperCase()) ? e.method.toUpperCase() !== q.method.toUpperCase() : e.operationId !== q.method)) return false;
    if (q.operationId && e.operationId !== q.operationId) return false;
    if (q.path && !(typeof q.path === 'string' ? e.path === q.path : q.path.test(e.path))) return false;
    if (q.status !== undefined && e.status !== q.status) return false;
    if (q.tenant && e.tenant !== q.tenant) return false;
    if (q.body !== undefined && !contains(e.request.body, q.body)) return false;
    return true;
  });
}

/** Matchers for `expect.extend(dtuMatchers)` (vitest or jest). */
export const dtuMatchers = {
  toHaveReceived(this: { isNot?: boolean }, journal: unknown, q: ReceivedQuery) {
    if (!Array.isArray(journal)) return { pass: false, message: () => `expected a dtu journal (an array of exchanges), got ${typeof journal}` };
    const hits = received(journal as JournalEntry[], q);
    const pass = q.times === undefined ? hits.length > 0 : hits.length === q.times;
    const seen = (journal as JournalEntry[]).slice(-10).map((e) => `  ${e.twin} ${e.method} ${e.path}${e.operationId ? ` (${e.operationId})` : ''} → ${e.status}`);
    const want = q.times === undefined ? 'at least one exchange' : `${q.times} exchange(s)`;
    return {
      pass,
      message: () =>
        pass
          ? `expected the journal not to contain ${want} matching ${JSON.stringify(q)}, found ${hits.length}`
          : `expected the journal to contain ${want} matching ${JSON.stringify(q)}, found ${hits.length}; last exchanges:\n${seen.join('\n') || '  (none)'}`,
    };
  },
};

declare module 'vitest' {
  interface Matchers<T = any> {
    /** The journal holds an exchange matching the query. */
    toHaveReceived(query: ReceivedQuery): T;
  }
}

declare global {
  // jest's global `expect` (@types/jest), after `expect.extend(dtuMatchers)`.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The journal holds an exchange matching the query. */
      toHaveReceived(query: ReceivedQuery): R;
    }
  }
}
