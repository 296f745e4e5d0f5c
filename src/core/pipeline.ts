/**
 * The request pipeline for spec operations, assembled in one place.
 *
 * Order, and why:
 *  1. route      — 404/405 need no credentials, and every later stage needs the operation.
 *  2. body       — read under the size limit; parse failures are held back until after auth,
 *                  because a vendor answers a bad token before it looks at a bad body, and
 *                  Slack carries its token in the (form) body.
 *  3. tenant     — from the `/t/<name>` prefix, else from the credential, else `default`.
 *  4. auth       — the twin's authenticator establishes the principal.
 *  5. faults     — injected latency/errors/outages, then the vendor's rate limits.
 *  6. validation — parameters and body against the spec (coercing strings to declared types).
 *  7. handler    — hand-written, else inferred, else 501 in the vendor's format.
 *  8. journal    — every exchange, including failures, with the twin's common headers.
 */
import type { Context } from 'hono';
import { EngineError, TwinBug, VendorError, fail, type EngineFailure } from './errors.js';
import { parseBody, readRaw, type ParsedBody } from './body.js';
import type { OpContext, Principal, Reply } from './handler.js';
import type { OperationDigest } from './digest.js';
import type { Tenant } from './tenant.js';
import type { Twin } from './twin.js';
import type { RateState } from './ratelimit.js';
import { journalBody } from './journal.js';
import type { RequestParts } from './validate.js';

export interface DtuEnv {
  Bindings: { tenantName?: string; prefix: string; origin: string };
}

const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function operationPipeline(twin: Twin) {
  const def = twin.def;
  return async (c: Context<DtuEnv>): Promise<Response> => {
    const started = performance.now();
    const req = c.req.raw;
    const url = new URL(req.url);
    let op: OperationDigest | undefined;
    let tenant: Tenant | undefined;
    let reqBody: unknown;
    let resBody: unknown;
    let rate: RateState | undefined;
    const notes: string[] = [];
    let res: Response;
    try {
      // 1. route
      const m = twin.router.match(req.method, url.pathname);
      if (m.kind === 'not_found') fail({ kind: 'route_not_found' });
      if (m.kind === 'method_not_allowed') fail({ kind: 'method_not_allowed', allowed: m.allowed });
      if (m.kind !== 'match') throw new TwinBug('unreachable route state');
      op = m.op;

      // 2. body (failure deferred)
      let parsed: ParsedBody = { raw: new Uint8Array(), value: undefined, mediaType: '' };
      let bodyFailure: unknown;
      try {
        const limit = def.bodyLimit ?? DEFAULT_BODY_LIMIT;
        if (def.rawBody?.(op)) {
          const raw = await readRaw(req, limit);
          const mediaType = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
          parsed = { raw, value: raw.byteLength ? raw : undefined, mediaType };
        } else {
          parsed = await parseBody(req, limit);
        }
      } catch (e) {
        if (e instanceof EngineError && e.failure.kind === 'body_too_large') throw e;
        bodyFailure = e;
      }
      reqBody = parsed.value;

      // 3. tenant
      const credential = def.credentialOf?.(req, parsed.value);
      const name = c.env.tenantName ?? (credential ? twin.registry.tenantForCredential(credential) : undefined) ?? 'default';
      tenant = twin.registry.get(name);

      // 4. auth
      const principal: Principal = await def.authenticate({ req, op, tenant, body: parsed.value, twin, baseUrl: `${c.env.origin}${c.env.prefix}` });
      if (bodyFailure) throw bodyFailure;

      // 5. faults, then rate limits
      for (const f of twin.faults.fire(tenant.name, op.id, tenant.random)) {
        notes.push(`fault ${f.id} (${f.kind})`);
        if (f.kind === 'latency') await sleep(f.latencyMs ?? 1000);
        else if (f.kind === 'outage') fail({ kind: 'outage' });
        else if (f.kind === 'error') fail({ kind: 'fault', status: f.status ?? 500, code: f.code, message: f.message });
        else if (f.kind === 'rate_limit') {
          const retry = f.retryAfterSec ?? 1;
          fail({ kind: 'rate_limited', retryAfterSec: retry, limit: 0, resetAt: twin.clock.seconds() + retry });
        }
      }
      const bucket = def.rateLimit?.bucket(op, principal);
      if (bucket) {
        rate = twin.rateLimiter.hit(tenant.name, bucket);
        if (rate.exceeded) {
          fail({ kind: 'rate_limited', retryAfterSec: Math.max(1, rate.resetAt - twin.clock.seconds()), limit: rate.limit, resetAt: rate.resetAt });
        }
      }

      // 6. validation
      if (parsed.raw.byteLength > 0 && !acceptsMedia(def.mediaTypes?.(op) ?? Object.keys(op.requestBody?.content ?? {}), parsed.mediaType)) {
        fail({ kind: 'unsupported_media_type', contentType: req.headers.get('content-type') ?? '' });
      }
      const headers: Record<string, unknown> = {};
      req.headers.forEach((v, k) => (headers[k] = v));
      const parts: RequestParts = { params: m.params, query: queryObject(url.searchParams), headers, body: parsed.value, mediaType: parsed.mediaType };
      def.normalize?.(op, parts);
      const issues = twin.validator.request(op, parts);
      if (issues.length) fail({ kind: 'validation', issues });
      const { query } = parts;

      // 7. handler
      const entry = twin.handlers.get(op.id);
      if (!entry) fail({ kind: 'not_implemented' });
      const ctx: OpContext = {
        op,
        twin,
        tenant,
        principal,
        params: m.params,
        query,
        body: parts.body,
        rawBody: parsed.raw,
        headers: req.headers,
        req,
        baseUrl: `${c.env.origin}${c.env.prefix}`,
        now: () => twin.clock.now(),
      };
      const out = await entry!.handler(ctx);
      if (out instanceof Response) {
        res = out;
      } else {
        resBody = out.body;
        res = replyToResponse(out, def.jsonContentType);
      }
    } catch (e) {
      const rendered = renderError(e, twin, req, op, tenant, notes);
      resBody = rendered.body;
      res = replyToResponse({ status: rendered.status, body: rendered.body, headers: rendered.headers }, def.jsonContentType);
    }

    // 8. common headers, rate-limit headers, journal
    const extra = { ...def.commonHeaders?.(twin, tenant), ...(rate && def.rateLimit ? def.rateLimit.headers(rate, twin) : {}) };
    for (const [k, v] of Object.entries(extra)) if (!res.headers.has(k)) res.headers.set(k, v);
    if (op && twin.options.contractCheck && resBody === undefined && (res.headers.get('content-type') ?? '').includes('json')) {
      resBody = await res.clone().json().catch(() => undefined);
    }
    if (op && twin.options.contractCheck && resBody !== undefined && res.status < 500) {
      const media = (res.headers.get('content-type') ?? '').split(';')[0];
      const key = def.contractResponseKey?.(res.status, resBody) ?? String(res.status);
      for (const i of twin.validator.response(op, key, media, resBody)) notes.push(`contract ${op.id} ${res.status} ${i.path || '/'}: ${i.message}`);
    }
    await finishExchange(twin, { req, url, res, started, notes, tenant: tenant?.name ?? c.env.tenantName ?? 'default', operationId: op?.id, reqBody, resBody });
    return res;
  };
}

