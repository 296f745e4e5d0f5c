/** Each SDK's whole method surface, enumerated from the installed package (never a hand-kept list), one surface per client an SDK ships. */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CompatVendor } from './types.js';

export interface SurfaceMethod {
  /** Dotted name from the client root: `userApi.listUsers`, `chat.postMessage`, `issues.getIssue`, `drive.files.list`. */
  name: string;
  /** First segment: the API class, Web API family, jira.js group or Google API. */
  group: string;
}

export interface SdkSurface {
  vendor: CompatVendor;
  /** npm package. */
  sdk: string;
  /** The client class, when a package ships several surfaces (`Version2Client`, `AgileClient`). */
  client?: string;
  version: string;
  /** What was walked, in words, for the report. */
  enumeratedFrom: string;
  methods: SurfaceMethod[];
}

/** `jira.js Version2Client`, `@slack/bolt`: how reports name a surface. */
export const surfaceId = (s: Pick<SdkSurface, 'sdk' | 'client'>) => (s.client ? `${s.sdk} ${s.client}` : s.sdk);

/** Function identity → surface method, for prototype methods (shared by every client instance). */
export type FunctionIndex = Map<Function, { surface: string; name: string }>;

const require = createRequire(import.meta.url);
const unreachable = 'http://127.0.0.1:9';

export const GOOGLE_APIS: Array<[api: string, version: string]> = [
  ['drive', 'v3'],
  ['sheets', 'v4'],
  ['docs', 'v1'],
  ['admin', 'directory_v1'],
  ['gmail', 'v1'],
  ['calendar', 'v3'],
];

/** The installed version, read from the package's own package.json (found by walking up from its entry point). */
export function packageVersion(pkg: string): string {
  const dir = packageDir(pkg);
  if (!dir) return 'not installed';
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
}

function packageDir(pkg: string): string | undefined {
  try {
    let dir = dirname(require.resolve(pkg));
    for (;;) {
      const file = join(dir, 'package.json');
      if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === pkg) return dir;
      const up = dirname(dir);
      if (up === dir) return undefined;
      dir = up;
    }
  } catch {
    return undefined;
  }
}

const mod = async (pkg: string): Promise<any> => {
  const m = await import(pkg);
  return m.default && Object.keys(m).length <= 2 ? { ...m.default, ...m } : m;
};

function protoMethods(proto: Record<string, unknown> | null): Array<[string, Function]> {
  if (!proto || proto === Object.prototype) return [];
  return Object.getOwnPropertyNames(proto)
    .filter((k) => k !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, k)?.value === 'function')
    .map((k) => [k, proto[k] as Function]);
}

/**
 * Methods of a class's prototype minus the ones its declaration file (beside the package's
 * entry point) marks `private` or `protected`: TypeScript keeps those on the prototype.
 */
function publicMethods(cls: { prototype: object }, pkg: string, dts: string): Array<[string, Function]> {
  const file = join(dirname(require.resolve(pkg)), dts);
  if (!existsSync(file)) throw new Error(`${pkg}: no ${dts} beside its entry point to tell public methods from private ones`);
  const text = readFileSync(file, 'utf8');
  const hidden = new Set([...text.matchAll(/^\s*(?:private|protected)\s+(?:static\s+)?(?:async\s+)?(\w+)/gm)].map((m) => m[1]));
  return protoMethods(cls.prototype as Record<string, unknown>).filter(([k]) => !hidden.has(k));
}

type Enumerate = (record: (name: string, group: string, fn?: Function) => void) => Promise<void>;

/** The groups a jira.js client instantiates (objects of their own classes) and their prototype methods. */
const jiraClient = (cls: string): Enumerate => async (record) => {
  const Client = (await mod('jira.js'))[cls];
  const client = new Client({ host: unreachable });
  for (const [group, v] of Object.entries(client as Record<string, unknown>)) {
    if (!v || typeof v !== 'object' || (v as object).constructor === Object) continue;
    for (const [m, fn] of protoMethods(Object.getPrototypeOf(v))) record(`${group}.${m}`, group, fn);
  }
};

interface SurfaceSpec {
  vendor: CompatVendor;
  sdk: string;
  client?: string;
  enumeratedFrom: string;
  enumerate: Enumerate;
}

