// Mounts the authorization servers' endpoints (`/oauth2/v1/*`, `/oauth2/{id}/v1/*`, `.well-known`) on the twin's Hono app.
import type { Context, Hono } from 'hono';
import { VendorError } from '../../../../src/core/errors.js';
import { replyToResponse, type DtuEnv } from '../../../../src/core/pipeline.js';
import { StoredBody, headerRecord } from '../../../../src/core/journal.js';
import type { Twin } from '../../../../src/core/twin.js';
import { notFound, oktaError } from '../../errors.js';
import { customContext, orgContext, type AsContext } from '../model/context.js';
import { authorizationServerMetadata, openidConfiguration } from './discovery.js';
import { publishedJwks } from '../model/keys.js';
import { tokenEndpoint } from './token.js';
import { authorizeEndpoint } from './authorize.js';
import { introspectEndpoint, revokeEndpoint, userinfoEndpoint } from './introspection.js';
import { logoutEndpoint } from './session.js';

const FORM_LIMIT = 1024 * 1024;

type Endpoint = 'authorize' | 'token' | 'keys' | 'introspect' | 'revoke' | 'userinfo' | 'logout';
const METHODS: Record<Endpoint, string[]> = {
  authorize: ['GET', 'POST'],
  token: ['POST'],
  keys: ['GET'],
  introspect: ['POST'],
  revoke: ['POST'],
  userinfo: ['GET', 'POST'],
  logout: ['GET', 'POST'],
};

/** Form fields of a urlencoded body; any other body counts as no fields (Okta reads only forms here). */
async function readForm(req: Request): Promise<URLSearchParams> {
  if (req.method !== 'POST') return new URLSearchParams();
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const text = await req.text();
  if (text.length > FORM_LIMIT) throw oktaError('E0000003');
  return type === 'application/x-www-form-urlencoded' ? new URLSearchParams(text) : new URLSearchParams();
}

async function dispatch(name: Endpoint, ctx: AsContext, req: Request, prefix: string): Promise<Response> {
  if (!METHODS[name].includes(req.method)) throw oktaError('E0000022');
  const form = await readForm(req);
  switch (name) {
    case 'keys':
      return new Response(JSON.stringify(publishedJwks(ctx.tenant, ctx.id)), {
        headers: { 'content-type': 'application/json', 'cache-control': 'max-age=3832304, must-revalidate' },
      });
    case 'token':
      return tokenEndpoint(ctx, req, form);
    case 'introspect':
      return introspectEndpoint(ctx, req, form);
    case 'revoke':
      return revokeEndpoint(ctx, req, form);
    case 'userinfo':
      return userinfoEndpoint(ctx, req);
    case 'authorize':
    case 'logout': {
      // Query parameters, overridden by posted form fields (the sign-in page posts them all back).
      const params = new URLSearchParams(new URL(req.url).search);
      for (const [k, v] of form) params.set(k, v);
      return name === 'authorize' ? authorizeEndpoint(ctx, req, params, prefix) : logoutEndpoint(ctx, req, params, prefix);
    }
  }
}

/**
 * A body as the journal stores it. Secrets (client secrets and assertions, codes and verifiers, tokens, ID token
 * hints) are replaced when the journal is read, by the same rules as every other exchange (src/core/redact.ts).
 * Forms and JSON stay text until then; the sign-in and consent pages are noted by size, not kept.
 */
function stored(text: string, contentType: string | null): StoredBody | string | undefined {
  if (!text) return undefined;
  const m = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (m === 'application/x-www-form-urlencoded') return StoredBody.text('form', text);
  if (m === 'application/json' || m.endsWith('+json')) return StoredBody.text('json', text);
  return `<${m || 'body'}: ${text.length} chars>`;
}

/** Runs one endpoint outside the operation pipeline: tenant, errors in Okta's shape, journal, persistence. */
async function serve(twin: Twin, c: Context<DtuEnv>, resolve: (orgUrl: string) => AsContext, name: Endpoint | 'openid-configuration' | 'oauth-authorization-server'): Promise<Response> {
  const started = performance.now();
  const req = c.req.raw;
  const tenant = twin.registry.get(c.env.tenantName ?? 'default');
  const orgUrl = `${c.env.origin}${c.env.prefix}`;
  const reqText = req.method === 'POST' ? await req.clone().text().catch(() => '') : '';
  let res: Response;
  try {
    const ctx = resolve(orgUrl);
    if (name === 'openid-configuration' || name === 'oauth-authorization-server') {
      const doc = name === 'openid-configuration' ? openidConfiguration(ctx) : authorizationServerMetadata(ctx);
      res = new Response(JSON.stringify(doc), { headers: { 'content-type': 'application/json' } });
    } else {
      res = await dispatch(name, ctx, req, c.env.prefix);
    }
  } catch (e) {
    if (!(e instanceof VendorError)) {
      const err = e instanceof Error ? e : new Error(String(e));
      res = replyToResponse({ status: 500, body: { dtu_twin_bug: err.message } });
      console.error(err);
    } else {
      res = replyToResponse({ status: e.status, body: e.body, headers: e.headers });
    }
  }
  // The twin's common headers (request id, date, no-store), as on every other Okta response.
  for (const [k, v] of Object.entries(twin.def.commonHeaders?.(twin, tenant) ?? {})) if (!res.headers.has(k)) res.headers.set(k, v);
  const url = new URL(req.url);
  const resText = res.body ? await res.clone().text() : '';
  twin.journal.add({
    time: twin.clock.now().toISOString(),
    twin: twin.name,
    tenant: tenant.name,
    method: req.method,
    path: url.pathname,
    query: url.search,
    status: res.status,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
    request: { headers: headerRecord(req.headers), body: stored(reqText, req.headers.get('content-type')) },
    response: { headers: headerRecord(res.headers), body: stored(resText, res.headers.get('content-type')) },
  });
  if (twin.registry.persistent) await twin.registry.flush();
  return res;
}

export function oauthRoutes(app: Hono<DtuEnv>, twin: Twin): void {
  const org = (c: Context<DtuEnv>) => (orgUrl: string) => orgContext(twin, twin.registry.get(c.env.tenantName ?? 'default'), orgUrl);
  /** A custom server by id or `default`; unknown or inactive ones are 404 E0000007 (docs "Response Example (Error)"). */
  const custom = (c: Context<DtuEnv>) => (orgUrl: string) => {
    const id = c.req.param('authServerId') ?? '';
    const ctx = customContext(twin, twin.registry.get(c.env.tenantName ?? 'default'), orgUrl, id);
    if (!ctx || ctx.server?.status !== 'ACTIVE') throw notFound(id, 'AuthorizationServer');
    return ctx;
  };
  for (const doc of ['openid-configuration', 'oauth-authorization-server'] as const) {
    app.get(`/.well-known/${doc}`, (c) => serve(twin, c, org(c), doc));
    app.get(`/oauth2/:authServerId/.well-known/${doc}`, (c) => serve(twin, c, custom(c), doc));
  }
  for (const name of Object.keys(METHODS) as Endpoint[]) {
    app.all(`/oauth2/v1/${name}`, (c) => serve(twin, c, org(c), name));
    app.all(`/oauth2/:authServerId/v1/${name}`, (c) => serve(twin, c, custom(c), name));
  }
}
