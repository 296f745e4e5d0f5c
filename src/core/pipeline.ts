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
import { framesBody, hasBody, mediaTypeOf, ownBytes, parseBytes, readRaw, type BodyStream, type ParsedBody } from './body.js';
import type { HandlerReturn, OpContext, Principal, Reply } from './handler.js';
import type { FaultRule } from './faults.js';
import type { OperationDigest } from './digest.js';
import type { Tenant } from './tenant.js';
import type { Twin } from './twin.js';
import type { RateState } from './ratelimit.js';
import { StoredBody, headerLines, headerRecord } from './journal.js';
import type { RequestParts } from './validate.js';
import { requestUrl, type RequestUrl } from './request-url.js';

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
    /** The stream the socket adapter received the request's body on, when it has one: read without the Request around it. */
    incoming?: BodyStream;
    /** The request's URL as the twin's entry point already read it, for that request only. */
    parsed?: { req: Request; url: RequestUrl };
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

/** A value now, or a promise of it: a stage that did not wait hands its result on synchronously. */
type Maybe<T> = T | Promise<T>;

/**
 * Serves one request as a spec operation; needs only the request and the bindings, so it runs with or without Hono.
 * It answers synchronously when no stage waited (no body to read, a synchronous authenticator and handler, no
 * latency fault, nothing to persist), so the socket adapter can write the reply without a trip through promises.
 */
export type OperationServer = (req: Request, env: DtuEnv['Bindings']) => Maybe<Response>;

/** What one exchange has established so far; each stage reads it and adds to it. */
interface Exchange {
  req: Request;
  env: DtuEnv['Bindings'];
  url: RequestUrl;
  started: number;
  /** Origin plus tenant prefix as the caller addressed the twin. */
  baseUrl: string;
  op: OperationDigest | undefined;
  params: Record<string, string>;
  tenant: Tenant | undefined;
  parsed: ParsedBody;
  /** A body that could not be read or parsed: answered after auth (see the order above). */
  bodyFailure: unknown;
  principal: Principal | undefined;
  rate: RateState | undefined;
  notes: string[];
}

