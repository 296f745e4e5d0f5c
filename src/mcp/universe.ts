/** The twins an MCP session works on: their base URLs, and thin HTTP calls to their control planes and vendor APIs. */
import { VENDORS, type Vendor } from '../vendors.js';

export type Urls = Partial<Record<Vendor, string>>;

/** A failure an agent can act on: what went wrong and what to do next. */
export class ToolError extends Error {
  constructor(message: string, readonly next?: string) {
    super(message);
  }
}

export interface Exchange {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface ApiCall {
  method?: string;
  /** Path after the vendor's base (Okta `/api/v1/users`, Jira `/rest/api/3/search/jql`, Google `/drive/v3/files`, Slack `chat.postMessage`). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Which of the tenant's credentials to call with (Slack: bot|user|admin; Google: a user's email; default: the admin's). */
  as?: string;
}

const isDefault = (tenant?: string) => !tenant || tenant === 'default';

export class Universe {
  private readonly creds = new Map<string, Record<string, unknown>>();

  constructor(readonly urls: Urls, private readonly opts: { adminToken?: string } = {}) {}

  get vendors(): Vendor[] {
    return VENDORS.filter((v) => this.urls[v]);
  }

  /** The twin's base URL for a tenant (`/t/<name>` selects, and creates, a tenant). */
  base(vendor: Vendor, tenant?: string): string {
    const url = this.urls[vendor];
    if (!url) throw new ToolError(`the ${vendor} twin is not running in this universe`, `running twins: ${this.vendors.join(', ') || 'none'}; start it with \`dtu start ${vendor}\` or attach with --url ${vendor}=http://…`);
    return isDefault(tenant) ? url : `${url}/t/${encodeURIComponent(tenant!)}`;
  }

  /** Calls the control plane (`/_dtu/...`) of one twin. */
  async control(vendor: Vendor, method: string, path: string, opts: { tenant?: string; body?: unknown; query?: Record<string, string | undefined> } = {}): Promise<unknown> {
    const url = new URL(`${this.base(vendor, opts.tenant)}/_dtu${path}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, v);
    const headers: Record<string, string> = {};
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (this.opts.adminToken) headers['x-dtu-admin-token'] = this.opts.adminToken;
    const res = await this.send(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const body = await readBody(res);
    if (!res.ok) {
      const msg = (body as { error?: { message?: string } })?.error?.message ?? JSON.stringify(body);
      throw new ToolError(`${vendor} control plane ${method} /_dtu${path} answered ${res.status}: ${msg}`);
    }
    return body;
  }

  /** The tenant's SDK-ready credentials (cached; a reset or re-seed clears the cache). */
  async credentials(vendor: Vendor, tenant?: string): Promise<Record<string, unknown>> {
    const key = `${vendor}:${tenant ?? 'default'}`;
    let c = this.creds.get(key);
    if (!c) {
      c = (await this.control(vendor, 'GET', '/credentials', { tenant })) as Record<string, unknown>;
      this.creds.set(key, c);
    }
    return c;
  }

  forget(vendor?: Vendor, tenant?: string): void {
    for (const key of [...this.creds.keys()]) {
      const [v, t] = key.split(':');
      if ((vendor === undefined || v === vendor) && (tenant === undefined || t === tenant)) this.creds.delete(key);
    }
  }

  /** Calls a vendor API of one tenant with that tenant's own credentials, as an SDK would. */
  async api(vendor: Vendor, tenant: string | undefined, call: ApiCall): Promise<Exchange> {
    const creds = await this.credentials(vendor, tenant);
    const base = this.base(vendor, tenant);
    const method = call.method ?? (vendor === 'slack' ? 'POST' : 'GET');
    const url = new URL(vendor === 'slack' ? `${base}/api/${call.path}` : `${base}${call.path}`);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', authorization: authorization(vendor, creds, call.as) };
    let body: string | undefined;
    if (call.body !== undefined) {
      headers['content-type'] = vendor === 'slack' ? 'application/json; charset=utf-8' : 'application/json';
      body = JSON.stringify(call.body);
    }
    if (vendor === 'jira' && method !== 'GET') headers['x-atlassian-token'] = 'no-check';
    const res = await this.send(url, { method, headers, body });
    return { status: res.status, body: await readBody(res), headers: res.headers };
  }

  private async send(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    } catch (e) {
      throw new ToolError(`could not reach ${url.origin}: ${(e as Error).message}`, 'check that the twins are running (`dtu start`) and that the URLs given to `dtu mcp --url` are right');
    }
  }
}

function authorization(vendor: Vendor, c: Record<string, unknown>, as?: string): string {
  switch (vendor) {
    case 'okta':
      return `SSWS ${c.token}`;
    case 'slack': {
      const token = as === 'user' ? c.userToken : as === 'admin' ? c.adminToken : c.botToken;
      return `Bearer ${token}`;
    }
    case 'jira': {
      const users = (c.users as Array<{ email: string; apiToken: string }> | undefined) ?? [];
      const who = as ? users.find((u) => u.email === as) : undefined;
      const pair = who ? `${who.email}:${who.apiToken}` : `${c.email}:${c.apiToken}`;
      return `Basic ${Buffer.from(pair).toString('base64')}`;
    }
    case 'google': {
      const tokens = (c.userTokens as Record<string, string> | undefined) ?? {};
      if (as && !tokens[as]) throw new ToolError(`no OAuth token for ${as} in this Google tenant`, `users with tokens: ${Object.keys(tokens).join(', ')}`);
      return `Bearer ${as ? tokens[as] : c.accessToken}`;
    }
  }
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
