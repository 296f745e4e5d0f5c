/**
 * The control plane under `/_dtu/` on every twin: health, credentials, reset,
 * snapshot/restore, seed, journal (query and live SSE), faults, rate limits,
 * clock, coverage. Described by its own OpenAPI document at `/_dtu/openapi.json`.
 * A tenant is chosen by the `/t/<name>` prefix or `?tenant=`; without one,
 * reset/snapshot act on every tenant and the rest on `default`. Bodies are
 * checked against the schemas in control-input.ts; with an admin token set,
 * every route but health requires it.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Twin } from './twin.js';
import type { DtuEnv } from './pipeline.js';
import { sseResponse } from './sse.js';
import { controlOpenApi } from './control-openapi.js';
import type { TenantData } from './tenant.js';
import { TenantRegistry } from './registry.js';
import type { FaultRule } from './faults.js';
import { clockSchema, faultSchema, inClockRange, operationError, rateLimitSchema, restoreSchema, schemaError, seedSchema, timeError } from './control-input.js';

type C = Context<DtuEnv>;

const problem = (c: C, status: 400 | 401 | 404, message: string) => c.json({ error: { status, message } }, status);

/** The admin token a control request carries: `x-dtu-admin-token`, or `Authorization: Bearer`. */
function presentedAdminToken(c: C): string | undefined {
  return c.req.header('x-dtu-admin-token') ?? /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
}

const digestOf = (s: string) => createHash('sha256').update(s).digest();
/** Compared through digests so neither length nor content leaks through timing. */
const sameToken = (a: string, b: string) => timingSafeEqual(digestOf(a), digestOf(b));

/** The tenant named by prefix or query, if any. */
function namedTenant(c: C): string | undefined {
  const q = c.req.query('tenant');
  return c.env.tenantName ?? (q && TenantRegistry.isValidName(q) ? q : undefined);
}

