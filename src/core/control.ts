/**
 * The control plane under `/_dtu/` on every twin: health, credentials, reset,
 * snapshot/restore, seed, journal (query and live SSE), faults, rate limits,
 * clock, coverage. Described by its own OpenAPI document at `/_dtu/openapi.json`.
 * A tenant is chosen by the `/t/<name>` prefix or `?tenant=`; without one,
 * reset/snapshot act on every tenant and the rest on `default`.
 */
import type { Context } from 'hono';
import type { Twin } from './twin.js';
import type { DtuEnv } from './pipeline.js';
import { sseResponse } from './sse.js';
import { controlOpenApi } from './control-openapi.js';
import type { TenantData } from './tenant.js';
import { TenantRegistry } from './registry.js';
import type { FaultRule } from './faults.js';

type C = Context<DtuEnv>;

const problem = (c: C, status: 400 | 404, message: string) => c.json({ error: { status, message } }, status);

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

  app.get(`${base}/openapi.json`, (c) => c.json(controlOpenApi(twin.name, app.routes)));

  app.get(`${base}/credentials`, (c) => {
    const t = twin.tenant(namedTenant(c) ?? 'default');
    return c.json(twin.def.credentials(t, `${c.env.origin}${c.env.prefix}`, twin));
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
    const body = await jsonBody<{ twin?: string; tenants?: Record<string, TenantData> }>(c);
    if (!body?.tenants || typeof body.tenants !== 'object') return problem(c, 400, 'expected a snapshot: { tenants: { <name>: … } }');
    if (body.twin && body.twin !== twin.name) return problem(c, 400, `snapshot is for twin "${body.twin}", not "${twin.name}"`);
    for (const [name, data] of Object.entries(body.tenants)) {
      if (!TenantRegistry.isValidName(name) || !data || !data.collections) return problem(c, 400, `invalid tenant snapshot "${name}"`);
    }
    return c.json({ ok: true, restored: twin.registry.restore(body.tenants, { owned: true }) });
  });

  app.post(`${base}/seed`, async (c) => {
    const body = await jsonBody<{ tenant?: string; fixture?: unknown }>(c);
    if (!body || body.fixture === undefined) return problem(c, 400, 'expected { fixture: <fixture document>, tenant?: name }');
    const name = namedTenant(c) ?? body.tenant ?? 'default';
    twin.reseed(body.fixture, name);
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
    const body = await jsonBody<Partial<FaultRule>>(c);
    const kinds = ['latency', 'error', 'outage', 'rate_limit'];
    if (!body || !kinds.includes(String(body.kind))) return problem(c, 400, `expected { kind: ${kinds.join('|')}, operation?, tenant?, probability?, count?, … }`);
    if (body.probability !== undefined && !(body.probability >= 0 && body.probability <= 1)) return problem(c, 400, 'probability must be within 0..1');
    const rule = twin.faults.add({ ...(body as FaultRule), tenant: body.tenant ?? namedTenant(c) });
    return c.json(rule, 201 as 200);
  });
  app.delete(`${base}/faults`, (c) => {
    twin.faults.clear(namedTenant(c));
    return c.json({ ok: true });
  });
  app.delete(`${base}/faults/:id`, (c) => (twin.faults.remove(c.req.param('id')) ? c.json({ ok: true }) : problem(c, 404, 'no such fault')));

  app.get(`${base}/ratelimits`, (c) => c.json(twin.rateLimiter.effective(namedTenant(c))));
  app.put(`${base}/ratelimits`, async (c) => {
    const body = await jsonBody<{ enforce?: unknown; scale?: unknown }>(c);
    if (!body || (body.enforce !== undefined && typeof body.enforce !== 'boolean') || (body.scale !== undefined && !(typeof body.scale === 'number' && body.scale > 0))) {
      return problem(c, 400, 'expected { enforce?: boolean, scale?: number > 0 }');
    }
    return c.json(twin.rateLimiter.configure(body as { enforce?: boolean; scale?: number }, namedTenant(c)));
  });

  app.get(`${base}/clock`, (c) => c.json(clockState(twin)));
  app.post(`${base}/clock`, async (c) => {
    const body = await jsonBody<{ freeze?: boolean | string | number; advanceMs?: number; set?: string | number }>(c);
    if (!body) return problem(c, 400, 'expected { freeze?: true|false|<time>, advanceMs?: number, set?: <time> }');
    const bad = (v: unknown) => v !== undefined && Number.isNaN(new Date(v as string).getTime());
    if (bad(body.set) || (typeof body.freeze !== 'boolean' && bad(body.freeze))) return problem(c, 400, 'invalid time');
    if (body.freeze === false) twin.clock.unfreeze();
    else if (body.freeze === true) twin.clock.freeze();
    else if (body.freeze !== undefined) twin.clock.freeze(body.freeze);
    if (body.set !== undefined) twin.clock.set(body.set);
    if (body.advanceMs !== undefined) {
      if (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs)) return problem(c, 400, 'advanceMs must be a number');
      twin.clock.advance(body.advanceMs);
    }
    return c.json(clockState(twin));
  });

  twin.def.control?.(app, twin);

  // Unknown control routes answer in the control plane's own format, not the vendor's.
  app.all(`${base}/*`, (c) => problem(c, 404, `no control endpoint ${c.req.method} ${new URL(c.req.url).pathname}`));
}

function clockState(twin: Twin) {
  return { now: twin.clock.now().toISOString(), epochMs: twin.clock.ms(), frozen: twin.clock.isFrozen };
}
