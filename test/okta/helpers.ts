/** Test harness for the Okta twin: one socket-served twin per file, a fresh org per test, SDK clients without the GET cache. */
import { afterAll, beforeAll } from 'vitest';
import okta from '@okta/okta-sdk-nodejs';
import { createTwin } from '../../src/core/twin.js';
import { listen, type Listening } from '../../src/server/node.js';
import { definition } from '../../twins/okta/index.js';

export interface OktaCreds {
  orgUrl: string;
  token: string;
  adminUserId: string;
  adminLogin: string;
  adminPassword: string;
  [k: string]: unknown;
}

export interface Org {
  url: string;
  base: string;
  tenant: string;
  creds: OktaCreds;
  client: okta.Client;
  /** A client with another token (for auth failures). */
  clientWith(token: string, extra?: Record<string, unknown>): okta.Client;
  /** Raw call for wire-level checks the SDK hides. */
  raw(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  control(method: string, path: string, body?: unknown): Promise<any>;
}

let counter = 0;

/** The twin with no fixture (admin only) unless a fixture name is given. */
export async function startOkta(fixture = 'empty'): Promise<Listening> {
  return listen(createTwin(definition(), { fixture }), { port: 0 });
}

/** A fresh org with its full `/_dtu/credentials` (SSWS plus the OAuth half's issuers and service-app key). */
export async function org(server: Listening, label = 'org', opts: { credentials?: 'full' | 'ssws' } = {}): Promise<Org> {
  const tenant = `${label.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 40)}-${process.pid}-${++counter}`;
  const base = `${server.url}/t/${tenant}`;
  const path = opts.credentials === 'ssws' ? '/_dtu/okta/credentials/ssws' : '/_dtu/credentials';
  const creds = (await (await fetch(`${base}${path}`)).json()) as OktaCreds;
  const clientWith = (token: string, extra: Record<string, unknown> = {}) =>
    new okta.Client({ orgUrl: creds.orgUrl, token, cacheMiddleware: null, ...extra } as ConstructorParameters<typeof okta.Client>[0]);
  return {
    url: server.url,
    base,
    tenant,
    creds,
    client: clientWith(creds.token),
    clientWith,
    raw: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (init.token !== null && !headers.has('authorization')) headers.set('authorization', `SSWS ${init.token ?? creds.token}`);
      if (!headers.has('accept')) headers.set('accept', 'application/json');
      return fetch(`${base}${path}`, { ...init, headers });
    },
    control: async (method, path, body) => {
      const res = await fetch(`${base}/_dtu/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return res.json();
    },
  };
}

/** A fresh org with SSWS credentials only: skips the RSA key generation the OAuth credentials cost. */
export const sswsOrg = (server: Listening, label = 'org') => org(server, label, { credentials: 'ssws' });

/** A valid new user body (profile + password) with a unique login. */
export function newUser(login: string, extra: Record<string, unknown> = {}) {
  const [first] = login.split('@');
  return {
    profile: { firstName: first.charAt(0).toUpperCase() + first.slice(1), lastName: 'Tester', email: login, login, ...extra },
    credentials: { password: { value: 'Xk4!vR9qzTq' } },
  };
}

/** Collects an SDK Collection into an array. */
export async function all<T>(collection: AsyncIterable<T> | Promise<AsyncIterable<T>>): Promise<Array<NonNullable<T>>> {
  const out: Array<NonNullable<T>> = [];
  for await (const x of await collection) if (x !== null && x !== undefined) out.push(x);
  return out;
}

/** A JSON request for `Org.raw` (which sets no content type). */
export const sendJson = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A bookmark app's create body: the smallest app Okta accepts. */
export const bookmarkApp = (label: string) => ({ label, signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com/bm' } } });

/** A response's status and parsed JSON body. */
export const jsonOf = async (r: Response) => ({ status: r.status, body: (await r.json()) as any });

/** One socket-served twin for the calling test file (started before its tests, closed after); call the result for the server. */
export function useOkta(fixture?: string): () => Listening {
  let server: Listening | undefined;
  beforeAll(async () => {
    server = await startOkta(fixture);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => server!;
}