async function jsonBody<T>(c: C): Promise<T | undefined> {
  const text = await c.req.text();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export function mountControlPlane(twin: Twin): void {
  const app = twin.app;
  const base = '/_dtu';

  // Health stays open for liveness probes; everything else answers only the admin when a token is set.
  app.use(`${base}/*`, async (c, next) => {
    const want = twin.options.adminToken;
    if (!want || new URL(c.req.url).pathname === `${base}/health`) return next();
    const got = presentedAdminToken(c);
    if (!got || !sameToken(got, want)) return problem(c, 401, 'the control plane requires the admin token (x-dtu-admin-token header or Authorization: Bearer)');
    return next();
  });
  // Reset, seed, restore and acting-as-a-person change state: on disk before they answer, like vendor writes.
  app.use(`${base}/*`, async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && twin.registry.persistent) await twin.registry.flush();
  });

  app.get(`${base}/health`, (c) =>
    c.json({
      ok: true,
      twin: twin.name,
      title: twin.def.title,
      startedAt: twin.startedAt.toISOString(),
      now: twin.clock.now().toISOString(),
      tenants: twin.registry.names(),
      operations: twin.def.digest.operations.length,
      persistent: twin.registry.persistent,
    }),
  );

  // The process's memory as Node reports it (RSS beside the V8 heap and buffers), for soaks that watch a running twin.
  app.get(`${base}/memory`, (c) => c.json(process.memoryUsage()));

  app.get(`${base}/openapi.json`, (c) => c.json(controlOpenApi(twin.name, app.routes)));

  app.get(`${base}/credentials`, (c) => {
    return c.json(twin.credentials(namedTenant(c) ?? 'default', `${c.env.origin}${c.env.prefix}`));
  });

  app.get(`${base}/coverage`, (c) => c.json(twin.coverage()));

  app.post(`${base}/reset`, async (c) => {
    const body = await jsonBody<{ tenant?: string }>(c);
    const name = namedTenant(c) ?? body?.tenant;
    twin.registry.reset(name);
    twin.rateLimiter.reset(name);
    return c.json({ ok: true, reset: name ? [name] : twin.registry.names() });
  });

  app.get(`${base}/snapshot`, (c) => {
    const name = namedTenant(c);
    // Written as text straight from the tenants: a deep copy of a large tenant first would double the cost.
    const head = JSON.stringify({ twin: twin.name, takenAt: twin.clock.now().toISOString() }).slice(0, -1);
    return c.body(`${head},"tenants":${twin.registry.snapshotText(name)}}`, 200, { 'content-type': 'application/json' });
  });

  app.post(`${base}/restore`, async (c) => {
    const body = await jsonBody<{ twin?: string; tenants: Record<string, TenantData> }>(c);
    const invalid = body === undefined ? 'expected a snapshot: { tenants: { <name>: … } }' : schemaError(restoreSchema, body, 'snapshot');
    if (invalid) return problem(c, 400, invalid);
    if (body!.twin && body!.twin !== twin.name) return problem(c, 400, `snapshot is for twin "${body!.twin}", not "${twin.name}"`);
    return c.json({ ok: true, restored: twin.registry.restore(body!.tenants, { owned: true }) });
  });

  app.post(`${base}/seed`, async (c) => {
    const body = await jsonBody<{ tenant?: string; fixture: unknown }>(c);
    const invalid = body === undefined ? 'expected { fixture: <fixture document>, tenant?: name }' : schemaError(seedSchema, body, 'seed');
    if (invalid) return problem(c, 400, invalid);
    const name = namedTenant(c) ?? body!.tenant ?? 'default';
    const refused = twin.reseed(body!.fixture, name);
    if (refused) return problem(c, 400, refused);
    return c.json({ ok: true, seeded: name });
  });

  app.get(`${base}/journal`, (c) => {
    const q = c.req.query();
    const entries = twin.journal.query({
      tenant: namedTenant(c),
      operationId: q.operationId,
      status: q.status ? Number(q.status) : undefined,
      sinceSeq: q.since ? Number(q.since) : undefined,
      limit: q.limit ? Number(q.limit) : undefined,
    });
    return c.json({ lastSeq: twin.journal.lastSeq, entries });
  });

  app.delete(`${base}/journal`, (c) => {
    twin.journal.clear(namedTenant(c));
    return c.json({ ok: true });
  });

  app.get(`${base}/journal/stream`, (c) => {
    const tenant = namedTenant(c);
    const since = Number(c.req.query('since') ?? c.req.header('last-event-id') ?? NaN);
    return sseResponse((ch) => {
      if (Number.isFinite(since)) for (const e of twin.journal.query({ tenant, sinceSeq: since })) ch.send({ id: e.seq, event: 'exchange', data: e });
      return twin.journal.subscribe((e) => {
        if (tenant === undefined || e.tenant === tenant) ch.send({ id: e.seq, event: 'exchange', data: e });
      });
    });
  });

  app.get(`${base}/faults`, (c) => c.json({ faults: twin.faults.list() }));
  app.post(`${base}/faults`, async (c) => {
    const body = await jsonBody<FaultRule>(c);
    const invalid =
      body === undefined
        ? 'expected { kind: latency|error|outage|rate_limit, operation?, tenant?, probability?, count?, … }'
        : (schemaError(faultSchema, body, 'fault') ?? operationError(body.operation, twin.def.digest.operations.map((o) => o.id)));
    if (invalid) return problem(c, 400, invalid);
    const rule = twin.faults.add({ ...body!, tenant: body!.tenant ?? namedTenant(c) });
    return c.json(rule, 201 as 200);
  });
  app.delete(`${base}/faults`, (c) => {
    twin.faults.clear(namedTenant(c));
    return c.json({ ok: true });
  });
  app.delete(`${base}/faults/:id`, (c) => (twin.faults.remove(c.req.param('id')) ? c.json({ ok: true }) : problem(c, 404, 'no such fault')));

  app.get(`${base}/ratelimits`, (c) => c.json(twin.rateLimiter.effective(namedTenant(c))));
  app.put(`${base}/ratelimits`, async (c) => {
    const body = await jsonBody<{ enforce?: boolean; scale?: number }>(c);
    const invalid = body === undefined ? 'expected { enforce?: boolean, scale?: number > 0 }' : schemaError(rateLimitSchema, body, 'rate limits');
    if (invalid) return problem(c, 400, invalid);
    return c.json(twin.rateLimiter.configure(body!, namedTenant(c)));
  });

  app.get(`${base}/clock`, (c) => c.json(clockState(twin)));
  app.post(`${base}/clock`, async (c) => {
    const body = await jsonBody<{ freeze?: boolean | string | number; advanceMs?: number; set?: string | number }>(c);
    const invalid =
      body === undefined
        ? 'expected { freeze?: true|false|<time>, advanceMs?: number, set?: <time> }'
        : (schemaError(clockSchema, body, 'clock') ?? timeError(body.freeze, 'freeze') ?? timeError(body.set, 'set'));
    if (invalid) return problem(c, 400, invalid);
    const { freeze, set, advanceMs } = body!;
    // Where the clock would land, checked before anything moves so a refused request changes nothing.
    const landing = set !== undefined ? new Date(set).getTime() : freeze !== undefined && typeof freeze !== 'boolean' ? new Date(freeze).getTime() : twin.clock.ms();
    if (advanceMs !== undefined && !inClockRange(landing + advanceMs)) return problem(c, 400, `advanceMs: ${advanceMs} moves the clock outside 1970..9999`);
    if (freeze === false) twin.clock.unfreeze();
    else if (freeze === true) twin.clock.freeze();
    else if (freeze !== undefined) twin.clock.freeze(freeze);
    if (set !== undefined) twin.clock.set(set);
    if (advanceMs !== undefined) twin.clock.advance(advanceMs);
    return c.json(clockState(twin));
  });

  twin.def.control?.(app, twin);

  // MCP over Streamable HTTP, when the suite that started this twin serves it (see src/start.ts).
  app.all(`${base}/mcp`, (c) => (twin.mcp ? twin.mcp(c.req.raw) : problem(c, 404, 'MCP is served by twins started together (`dtu start`); or run `dtu mcp` on stdio')));

  // Unknown control routes answer in the control plane's own format, not the vendor's.
  app.all(`${base}/*`, (c) => problem(c, 404, `no control endpoint ${c.req.method} ${new URL(c.req.url).pathname}`));
}

function clockState(twin: Twin) {
  return { now: twin.clock.now().toISOString(), epochMs: twin.clock.ms(), frozen: twin.clock.isFrozen };
}
