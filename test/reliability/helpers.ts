/** In-process twins and small request helpers shared by the reliability tests. */
import { createVendorTwin, type Vendor } from '../../src/vendors.js';
import type { Twin, TwinOptions } from '../../src/core/twin.js';

export const ORIGIN = 'http://twin.test';

const cache = new Map<Vendor, Twin>();

/** One twin per vendor and test file (digests are costly to load); tests use fresh tenants. */
export async function twinOf(vendor: Vendor, options?: TwinOptions): Promise<Twin> {
  if (options) return createVendorTwin(vendor, options);
  let t = cache.get(vendor);
  if (!t) cache.set(vendor, (t = await createVendorTwin(vendor, {})));
  return t;
}

let counter = 0;
export const freshTenant = (label: string) => `${label}-${process.pid}-${++counter}`;

export async function call(twin: Twin, method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}) {
  const headers = new Headers(init.headers);
  let body: BodyInit | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const res = await twin.fetch(new Request(`${ORIGIN}${path}`, { method, headers, body }));
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** `/_dtu/credentials` of a tenant. */
export async function credentialsOf(twin: Twin, tenant: string): Promise<Record<string, any>> {
  return (await call(twin, 'GET', `/t/${tenant}/_dtu/credentials`)).json;
}

/**
 * An authenticated read each twin answers for its seeded admin, with the
 * credentials `/_dtu/credentials` handed out: proof they are alive.
 */
export const WHOAMI: Record<Vendor, (c: Record<string, any>) => { path: string; headers: Record<string, string>; method?: string; ok: (status: number, json: any) => boolean }[]> = {
  okta: (c) => [{ path: '/api/v1/users/me', headers: { authorization: `SSWS ${c.token}` }, ok: (s, j) => s === 200 && j?.id === c.adminUserId }],
  slack: (c) =>
    (['botToken', 'userToken', 'adminToken'] as const).map((k) => ({
      path: '/api/auth.test',
      method: 'POST',
      headers: { authorization: `Bearer ${c[k]}` },
      ok: (s: number, j: any) => s === 200 && j?.ok === true,
    })),
  jira: (c) => [
    { path: '/rest/api/3/myself', headers: { authorization: `Basic ${Buffer.from(`${c.email}:${c.apiToken}`).toString('base64')}` }, ok: (s, j) => s === 200 && j?.accountId === c.accountId },
    { path: '/rest/api/3/myself', headers: { authorization: `Bearer ${c.accessToken}` }, ok: (s, j) => s === 200 && j?.accountId === c.accountId },
  ],
  google: (c) => [{ path: '/drive/v3/about?fields=user', headers: { authorization: `Bearer ${c.accessToken}` }, ok: (s, j) => s === 200 && j?.user?.emailAddress === c.adminEmail }],
};
