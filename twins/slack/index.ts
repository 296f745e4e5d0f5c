/** The Slack twin, in the rooms of docs/decisions/0006 (openapi/ generated/ store.ts model/ handlers/ present/ realtime/ control.ts auth.ts errors.ts seed.ts): Web API, Socket Mode, Events API, RTM and OAuth. */
import type { TwinDefinition } from '../../src/core/twin.js';
import { loadDigest, type Digest, type OperationDigest } from '../../src/core/digest.js';
import type { Handler, HandlerMap } from '../../src/core/handler.js';
import { renderSlackFailure } from './errors.js';
import { authenticate, credentialOf, callerOf } from './auth.js';
import { populate, credentials, credentialValues } from './seed.js';
import { TIER_LIMITS, tierFor } from './model/scopes.js';
import { methods } from './handlers/index.js';
import { toHandler } from './handlers/common.js';
import { uploadRoutes } from './handlers/files-upload.js';
import { startScheduler } from './model/scheduler.js';
import { slackControl } from './control.js';
import { realtimeHandlers, realtimeRoutes, realtimeWebsockets, realtimeStart } from './realtime/index.js';

/**
 * The spec digest with its parameter and body declarations dropped: Slack
 * arguments may arrive in the query string, a form or a JSON body (one method
 * call can mix them), and the 2020 spec declares the token as a required
 * header, so the engine's validator would refuse every SDK call. Handlers
 * check arguments in Slack's own terms instead. Methods the digest lacks are
 * added here so they route; they are listed in the coverage report.
 */
export function slackDigest(extra: string[]): Digest {
  const base = loadDigest('slack');
  const operations: OperationDigest[] = base.operations.map((op) => ({ ...op, parameters: [], requestBody: undefined }));
  const known = new Set(operations.map((o) => o.id));
  for (const id of extra) {
    if (known.has(id)) continue;
    operations.push({ id, method: 'post', path: `/api/${id}`, parameters: [], responses: {}, overlay: 'twin: method missing from the spec digest' });
    known.add(id);
  }
  return { ...base, operations };
}

export function definition(): TwinDefinition {
  const handlers: HandlerMap = {};
  for (const [name, fn] of Object.entries(methods)) handlers[name] = toHandler(fn);
  for (const [name, fn] of Object.entries(realtimeHandlers as Record<string, Handler>)) handlers[name] = fn;
  return {
    name: 'slack',
    title: 'Slack',
    digest: slackDigest(Object.keys(handlers)),
    handlers,
    anyMethod: true,
    jsonContentType: 'application/json; charset=utf-8',
    // Errors are HTTP 200 with ok:false; the spec describes them as each method's `default` response.
    contractResponseKey: (status, body) => ((body as { ok?: unknown } | undefined)?.ok === false ? 'default' : String(status)),
    inference: { disabled: true },
    renderFailure: renderSlackFailure,
    authenticate,
    credentialOf,
    populate,
    credentials: (tenant, baseUrl) => credentials(tenant, baseUrl),
    credentialValues,
    rateLimit: {
      // https://docs.slack.dev/apis/web-api/rate-limits: per method, per workspace, per app; chat.postMessage has its own per-channel limit in its handler.
      bucket(op, principal) {
        const who = callerOf(principal);
        const tier = tierFor(op.id);
        return { key: `${op.id}:${who.app_id ?? who.token ?? 'anonymous'}`, limit: TIER_LIMITS[tier], windowSec: 60 };
      },
      headers: () => ({}),
    },
    commonHeaders: (twin) => ({ 'x-slack-req-id': (twin.journal.lastSeq + 1).toString(16).padStart(16, '0') }),
    routes(app, twin) {
      uploadRoutes(app, twin);
      realtimeRoutes(app, twin);
    },
    control: slackControl,
    websockets: realtimeWebsockets,
    start(twin) {
      const stopScheduler = startScheduler(twin);
      const stopRealtime = realtimeStart(twin);
      return () => {
        stopScheduler();
        stopRealtime?.();
      };
    },
  };
}
