/**
 * A twin: a vendor definition (digest, handlers, errors, auth, seed) assembled
 * with the shared machinery (tenants, clock, journal, faults, rate limits) into
 * one transport-free Hono app — `twin.fetch(Request) → Response`.
 */
import { Hono, type Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { Digest, OperationDigest } from './digest.js';
import type { EngineFailure } from './errors.js';
import { EngineError, VendorError } from './errors.js';
import type { HandlerMap, Principal, Handler } from './handler.js';
import { Clock } from './clock.js';
import { PersistenceError, TenantRegistry } from './registry.js';
import { Tenant, type TenantData } from './tenant.js';
import { retention, type Retention } from './retention.js';
import { Journal, type JournalLimits } from './journal.js';
import { Faults } from './faults.js';
import { RateLimiter, type BucketSpec, type RateState } from './ratelimit.js';
import { OperationRouter } from './router.js';
import { Validator, type RequestParts } from './validate.js';
import { Inference, type InferenceOptions } from './inferred.js';
import { checkFixture, loadFixture } from './fixtures.js';
import { mountControlPlane } from './control.js';
import { requestUrl } from './request-url.js';
import type { BodyStream } from './body.js';
import { operationPipeline, renderError, replyToResponse, type DtuEnv, type OperationServer } from './pipeline.js';

/** What the engine knows about a request when it asks the twin to authenticate it. */
export interface AuthRequest {
  req: Request;
  op: OperationDigest;
  tenant: Tenant;
  /** Parsed body when it could be parsed (Slack accepts `token` as a form field). */
  body: unknown;
  twin: Twin;
  /** Origin plus tenant prefix as the caller addressed the twin (issuers, DPoP `htu`). */
  baseUrl: string;
}

export interface WebSocketRoute {
  /** Path after any tenant prefix, e.g. `/link/`. */
  path: string;
  handle(ws: WebSocket, req: IncomingMessage, ctx: { twin: Twin; url: URL; tenantName?: string }): void;
}

export interface TwinDefinition {
  name: string;
  title: string;
  digest: Digest;
  handlers: HandlerMap;
  /** Every operation answers GET and POST alike (Slack's Web API). */
  anyMethod?: boolean;
  /** Content type of JSON replies, exactly as the vendor writes it. */
  jsonContentType?: string;
  /** Media types an operation accepts, when they differ from the spec (Slack takes form and JSON everywhere). */
  mediaTypes?(op: OperationDigest): string[] | undefined;
  /**
   * Reshapes a request before validation, in place. Slack reads arguments from the
   * query string and the body alike, so its twin merges them here.
   */
  normalize?(op: OperationDigest, parts: RequestParts): void;
  /**
   * Which response entry of the spec a reply is checked against in contract checks.
   * Slack answers errors with HTTP 200 and `ok:false`, described by its `default` response.
   */
  contractResponseKey?(status: number, body: unknown): string;
  /** Operations whose body is opaque bytes (media uploads): never parsed, whatever its content type says. */
  rawBody?(op: OperationDigest): boolean;
  /** Request body limit in bytes (default 10 MiB). */
  bodyLimit?: number;
  inference?: InferenceOptions;
  /** Renders an engine-detected failure in the vendor's error format. */
  renderFailure(f: EngineFailure, ctx: { req: Request; op?: OperationDigest; tenant?: Tenant }): VendorError;
  /** Returns the caller, or throws an EngineError/VendorError in the vendor's words. */
  authenticate(a: AuthRequest): Principal | Promise<Principal>;
  /** The credential carried by a request, used to pick its tenant when the path has no prefix. */
  credentialOf?(req: Request, body: unknown): string | undefined;
  /** Fills a new or reset tenant from a fixture (the fixture's shape is the twin's own). */
  populate(tenant: Tenant, fixture: unknown, twin: Twin): void;
  /**
   * Brings state an older version persisted or snapshotted to the current shape, in place, before it is
   * loaded (from a data dir or a restore); returns whether it changed anything.
   */
  upgrade?(data: TenantData): boolean;
  /** The tenant's SDK-ready credentials for `/_dtu/credentials`. */
  credentials(tenant: Tenant, baseUrl: string, twin: Twin): Record<string, unknown>;
  /** Credential strings that identify this tenant (indexed for tenant resolution). */
  credentialValues?(tenant: Tenant): string[];
  rateLimit?: {
    bucket(op: OperationDigest, principal: Principal): BucketSpec | undefined;
    headers(state: RateState, twin: Twin): Record<string, string>;
  };
  /**
   * Headers on every vendor response (request ids and the like): a new record on every call, with lower-case
   * names, which the engine takes as the reply's own header record and adds to.
   */
  commonHeaders?(twin: Twin, tenant: Tenant | undefined): Record<string, string>;
  /** Routes outside the spec (hosted pages, upload targets), mounted before the operation router. */
  routes?(app: Hono<DtuEnv>, twin: Twin): void;
  /** Control-plane additions under `/_dtu/<twin>/…` (acting as a person, delivering events). */
  control?(app: Hono<DtuEnv>, twin: Twin): void;
  websockets?: WebSocketRoute[];
  /** Background work (event delivery, schedulers); return a stop function. */
  start?(twin: Twin): (() => void) | void;
}

export interface TwinOptions {
  /** Seeds every tenant's random source (default `dtu`). */
  seed?: string;
  /** Fixture name (`default`, `empty`) or a JSON file path. */
  fixture?: string;
  dataDir?: string;
  clock?: Clock;
  /** Validate every response against the spec and note violations in the journal. */
  contractCheck?: boolean;
  /** Journal entries kept (shorthand for `journal.maxEntries`). */
  journalCapacity?: number;
  /** Journal bounds: entries, bytes, characters per body (defaults: 5,000, 8 MiB, 64 KiB). */
  journal?: JournalLimits;
  /** Redact secrets in the journal (default true); false keeps them verbatim, for debugging by hand. */
  redact?: boolean;
  /** Required on every `/_dtu/*` call but health when set; adapters insist on one off loopback. */
  adminToken?: string;
  /** Bounds on vendor logs and event deliveries (defaults: 10,000 log entries per tenant, 30,000 events per app per hour). */
  retention?: Partial<Retention>;
}

/**
 * What a socket adapter hands `fetch` beside the request (@hono/node-server: `{ incoming, outgoing }`): the header
 * lines as received, and the stream the body arrives on, read directly for a request the pipeline serves.
 */
export interface Transport {
  incoming?: { rawHeaders?: string[] } & Partial<BodyStream>;
}

export interface HandlerEntry {
  handler: Handler;
  source: 'handwritten' | 'inferred';
}

export interface CoverageRow {
  twin: string;
  operations: number;
  handwritten: number;
  inferred: number;
  notImplemented: number;
  missing: string[];
}

/** A `/t/<tenant>` prefix and the path after it. */
const TENANT_PREFIX = /^\/t\/([^/]+)(\/.*)?$/;

export class Twin {
  readonly app = new Hono<DtuEnv>();
  readonly clock: Clock;
  readonly registry: TenantRegistry;
  readonly journal: Journal;
  readonly faults = new Faults();
  readonly rateLimiter: RateLimiter;
  private routerState: OperationRouter | undefined;
  readonly validator: Validator;
  private inferenceState: Inference | undefined;
  /** Effective handler per operationId, resolved on first use: hand-written first, then inferred, else null (501). */
  private resolved = new Map<string, HandlerEntry | null>();
  readonly startedAt: Date;
  private stopBackground: (() => void) | void = undefined;
  private fixture: unknown;
  /** Filled by adapters that listen on a socket: the origin callers use. */
  publicOrigin: string | undefined;
  private readonly serveOperation: OperationServer;
  /** The catch-all route: spec operations, after every route the twin and the control plane mount. */
  private readonly viaHono = (c: Context<DtuEnv>) => this.serveOperation(c.req.raw, c.env);
  /** Where the app's other routes begin, recomputed when routes are added (see `onlyOperations`). */
  private mounted: { count: number; prefixes: string[] | undefined } | undefined;

  constructor(
    readonly def: TwinDefinition,
    readonly options: TwinOptions = {},
  ) {
    this.clock = options.clock ?? new Clock();
    this.startedAt = this.clock.now();
    this.journal = new Journal({ ...(options.journalCapacity === undefined ? {} : { maxEntries: options.journalCapacity }), ...options.journal }, options.redact ?? true);
    this.rateLimiter = new RateLimiter(this.clock);
    this.validator = new Validator(def.digest);
    this.fixture = loadFixture(def.name, options.fixture ?? 'default');
    this.registry = new TenantRegistry({
      twin: def.name,
      clock: this.clock,
      seed: options.seed ?? 'dtu',
      retention: retention(options.retention),
      dataDir: options.dataDir,
      populate: (t) => def.populate(t, this.fixture, this),
      upgrade: def.upgrade,
      onReady: (t) => this.indexCredentials(t),
    });
    this.registry.loadPersisted();
    mountControlPlane(this);
    def.routes?.(this.app, this);
    this.serveOperation = operationPipeline(this);
    this.app.all('*', this.viaHono);
    this.app.onError((err) => this.renderUnhandled(err));
    this.stopBackground = def.start?.(this);
  }

  /** The suite's MCP endpoint (`/_dtu/mcp`), set by whoever started this twin alongside its siblings. */
  mcp?: (req: Request) => Promise<Response>;

  get name(): string {
    return this.def.name;
  }

  /** Built by the first spec operation served: a start answers its health check without it. */
  get router(): OperationRouter {
    return (this.routerState ??= new OperationRouter(this.def.digest.operations, this.def.anyMethod));
  }

  /** Planned on first need: start-up pays nothing for operations nobody calls. */
  get inference(): Inference {
    return (this.inferenceState ??= new Inference(this.def.digest, this.def.inference ?? {}, new Set(Object.keys(this.def.handlers))));
  }

  /** The handler that serves an operation: hand-written, else inferred; undefined means 501. */
  handlerFor(op: OperationDigest): HandlerEntry | undefined {
    let entry = this.resolved.get(op.id);
    if (entry === undefined) {
      const hand = Object.hasOwn(this.def.handlers, op.id) ? this.def.handlers[op.id] : undefined;
      const inferred = hand ? undefined : this.inference.handlerFor(op);
      entry = hand ? { handler: hand, source: 'handwritten' } : inferred ? { handler: inferred, source: 'inferred' } : null;
      this.resolved.set(op.id, entry);
    }
    return entry ?? undefined;
  }

  /**
   * The transport-free entry point. Strips a `/t/<tenant>` prefix and runs the app.
   * A socket adapter may pass what it received (`Transport`): the header lines, so the journal
   * copies them without building a Headers object, and the request stream, so a body is read from it directly.
   */
  fetch = async (req: Request, transport?: Transport): Promise<Response> => this.respond(req, transport);

  /**
   * `fetch` for a caller that takes a Response as readily as a promise of one (the socket adapter):
   * a spec operation that waited for nothing is answered synchronously, and @hono/node-server then
   * writes it at once rather than awaiting it and watching the socket for an early close meanwhile.
   */
  respond = (req: Request, transport?: Transport): Response | Promise<Response> => {
    let url = requestUrl(req.url);
    // Most paths carry no tenant prefix: the expression runs only for one that begins `/t/`.
    const m = url.pathname.startsWith('/t/') ? TENANT_PREFIX.exec(url.pathname) : null;
    let prefix = '';
    let tenantName: string | undefined;
    if (m && TenantRegistry.isValidName(decodeURIComponent(m[1]))) {
      tenantName = decodeURIComponent(m[1]);
      prefix = `/t/${m[1]}`;
      const inner = new URL(req.url);
      inner.pathname = m[2] ?? '/';
      req = new Request(inner, req);
      url = inner;
    }
    const incoming = transport?.incoming;
    // The body stream is read directly only for the request that came with it: a request rebuilt for a tenant
    // prefix reads its body through the Request it was rebuilt from.
    const stream = incoming?.on && !prefix ? (incoming as BodyStream) : undefined;
    const env: DtuEnv['Bindings'] = { tenantName, prefix, origin: this.publicOrigin ?? url.origin, rawHeaders: incoming?.rawHeaders, incoming: stream, parsed: { req, url } };
    // A path no other route can match goes straight to the operation pipeline, as Hono would send it,
    // without the router walk and context Hono builds first. HEAD stays with Hono, which answers it as GET without a body.
    if (req.method !== 'HEAD' && this.onlyOperations(url.pathname)) {
      let res: Response | Promise<Response>;
      try {
        res = this.serveOperation(req, env);
      } catch (err) {
        return this.unhandled(err);
      }
      return res instanceof Promise ? res.catch((err: unknown) => this.unhandled(err)) : res;
    }
    return this.app.fetch(req, env);
  };

  /** What escaped the pipeline: rendered when it is an Error, else thrown on. */
  private unhandled(err: unknown): Response {
    if (err instanceof Error) return this.renderUnhandled(err);
    throw err;
  }

  /**
   * Whether only the operation pipeline can serve `path`: it begins with none of the static
   * prefixes of the app's other routes. Conservative: escapes, empty segments and a route that
   * could match anywhere send every request through Hono.
   */
  onlyOperations(path: string): boolean {
    const routes = this.app.routes;
    if (this.mounted?.count !== routes.length) this.mounted = { count: routes.length, prefixes: staticPrefixes(routes, this.viaHono) };
    const prefixes = this.mounted.prefixes;
    if (!prefixes || path.includes('%') || path.includes('//')) return false;
    // `path` is a route's prefix itself when it is that prefix but for its closing `/` (compared without building `${path}/`).
    for (const p of prefixes) if (path.startsWith(p) || (p.length === path.length + 1 && p.startsWith(path))) return false;
    return true;
  }

  /** Default tenant unless a prefix or credential says otherwise. */
  tenant(name = 'default'): Tenant {
    return this.registry.get(name);
  }

  /**
   * A tenant's SDK-ready credentials, valid at the twin's current time: a twin
   * re-issues what the clock has expired, and the new values are indexed so they
   * pick their tenant.
   */
  credentials(name: string, baseUrl: string): Record<string, unknown> {
    const t = this.registry.get(name);
    const creds = this.def.credentials(t, baseUrl, this);
    this.indexCredentials(t);
    return creds;
  }

  /**
   * Replaces the fixture used by populate (seed endpoint), then resets. A fixture
   * that breaks its schema or makes populate throw is refused (the message is
   * returned) before any tenant changes.
   */
  reseed(fixture: unknown, tenant?: string): string | undefined {
    const refused = checkFixture(this.name, fixture) ?? this.tryPopulate(fixture);
    if (refused) return refused;
    if (tenant === undefined) {
      this.fixture = fixture;
      this.registry.reset();
      return undefined;
    }
    const t = this.registry.get(tenant);
    t.clear();
    this.def.populate(t, fixture, this);
    this.indexCredentials(t);
    return undefined;
  }

  /** Populates a scratch tenant, so a fixture populate cannot digest never reaches a real one. */
  private tryPopulate(fixture: unknown): string | undefined {
    try {
      this.def.populate(new Tenant(this.name, 'fixture-check', this.clock, this.options.seed ?? 'dtu'), fixture, this);
      return undefined;
    } catch (e) {
      return `fixture rejected: ${(e as Error).message}`;
    }
  }

  /** Every credential a tenant issues picks that tenant when a request has no prefix. */
  indexCredentials(t: Tenant): void {
    for (const v of this.def.credentialValues?.(t) ?? []) this.registry.registerCredential(v, t.name);
  }

  coverage(): CoverageRow {
    const ops = this.def.digest.operations;
    let handwritten = 0;
    let inferred = 0;
    const missing: string[] = [];
    for (const op of ops) {
      const h = this.handlerFor(op);
      if (!h) missing.push(op.id);
      else if (h.source === 'handwritten') handwritten++;
      else inferred++;
    }
    return { twin: this.name, operations: ops.length, handwritten, inferred, notImplemented: missing.length, missing };
  }

  /**
   * Failures that escape a route: a change that could not be persisted is not
   * acknowledged (503 in the vendor's format, saying why); anything else is a twin bug.
   */
  private renderUnhandled(err: Error): Response {
    if (err instanceof PersistenceError) {
      process.stderr.write(`${err.message}\n`);
      const r = renderError(new EngineError({ kind: 'fault', status: 503, message: err.message }), this, new Request('http://dtu.invalid/'), undefined, undefined, []);
      return replyToResponse({ status: r.status, body: r.body, headers: r.headers }, this.def.jsonContentType);
    }
    return replyToResponse({ status: 500, body: { dtu_twin_bug: err.message } });
  }

  async close(): Promise<void> {
    this.stopBackground?.();
    await this.registry.close();
  }
}

/**
 * Each route's leading literal segments with a closing `/` (`/_dtu/`, `/oauth2/`): a path that starts with
 * none of them cannot match that route. Undefined when some route other than `except` starts with a parameter or wildcard.
 */
export function staticPrefixes(routes: ReadonlyArray<{ path: string; handler: unknown }>, except: unknown): string[] | undefined {
  const out = new Set<string>();
  for (const r of routes) {
    if (r.handler === except) continue;
    const literal: string[] = [];
    for (const seg of r.path.split('/').slice(1)) {
      if (!seg || /[:*{}()?]/.test(seg)) break;
      literal.push(seg);
    }
    if (!literal.length) return undefined;
    out.add(`/${literal.join('/')}/`);
  }
  // A prefix that begins with another says nothing more (a path that starts with it, or is it but for its closing
  // `/`, starts with the shorter one), so only the shortest are kept: the control plane's many routes are `/_dtu/`.
  const all = [...out];
  return all.filter((p) => !all.some((q) => q !== p && p.startsWith(q)));
}

export function createTwin(def: TwinDefinition, options?: TwinOptions): Twin {
  return new Twin(def, options);
}