/** Every surface, in the order a call is matched against its vendor's surfaces. */
const SURFACES: SurfaceSpec[] = [
  {
    vendor: 'okta',
    sdk: '@okta/okta-sdk-nodejs',
    enumeratedFrom: 'prototype methods of the `*Api` objects on `new okta.Client(…)`',
    async enumerate(record) {
      const { Client } = await mod('@okta/okta-sdk-nodejs');
      const client = new Client({ orgUrl: unreachable, token: 'surface', cacheMiddleware: null });
      for (const [prop, api] of Object.entries(client as Record<string, unknown>)) {
        if (!prop.endsWith('Api') || !api || typeof api !== 'object') continue;
        for (const [m, fn] of protoMethods(Object.getPrototypeOf(api))) record(`${prop}.${m}`, prop, fn);
      }
    },
  },
  {
    vendor: 'slack',
    sdk: '@slack/web-api',
    enumeratedFrom: 'functions named `bound apiCall`/`bound filesUploadV2` reachable from a `WebClient` instance',
    async enumerate(record) {
      // Bound per instance, so matched by name, never by function identity.
      const { WebClient } = await mod('@slack/web-api');
      const client = new WebClient('xoxb-surface', { slackApiUrl: `${unreachable}/api/` });
      const seen = new Set<object>();
      const walk = (obj: Record<string, unknown>, path: string[]) => {
        for (const [k, v] of Object.entries(obj)) {
          if (typeof v === 'function' && (v.name === 'bound apiCall' || v.name === 'bound filesUploadV2')) {
            record([...path, k].join('.'), path[0] ?? k);
          } else if (v && typeof v === 'object' && v.constructor === Object && !seen.has(v) && path.length < 6) {
            seen.add(v);
            walk(v as Record<string, unknown>, [...path, k]);
          }
        }
      };
      walk(client as Record<string, unknown>, []);
    },
  },
  {
    vendor: 'slack',
    sdk: '@slack/bolt',
    client: 'App',
    enumeratedFrom: 'public prototype methods of `App` (those `App.d.ts` marks private left out)',
    async enumerate(record) {
      const { App } = await mod('@slack/bolt');
      for (const [m, fn] of publicMethods(App, '@slack/bolt', 'App.d.ts')) record(`app.${m}`, 'app', fn);
    },
  },
  {
    vendor: 'slack',
    sdk: '@slack/socket-mode',
    client: 'SocketModeClient',
    enumeratedFrom: 'public prototype methods of `SocketModeClient` (private and protected ones left out)',
    async enumerate(record) {
      const { SocketModeClient } = await mod('@slack/socket-mode');
      for (const [m, fn] of publicMethods(SocketModeClient, '@slack/socket-mode', 'SocketModeClient.d.ts')) record(`socket.${m}`, 'socket', fn);
    },
  },
  { vendor: 'jira', sdk: 'jira.js', client: 'Version3Client', enumeratedFrom: 'prototype methods of the groups on `new Version3Client(…)`', enumerate: jiraClient('Version3Client') },
  { vendor: 'jira', sdk: 'jira.js', client: 'Version2Client', enumeratedFrom: 'prototype methods of the groups on `new Version2Client(…)`', enumerate: jiraClient('Version2Client') },
  { vendor: 'jira', sdk: 'jira.js', client: 'AgileClient', enumeratedFrom: 'prototype methods of the groups on `new AgileClient(…)`', enumerate: jiraClient('AgileClient') },
  {
    vendor: 'google',
    sdk: 'googleapis',
    enumeratedFrom: 'prototype methods of resource objects under `google.drive v3`, `sheets v4`, `docs v1`, `admin directory_v1`, `gmail v1`, `calendar v3`',
    async enumerate(record) {
      const { google: g } = await mod('googleapis');
      for (const [api, version] of GOOGLE_APIS) {
        const root = g[api]({ version, auth: 'surface-key' }) as Record<string, unknown>;
        const walk = (obj: Record<string, unknown>, path: string[]) => {
          for (const [k, v] of Object.entries(obj)) {
            if (k === 'context' || !v || typeof v !== 'object' || !('context' in v)) continue;
            for (const [m, fn] of protoMethods(Object.getPrototypeOf(v))) record([...path, k, m].join('.'), api, fn);
            walk(v as Record<string, unknown>, [...path, k]);
          }
        };
        walk(root, [api]);
      }
    },
  },
];

/** Every surface of a vendor's SDKs, indexing prototype methods by identity (first surface wins a shared function). */
export async function sdkSurfaces(vendor: CompatVendor, index: FunctionIndex = new Map()): Promise<SdkSurface[]> {
  const out: SdkSurface[] = [];
  for (const spec of SURFACES.filter((s) => s.vendor === vendor)) {
    const methods: SurfaceMethod[] = [];
    const id = surfaceId(spec);
    await spec.enumerate((name, group, fn) => {
      methods.push({ name, group });
      if (fn && !index.has(fn)) index.set(fn, { surface: id, name });
    });
    methods.sort((a, b) => a.name.localeCompare(b.name));
    out.push({ vendor, sdk: spec.sdk, client: spec.client, version: packageVersion(spec.sdk), enumeratedFrom: spec.enumeratedFrom, methods });
  }
  return out;
}

/** A vendor's primary surface (the first: the client most scenarios drive). */
export async function sdkSurface(vendor: CompatVendor, index: FunctionIndex = new Map()): Promise<SdkSurface> {
  return (await sdkSurfaces(vendor, index))[0];
}
