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
import { EngineError, TwinBug, VendorError, fail, type EngineFailure } from './errors.js';
import { hasBody, parseBody, readRaw, type ParsedBody } from './body.js';
import type { OpContext, Principal, Reply } from './handler.js';
import type { OperationDigest } from './digest.js';
import type { Tenant } from './tenant.js';
import type { Twin } from './twin.js';
import type { RateState } from './ratelimit.js';
import { StoredBody, headerRecord } from './journal.js';
import type { RequestParts } from './validate.js';

export interface DtuEnv {
  Bindings: {
    tenantName?: string;
    prefix: string;
    origin: string;
    /**
     * The request's header lines as the socket adapter received them (name, value, …),
     * when it has them: the journal copies these rather than building a Headers object.
     */
    rawHeaders?: string[];
    /** The request's URL as the twin's entry point already parsed it, for that request only. */
    parsed?: { req: Request; url: URL };
    /**
     * Set when a twin route serves a request by running the pipeline again on a rewritten
     * request (Jira's REST v2 over v3): the outer route journals and persists the exchange
     * once, and learns here which operation served it.
     */
    nested?: { operationId?: string; tenant?: string; notes: string[] };
  };
}

const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const NO_BODY: ParsedBody = { raw: new Uint8Array(), value: undefined, mediaType: '' };

/** Serves one request as a spec operation; needs only the request and the bindings, so it runs with or without Hono. */
export type OperationServer = (req: Request, env: DtuEnv['Bindings']) => Promise<Response>;

export function operationPipeline(twin: Twin): OperationServer {
  const def = twin.def;
  const limit = def.bodyLimit ?? DEFAULT_BODY_LIMIT;
  return async (req, env) => {
    const started = performance.now();
    // A nested run (Jira v2 over v3) sees another Request under the same bindings: parse its own URL.
    const url = env.parsed?.req === req ? env.parsed.url : new URL(req.url);
    let op: OperationDigest | undefined;
    let tenant: Tenant | undefined;
    let parsed = NO_BODY;
    let rate: RateState | undefined;
    const notes: string[] = [];
    let out: Built;
    try {
      // 1. route
      const m = twin.router.match(req.method, url.pathname);
      if (m.kind === 'not_found') fail({ kind: 'route_not_found' });
      if (m.kind === 'method_not_allowed') fail({ kind: 'method_not_allowed', allowed: m.allowed });
      if (m.kind !== 'match') throw new TwinBug('unreachable route state');
      op = m.op;

      // 2. body (failure deferred); a request that frames no body costs nothing here
      let bodyFailure: unknown;
      // The request the socket delivered comes with its raw header lines: the HTTP parser framed it.
      // A request a route builds and runs through the pipeline again (Jira v2) was not framed by anyone.
      if (hasBody(req, env.rawHeaders !== undefined && env.parsed?.req === req)) {
        try {
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
      }

      // 3. tenant
      const credential = def.credentialOf?.(req, parsed.value);
      const name = env.tenantName ?? (credential ? twin.registry.tenantForCredential(credential) : undefined) ?? 'default';
      tenant = twin.registry.get(name);

      // 4. auth
      const baseUrl = `${env.origin}${env.prefix}`;
      // Awaited only when the authenticator is asynchronous: every await is a trip through the microtask queue.
      const authenticated = def.authenticate({ req, op, tenant, body: parsed.value, twin, baseUrl });
      const principal: Principal = authenticated instanceof Promise ? await authenticated : authenticated;
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
      const parts: RequestParts = { params: m.params, query: url.search ? queryObject(url.searchParams) : {}, headers: req.headers, body: parsed.value, mediaType: parsed.mediaType };
      def.normalize?.(op, parts);
      const issues = twin.validator.request(op, parts);
      if (issues.length) fail({ kind: 'validation', issues });

      // 7. handler
      const entry = twin.handlerFor(op);
      if (!entry) fail({ kind: 'not_implemented' });
      const ctx: OpContext = {
        op,
        twin,
        tenant,
        principal,
        params: m.params,
        query: parts.query,
        body: parts.body,
        rawBody: parsed.raw,
        headers: req.headers,
        req,
        baseUrl,
        now: () => twin.clock.now(),
      };
      const answered = entry!.handler(ctx);
      const reply = answered instanceof Promise ? await answered : answered;
      out = reply instanceof Response ? withHeaders(reply, extraHeaders(twin, tenant, rate)) : buildReply(reply, def.jsonContentType, twin, tenant, rate);
    } catch (e) {
      const rendered = renderError(e, twin, req, op, tenant, notes);
      out = buildReply({ status: rendered.status, body: rendered.body, headers: rendered.headers }, def.jsonContentType, twin, tenant, rate);
    }

    // 8. contract check (opt-in), journal
    const res = out.res;
    let resBody = out.body;
    if (op && twin.options.contractCheck) {
      const media = (res.headers.get('content-type') ?? '').split(';')[0];
      let value = out.value;
      if (value === undefined && resBody === undefined && media.includes('json')) {
        value = await res.clone().json().catch(() => undefined);
        resBody = StoredBody.value(value);
      }
      if (value !== undefined && res.status < 500) {
        const key = def.contractResponseKey?.(res.status, value) ?? String(res.status);
        for (const i of twin.validator.response(op, key, media, value)) notes.push(`contract ${op.id} ${res.status} ${i.path || '/'}: ${i.message}`);
      }
    }
    if (env.nested) {
      env.nested.operationId = op?.id;
      env.nested.tenant = tenant?.name;
      env.nested.notes.push(...notes);
      return res;
    }
    const persisting = finishExchange(twin, {
      req,
      url,
      res,
      reqHeaders: env.rawHeaders,
      resHeaders: out.headers,
      started,
      notes,
      tenant: tenant?.name ?? env.tenantName ?? 'default',
      operationId: op?.id,
      reqBody: requestBody(parsed),
      resBody,
    });
    if (persisting) await persisting;
    return res;
  };
}

/** The twin's common headers and, when a bucket was hit, the vendor's rate-limit headers. */
function extraHeaders(twin: Twin, tenant: Tenant | undefined, rate: RateState | undefined): Record<string, string> | undefined {
  const common = twin.def.commonHeaders?.(twin, tenant);
  const limits = rate && twin.def.rateLimit ? twin.def.rateLimit.headers(rate, twin) : undefined;
  return limits ? { ...common, ...limits } : common;
}

/** Copies a header record into `into` with lower-cased names (vendors' tables are mostly lower-case already). */
function putHeaders(into: Record<string, string>, from: Record<string, string> | undefined): void {
  if (from) for (const k in from) into[isLower(k) ? k : k.toLowerCase()] = from[k];
}

const isLower = (k: string) => {
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c >= 65 && c <= 90) return false;
  }
  return true;
};