export function operationPipeline(twin: Twin): OperationServer {
  const def = twin.def;
  const limit = def.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const now = () => twin.clock.now();

  // 1. route, then 2. body (failure deferred); a request that frames no body costs nothing here
  const route = (x: Exchange): Maybe<Built> => {
    const m = twin.router.match(x.req.method, x.url.pathname);
    if (m.kind === 'not_found') fail({ kind: 'route_not_found' });
    if (m.kind === 'method_not_allowed') fail({ kind: 'method_not_allowed', allowed: m.allowed });
    if (m.kind !== 'match') throw new TwinBug('unreachable route state');
    x.op = m.op;
    x.params = m.params;
    // The request the socket delivered comes with its raw header lines: the HTTP parser framed it.
    // A request a route builds and runs through the pipeline again (Jira v2) was not framed by anyone.
    const lines = x.env.parsed?.req === x.req ? x.env.rawHeaders : undefined;
    if (lines ? framesBody(lines) : hasBody(x.req)) return readBody(x, m.op, lines && x.env.incoming).then(() => authenticate(x));
    return authenticate(x);
  };

  // One promise from the stream's end to the parsed body: the bytes are parsed as they arrive, not through async frames.
  const readBody = (x: Exchange, op: OperationDigest, stream: BodyStream | undefined): Promise<void> => {
    const req = x.req;
    const held = (e: unknown) => {
      if (e instanceof EngineError && e.failure.kind === 'body_too_large') throw e;
      x.bodyFailure = e;
    };
    return readRaw(req, limit, stream).then((bytes): void | Promise<void> => {
      const contentType = req.headers.get('content-type') ?? '';
      if (def.rawBody?.(op)) {
        const raw = ownBytes(bytes);
        x.parsed = { raw, value: raw.byteLength ? raw : undefined, mediaType: mediaTypeOf(contentType) };
        return;
      }
      let parsed: ParsedBody | Promise<ParsedBody>;
      try {
        parsed = parseBytes(bytes, contentType);
      } catch (e) {
        return held(e);
      }
      if (parsed instanceof Promise) return parsed.then((p) => void (x.parsed = p), held);
      x.parsed = parsed;
    }, held);
  };

  // 3. tenant, 4. auth; awaited only when the authenticator is asynchronous
  const authenticate = (x: Exchange): Maybe<Built> => {
    const req = x.req;
    const credential = def.credentialOf?.(req, x.parsed.value);
    const name = x.env.tenantName ?? (credential ? twin.registry.tenantForCredential(credential) : undefined) ?? 'default';
    const tenant = (x.tenant = twin.registry.get(name));
    const authenticated = def.authenticate({ req, op: x.op!, tenant, body: x.parsed.value, twin, baseUrl: x.baseUrl });
    if (authenticated instanceof Promise) return authenticated.then((p) => faults(x, p));
    return faults(x, authenticated);
  };

  // 5. faults, then rate limits
  const faults = (x: Exchange, principal: Principal): Maybe<Built> => {
    x.principal = principal;
    if (x.bodyFailure) throw x.bodyFailure;
    const fired = twin.faults.fire(x.tenant!.name, x.op!.id, x.tenant!.random);
    return fired.length ? applyFaults(x, fired, 0) : handle(x);
  };

  const applyFaults = (x: Exchange, fired: FaultRule[], from: number): Maybe<Built> => {
    for (let i = from; i < fired.length; i++) {
      const f = fired[i];
      x.notes.push(`fault ${f.id} (${f.kind})`);
      if (f.kind === 'latency') return sleep(f.latencyMs ?? 1000).then(() => applyFaults(x, fired, i + 1));
      else if (f.kind === 'outage') fail({ kind: 'outage' });
      else if (f.kind === 'error') fail({ kind: 'fault', status: f.status ?? 500, code: f.code, message: f.message });
      else if (f.kind === 'rate_limit') {
        const retry = f.retryAfterSec ?? 1;
        fail({ kind: 'rate_limited', retryAfterSec: retry, limit: 0, resetAt: twin.clock.seconds() + retry });
      }
    }
    return handle(x);
  };

  // rate limits, 6. validation, 7. handler
  const handle = (x: Exchange): Maybe<Built> => {
    const { req, url, parsed } = x;
    const op = x.op!;
    const tenant = x.tenant!;
    const principal = x.principal!;
    const bucket = def.rateLimit?.bucket(op, principal);
    if (bucket) {
      const rate = (x.rate = twin.rateLimiter.hit(tenant.name, bucket));
      if (rate.exceeded) {
        fail({ kind: 'rate_limited', retryAfterSec: Math.max(1, rate.resetAt - twin.clock.seconds()), limit: rate.limit, resetAt: rate.resetAt });
      }
    }

    if (parsed.raw.byteLength > 0 && !acceptsMedia(def.mediaTypes?.(op) ?? Object.keys(op.requestBody?.content ?? {}), parsed.mediaType)) {
      fail({ kind: 'unsupported_media_type', contentType: req.headers.get('content-type') ?? '' });
    }
    const parts: RequestParts = { params: x.params, query: url.search ? queryOf(url) : {}, headers: req.headers, body: parsed.value, mediaType: parsed.mediaType, bodyBytes: parsed.raw.byteLength };
    def.normalize?.(op, parts);
    const issues = twin.validator.request(op, parts);
    if (issues.length) fail({ kind: 'validation', issues });

    const entry = twin.handlerFor(op);
    if (!entry) fail({ kind: 'not_implemented' });
    const ctx: OpContext = {
      op,
      twin,
      tenant,
      principal,
      params: x.params,
      query: parts.query,
      body: parts.body,
      rawBody: parsed.raw,
      headers: req.headers,
      req,
      baseUrl: x.baseUrl,
      now,
    };
    const answered = entry!.handler(ctx);
    if (answered instanceof Promise) return answered.then((reply) => built(x, reply));
    return built(x, answered);
  };

  const built = (x: Exchange, reply: HandlerReturn): Built =>
    reply instanceof Response ? withHeaders(reply, extraHeaders(twin, x.tenant, x.rate)) : buildReply(reply, def.jsonContentType, twin, x.tenant, x.rate);

  const failed = (x: Exchange, e: unknown): Built => {
    const rendered = renderError(e, twin, x.req, x.op, x.tenant, x.notes);
    return buildReply({ status: rendered.status, body: rendered.body, headers: rendered.headers }, def.jsonContentType, twin, x.tenant, x.rate);
  };

  // 8. contract check (opt-in), journal
  const finish = (x: Exchange, out: Built): Maybe<Response> => {
    if (x.op && twin.options.contractCheck) return checkContract(twin, x.op, out, x.notes).then((resBody) => record(x, out.res, out.headers, resBody));
    return record(x, out.res, out.headers, out.body);
  };

  // A client sends the same header lines call after call (its token, agent, accept): lines equal to the previous
  // request's share that request's text, so the journal holds one copy however many entries carry them.
  let lastLines: string[] = [];
  let lastText = '';
  const linesText = (raw: string[]): string => {
    if (!sameLines(raw, lastLines)) {
      lastLines = raw;
      lastText = headerLines(raw);
    }
    return lastText;
  };

  const record = (x: Exchange, res: Response, resHeaders: Record<string, string> | undefined, resBody: StoredBody | undefined): Maybe<Response> => {
    const env = x.env;
    if (env.nested) {
      env.nested.operationId = x.op?.id;
      env.nested.tenant = x.tenant?.name;
      env.nested.notes.push(...x.notes);
      return res;
    }
    const persisting = finishExchange(twin, {
      req: x.req,
      url: x.url,
      res,
      reqHeaders: env.rawHeaders && linesText(env.rawHeaders),
      resHeaders,
      started: x.started,
      notes: x.notes,
      tenant: x.tenant?.name ?? env.tenantName ?? 'default',
      operationId: x.op?.id,
      reqBody: requestBody(x.parsed),
      resBody,
    });
    return persisting ? persisting.then(() => res) : res;
  };

  return (req, env) => {
    const x: Exchange = {
      started: performance.now(),
      req,
      env,
      // A nested run (Jira v2 over v3) sees another Request under the same bindings: parse its own URL.
      url: env.parsed?.req === req ? env.parsed.url : requestUrl(req.url),
      baseUrl: `${env.origin}${env.prefix}`,
      op: undefined,
      params: NO_PARAMS,
      tenant: undefined,
      parsed: NO_BODY,
      bodyFailure: undefined,
      principal: undefined,
      rate: undefined,
      notes: [],
    };
    let out: Maybe<Built>;
    try {
      out = route(x);
    } catch (e) {
      out = failed(x, e);
    }
    if (out instanceof Promise) return out.then(
      (o) => finish(x, o),
      (e) => finish(x, failed(x, e)),
    );
    return finish(x, out);
  };
}

