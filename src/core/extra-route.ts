/**
 * Wraps a twin's non-spec route (hosted pages, OAuth endpoints, upload targets)
 * so it gets what spec operations get from the pipeline: the vendor's error
 * rendering, common headers, a journal entry and persistence — without the
 * spec-driven stages (routing, validation) that do not apply to it.
 */
import type { Context } from 'hono';
import type { Twin } from './twin.js';
import type { Tenant } from './tenant.js';
import type { DtuEnv } from './pipeline.js';
import { finishExchange, renderError, replyToResponse } from './pipeline.js';
import { hasBody } from './body.js';

export type ExtraRouteHandler = (c: Context<DtuEnv>, tenant: Tenant) => Response | Promise<Response>;

/** `id` names the route in the journal (e.g. `oauth2.token`); the tenant comes from the prefix, else `default`. */
export function extraRoute(twin: Twin, id: string, fn: ExtraRouteHandler) {
  return async (c: Context<DtuEnv>): Promise<Response> => {
    const started = performance.now();
    const req = c.req.raw;
    const url = new URL(req.url);
    const tenant = twin.registry.get(c.env.tenantName ?? 'default');
    const reqText = hasBody(req) ? await req.clone().text().catch(() => undefined) : undefined;
    const notes: string[] = [];
    // A route that runs the pipeline again (Jira REST v2) gets one journal entry, named for the operation that served it.
    const nested: NonNullable<DtuEnv['Bindings']['nested']> = { notes: [] };
    c.env.nested = nested;
    let res: Response;
    let resBody: unknown;
    try {
      res = await fn(c, tenant);
    } catch (e) {
      const err = renderError(e, twin, req, undefined, tenant, notes);
      resBody = err.body;
      res = replyToResponse({ status: err.status, body: err.body, headers: err.headers }, twin.def.jsonContentType);
    }
    for (const [k, v] of Object.entries(twin.def.commonHeaders?.(twin, tenant) ?? {})) if (!res.headers.has(k)) res.headers.set(k, v);
    if (resBody === undefined && (res.headers.get('content-type') ?? '').includes('json')) resBody = await res.clone().json().catch(() => undefined);
    notes.push(...nested.notes);
    await finishExchange(twin, { req, url, res, started, notes, tenant: nested.tenant ?? tenant.name, operationId: nested.operationId ?? id, reqBody: reqText, resBody });
    return res;
  };
}