/** A response together with what the journal keeps of it. */
interface Built {
  res: Response;
  /** Response headers as a plain record, when the engine built them (saves reading them back). */
  headers?: Record<string, string>;
  body: StoredBody | undefined;
  /** The reply's body before serialization, for contract checks. */
  value?: unknown;
}

/** Handlers that answer a whole Response keep their headers; the engine's extras fill the gaps. */
function withHeaders(res: Response, extra: Record<string, string> | undefined): Built {
  if (extra) for (const k in extra) if (!res.headers.has(k)) res.headers.set(k, extra[k]);
  return { res, body: undefined };
}

/** The request body as the journal keeps it: the bytes' text for JSON and forms, a bounded value otherwise. */
function requestBody(p: ParsedBody): StoredBody | undefined {
  if (p.value === undefined) return undefined;
  const m = p.mediaType;
  if (p.raw.byteLength && (m === 'application/json' || m.endsWith('+json'))) return StoredBody.text('json', p.text ?? textDecoder.decode(p.raw));
  if (p.raw.byteLength && m === 'application/x-www-form-urlencoded') return StoredBody.text('form', p.text ?? textDecoder.decode(p.raw));
  return StoredBody.value(p.value);
}

const textDecoder = new TextDecoder();

/**
 * Journals one exchange and persists what it changed, before the response leaves:
 * the promise to wait for when the twin persists, else nothing (no await to pay).
 */
export function finishExchange(
  twin: Twin,
  x: {
    req: Request;
    url: URL;
    res: Response;
    /** The request's raw header lines, when the transport has them. */
    reqHeaders?: string[];
    /** The response's headers when already at hand as a record. */
    resHeaders?: Record<string, string>;
    started: number;
    notes: string[];
    tenant: string;
    operationId?: string;
    reqBody: unknown;
    resBody: unknown;
  },
): Promise<void> | undefined {
  twin.journal.add({
    time: twin.clock.ms(),
    twin: twin.name,
    tenant: x.tenant,
    operationId: x.operationId,
    method: x.req.method,
    path: x.url.pathname,
    query: x.url.search,
    status: x.res.status,
    durationMs: Math.round((performance.now() - x.started) * 100) / 100,
    // Raw header lines are kept as they came and become a record only when the entry is read.
    request: { headers: x.reqHeaders ?? headerRecord(x.req.headers), body: x.reqBody },
    response: { headers: x.resHeaders ?? Object.fromEntries(x.res.headers), body: x.resBody },
    notes: x.notes.length ? x.notes : undefined,
  });
  return twin.registry.persistent ? twin.registry.flush() : undefined;
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
  return buildReply(r, jsonContentType).res;
}

/**
 * Serializes a reply once: the same text goes on the wire and into the journal.
 * Headers stay a plain record so the socket adapter can write them as they are;
 * the twin's common and rate-limit headers go straight into it, then the reply's own.
 */
function buildReply(r: Reply, jsonContentType = 'application/json', twin?: Twin, tenant?: Tenant, rate?: RateState): Built {
  const status = r.status ?? 200;
  const headers: Record<string, string> = {};
  if (twin) {
    putHeaders(headers, twin.def.commonHeaders?.(twin, tenant));
    if (rate && twin.def.rateLimit) putHeaders(headers, twin.def.rateLimit.headers(rate, twin));
  }
  putHeaders(headers, r.headers);
  if (r.body === undefined || status === 204 || status === 304) return { res: new Response(null, { status, headers }), headers, body: undefined };
  if (r.body instanceof Uint8Array || typeof r.body === 'string') {
    headers['content-type'] ??= typeof r.body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
    return { res: new Response(r.body as BodyInit, { status, headers }), headers, body: StoredBody.value(r.body), value: r.body };
  }
  headers['content-type'] ??= jsonContentType;
  const text = r.bodyText ?? JSON.stringify(r.body);
  return { res: new Response(text, { status, headers }), headers, body: StoredBody.text('json', text), value: r.body };
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