/** Journals one exchange and persists what it changed, before the response leaves. */
export async function finishExchange(
  twin: Twin,
  x: { req: Request; url: URL; res: Response; started: number; notes: string[]; tenant: string; operationId?: string; reqBody: unknown; resBody: unknown },
): Promise<void> {
  twin.journal.add({
    time: twin.clock.now().toISOString(),
    twin: twin.name,
    tenant: x.tenant,
    operationId: x.operationId,
    method: x.req.method,
    path: x.url.pathname,
    query: x.url.search,
    status: x.res.status,
    durationMs: Math.round((performance.now() - x.started) * 100) / 100,
    request: { headers: Object.fromEntries(x.req.headers), body: journalBody(x.reqBody) },
    response: { headers: Object.fromEntries(x.res.headers), body: journalBody(x.resBody) },
    notes: x.notes.length ? x.notes : undefined,
  });
  if (twin.registry.persistent) await twin.registry.flush();
}

/**
 * Whether a body's media type is one the operation declares. An operation that
 * declares no body accepts any (vendors ignore stray bodies); wildcards match.
 */
export function acceptsMedia(declared: string[], mediaType: string): boolean {
  if (!declared.length) return true;
  return declared.some((d) => {
    const m = d.toLowerCase();
    if (m === '*/*' || m === mediaType) return true;
    if (m.endsWith('/*')) return mediaType.startsWith(m.slice(0, -1));
    return false;
  });
}

/** Query string to an object; repeated keys become arrays (coerced later by the validator). */
export function queryObject(sp: URLSearchParams): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  for (const [k, v] of sp) {
    const prev = q[k];
    q[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return q;
}

export function replyToResponse(r: Reply, jsonContentType = 'application/json'): Response {
  const status = r.status ?? 200;
  const headers = new Headers(r.headers);
  if (r.body === undefined || status === 204 || status === 304) return new Response(null, { status, headers });
  if (r.body instanceof Uint8Array || typeof r.body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', typeof r.body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream');
    return new Response(r.body as BodyInit, { status, headers });
  }
  if (!headers.has('content-type')) headers.set('content-type', jsonContentType);
  return new Response(JSON.stringify(r.body), { status, headers });
}

/** Vendor errors pass through; engine failures are rendered by the twin; anything else is a twin bug. */
export function renderError(e: unknown, twin: Twin, req: Request, op: OperationDigest | undefined, tenant: Tenant | undefined, notes: string[]): VendorError {
  if (e instanceof VendorError) return e;
  if (e instanceof EngineError) {
    try {
      return twin.def.renderFailure(e.failure, { req, op, tenant });
    } catch (inner) {
      e = new TwinBug(`renderFailure(${e.failure.kind}) threw`, { cause: inner });
    }
  }
  const err = e instanceof Error ? e : new Error(String(e));
  notes.push(`twin bug: ${err.stack ?? err.message}`);
  return new VendorError(500, { dtu_twin_bug: err.message, operationId: op?.id });
}

export function engineFailure(e: unknown): EngineFailure | undefined {
  return e instanceof EngineError ? e.failure : undefined;
}
