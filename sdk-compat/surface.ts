/** Each SDK's whole method surface, enumerated from the installed package (never a hand-kept list). */
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
  sdk: string;
  version: string;
  /** What was walked, in words, for the report. */
  enumeratedFrom: string;
  methods: SurfaceMethod[];
}

/** Function identity → surface name, for prototype methods (shared by every client instance). */
export type FunctionIndex = Map<Function, string>;

const require = createRequire(import.meta.url);
const unreachable = 'http://127.0.0.1:9';

export const SURFACE_SDK: Record<CompatVendor, string> = {
  okta: '@okta/okta-sdk-nodejs',
  slack: '@slack/web-api',
  jira: 'jira.js',
  google: 'googleapis',
};

export const GOOGLE_APIS: Array<[api: string, version: string]> = [
  ['drive', 'v3'],
  ['sheets', 'v4'],
  ['docs', 'v1'],
  ['admin', 'directory_v1'],
];

/** The installed version, read from the package's own package.json (found by walking up from its entry point). */
export function packageVersion(pkg: string): string {
  try {
    let dir = dirname(require.resolve(pkg));
    for (;;) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (json.name === pkg) return json.version ?? 'unknown';
      }
      const up = dirname(dir);
      if (up === dir) return 'unknown';
      dir = up;
    }
  } catch {
    return 'not installed';
  }
}

const mod = async (pkg: string): Promise<any> => {
  const m = await import(pkg);
  return m.default && Object.keys(m).length <= 2 ? { ...m.default, ...m } : m;
};

function protoMethods(obj: object): Array<[string, Function]> {
  const proto = Object.getPrototypeOf(obj) as Record<string, unknown> | null;
  if (!proto || proto === Object.prototype) return [];
  return Object.getOwnPropertyNames(proto)
    .filter((k) => k !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, k)?.value === 'function')
    .map((k) => [k, proto[k] as Function]);
}

/** Okta: the `<x>Api` objects a Client instantiates, and their prototype methods (815 in 8.1.0). */
async function okta(index: FunctionIndex): Promise<SurfaceMethod[]> {
  const { Client } = await mod('@okta/okta-sdk-nodejs');
  const client = new Client({ orgUrl: unreachable, token: 'surface', cacheMiddleware: null });
  const out: SurfaceMethod[] = [];
  for (const [prop, api] of Object.entries(client as Record<string, unknown>)) {
    if (!prop.endsWith('Api') || !api || typeof api !== 'object') continue;
    for (const [m, fn] of protoMethods(api)) {
      out.push({ name: `${prop}.${m}`, group: prop });
      index.set(fn, `${prop}.${m}`);
    }
  }
  return out;
}

/** Slack: every Web API method bound on a WebClient (`bound apiCall`, plus `files.uploadV2`) — 281 in 8.2.0. */
async function slack(): Promise<SurfaceMethod[]> {
  const { WebClient } = await mod('@slack/web-api');
  const client = new WebClient('xoxb-surface', { slackApiUrl: `${unreachable}/api/` });
  const out: SurfaceMethod[] = [];
  const seen = new Set<object>();
  const walk = (obj: Record<string, unknown>, path: string[]) => {
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'function' && (v.name === 'bound apiCall' || v.name === 'bound filesUploadV2')) {
        out.push({ name: [...path, k].join('.'), group: path[0] ?? k });
      } else if (v && typeof v === 'object' && v.constructor === Object && !seen.has(v) && path.length < 6) {
        seen.add(v);
        walk(v as Record<string, unknown>, [...path, k]);
      }
    }
  };
  walk(client as Record<string, unknown>, []);
  return out;
}

/** jira.js: the groups of a Version3Client and their prototype methods (616 in 5.4.0). */
async function jira(index: FunctionIndex): Promise<SurfaceMethod[]> {
  const { Version3Client } = await mod('jira.js');
  const client = new Version3Client({ host: unreachable });
  const out: SurfaceMethod[] = [];
  for (const [group, v] of Object.entries(client as Record<string, unknown>)) {
    if (!v || typeof v !== 'object' || (v as object).constructor === Object) continue;
    for (const [m, fn] of protoMethods(v)) {
      out.push({ name: `${group}.${m}`, group });
      index.set(fn, `${group}.${m}`);
    }
  }
  return out;
}

/** googleapis: resource objects (those holding `context`) of drive v3, sheets v4, docs v1, admin directory_v1 — 64+17+3+128. */
async function google(index: FunctionIndex): Promise<SurfaceMethod[]> {
  const { google: g } = await mod('googleapis');
  const out: SurfaceMethod[] = [];
  for (const [api, version] of GOOGLE_APIS) {
    const root = g[api]({ version, auth: 'surface-key' }) as Record<string, unknown>;
    const walk = (obj: Record<string, unknown>, path: string[]) => {
      for (const [k, v] of Object.entries(obj)) {
        if (k === 'context' || !v || typeof v !== 'object' || !('context' in v)) continue;
        for (const [m, fn] of protoMethods(v)) {
          const name = [...path, k, m].join('.');
          out.push({ name, group: api });
          index.set(fn, name);
        }
        walk(v as Record<string, unknown>, [...path, k]);
      }
    };
    walk(root, [api]);
  }
  return out;
}

const DESCRIPTIONS: Record<CompatVendor, string> = {
  okta: 'prototype methods of the `*Api` objects on `new okta.Client(…)`',
  slack: 'functions named `bound apiCall`/`bound filesUploadV2` reachable from a `WebClient` instance',
  jira: 'prototype methods of the groups on `new Version3Client(…)`',
  google: 'prototype methods of resource objects under `google.drive v3`, `sheets v4`, `docs v1`, `admin directory_v1`',
};

export async function sdkSurface(vendor: CompatVendor, index: FunctionIndex = new Map()): Promise<SdkSurface> {
  const sdk = SURFACE_SDK[vendor];
  const methods = vendor === 'okta' ? await okta(index) : vendor === 'slack' ? await slack() : vendor === 'jira' ? await jira(index) : await google(index);
  methods.sort((a, b) => a.name.localeCompare(b.name));
  return { vendor, sdk, version: packageVersion(sdk), enumeratedFrom: DESCRIPTIONS[vendor], methods };
}

/**
 * Resolves a tracked call to a surface method: by function identity, then by exact
 * name, then by the tracked name with leading segments dropped (`client.chat.postMessage`),
 * then as the unique surface name ending in the tracked name (`files.list` → `drive.files.list`).
 */
export class SurfaceMatcher {
  private names: Set<string>;
  private bySuffix = new Map<string, string | null>();

  constructor(
    surface: SdkSurface,
    private readonly index: FunctionIndex,
  ) {
    this.names = new Set(surface.methods.map((m) => m.name));
    for (const n of this.names) {
      const segs = n.split('.');
      for (let i = 1; i < segs.length; i++) {
        const suffix = segs.slice(i).join('.');
        this.bySuffix.set(suffix, this.bySuffix.has(suffix) ? null : n);
      }
    }
  }

  match(name: string, fn?: Function): string | undefined {
    const byFn = fn ? this.index.get(fn) : undefined;
    if (byFn) return byFn;
    const segs = name.split('.');
    for (let i = 0; i < segs.length; i++) {
      const candidate = segs.slice(i).join('.');
      if (this.names.has(candidate)) return candidate;
    }
    return this.bySuffix.get(name) ?? undefined;
  }
}