function sameLines(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Checks a reply against the operation's response schema, noting violations; answers what the journal keeps of the body. */
async function checkContract(twin: Twin, op: OperationDigest, out: Built, notes: string[]): Promise<StoredBody | undefined> {
  const res = out.res;
  let resBody = out.body;
  const media = (res.headers.get('content-type') ?? '').split(';')[0];
  let value = out.value;
  // A reply given as its text alone (`bodyText` without `body`) is checked as what the text reads back as.
  if (value === undefined && media.includes('json')) {
    value = await res.clone().json().catch(() => undefined);
    resBody ??= StoredBody.value(value);
  }
  if (value !== undefined && res.status < 500) {
    const key = twin.def.contractResponseKey?.(res.status, value) ?? String(res.status);
    for (const i of twin.validator.response(op, key, media, value)) notes.push(`contract ${op.id} ${res.status} ${i.path || '/'}: ${i.message}`);
  }
  return resBody;
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
    url: { pathname: string; search: string };
    res: Response;
    /** The request's raw header lines (an array, or `headerLines` text), when the transport has them. */
    reqHeaders?: string[] | string;
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

/**
 * A URL's query as `queryObject` reads it. A query with no escapes (`%`) and no `+` decodes to its own text, so
 * it is split where URLSearchParams would split it (`&`, then the first `=`, empty pairs skipped) without one.
 */
export function queryOf(url: { search: string; searchParams: URLSearchParams }): Record<string, unknown> {
  const search = url.search;
  if (search.includes('%') || search.includes('+')) return queryObject(url.searchParams);
  const q: Record<string, unknown> = {};
  let from = search.charCodeAt(0) === 63 ? 1 : 0;
  while (from <= search.length) {
    let to = search.indexOf('&', from);
    if (to < 0) to = search.length;
    if (to > from) {
      const eq = search.indexOf('=', from);
      const k = eq < 0 || eq > to ? search.slice(from, to) : search.slice(from, eq);
      const v = eq < 0 || eq > to ? '' : search.slice(eq + 1, to);
      addParam(q, k, v);
    }
    from = to + 1;
  }
  return q;
}

/** Query string to an object; repeated keys become arrays (coerced later by the validator). */
export function queryObject(sp: URLSearchParams): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  for (const [k, v] of sp) addParam(q, k, v);
  return q;
}

/**
 * Adds one name=value, a repeated name becoming an array. Names are the caller's own: `constructor` or `toString`
 * is not read from the prototype, and `__proto__` is an own property, as JSON.parse makes it, not the prototype.
 */
function addParam(q: Record<string, unknown>, k: string, v: string): void {
  const prev = Object.hasOwn(q, k) ? q[k] : undefined;
  const next = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  if (k === '__proto__') Object.defineProperty(q, k, { value: next, enumerable: true, writable: true, configurable: true });
  else q[k] = next;
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
  // The twin's common headers are a record of its own making, lower-case and made afresh for each reply (see
  // `TwinDefinition.commonHeaders`): it becomes the reply's record rather than being copied into another.
  const headers: Record<string, string> = (twin && twin.def.commonHeaders?.(twin, tenant)) || {};
  if (twin && rate && twin.def.rateLimit) putHeaders(headers, twin.def.rateLimit.headers(rate, twin));
  putHeaders(headers, r.headers);
  if ((r.body === undefined && r.bodyText === undefined) || status === 204 || status === 304) return { res: new Response(null, { status, headers }), headers, body: undefined };
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
