/** The Slack twin, in the rooms of docs/decisions/0006 (openapi/ generated/ store.ts model/ handlers/ present/ realtime/ control.ts auth.ts errors.ts seed.ts): Web API, Socket Mode, Events API, RTM and OAuth. */
import type { TwinDefinition } from '../../src/core/twin.js';
import { loadDigest } from '../../src/core/digest.js';
import type { HandlerMap } from '../../src/core/handler.js';
import type { Handlers } from './generated/operations.js';
import { renderSlackFailure } from './errors.js';
import { authenticate, credentialOf, callerOf } from './auth.js';
import { populate, credentials, credentialValues } from './seed.js';
import { TIER_LIMITS, tierFor } from './model/scopes.js';
import { metaHandlers } from './handlers/meta.js';
import { conversationReadHandlers } from './handlers/conversations-read.js';
import { conversationWriteHandlers } from './handlers/conversations-write.js';
import { chatHandlers } from './handlers/chat.js';
import { scheduleHandlers } from './handlers/scheduled-messages.js';
import { itemHandlers } from './handlers/items.js';
import { userHandlers, usergroupHandlers } from './handlers/users.js';
import { fileHandlers } from './handlers/files.js';
import { surfaceHandlers } from './handlers/surfaces.js';
import { searchHandlers } from './handlers/search.js';
import { personalHandlers } from './handlers/personal.js';
import { adminUserHandlers } from './handlers/admin-users.js';
import { adminConversationHandlers } from './handlers/admin-conversations.js';
import { adminOrgHandlers } from './handlers/admin-org.js';
import { collabHandlers } from './handlers/collab.js';
import { platformHandlers } from './handlers/platform.js';
import { legacyHandlers } from './handlers/legacy.js';
import { barrierHandlers } from './handlers/barriers.js';
import { agentHandlers } from './handlers/agents.js';
import { agentViewHandlers } from './handlers/agent-views.js';
import { uploadRoutes } from './handlers/files-upload.js';
import { layOutArguments } from './handlers/args.js';
import { startScheduler } from './model/scheduler.js';
import { slackControl } from './control.js';
import { realtimeHandlers, realtimeRoutes, realtimeWebsockets, realtimeStart } from './realtime/index.js';

/** Every Slack method the twin answers, by method name; checked against the generated operation map, so a misspelt or vanished method fails to compile. */
export const slackHandlers = {
  ...metaHandlers,
  ...conversationReadHandlers,
  ...conversationWriteHandlers,
  ...chatHandlers,
  ...scheduleHandlers,
  ...itemHandlers,
  ...userHandlers,
  ...usergroupHandlers,
  ...fileHandlers,
  ...surfaceHandlers,
  ...searchHandlers,
  ...personalHandlers,
  ...adminUserHandlers,
  ...adminConversationHandlers,
  ...adminOrgHandlers,
  ...collabHandlers,
  ...platformHandlers,
  ...legacyHandlers,
  ...barrierHandlers,
  ...agentHandlers,
  ...agentViewHandlers,
  ...realtimeHandlers,
} satisfies Handlers;

export function definition(): TwinDefinition {
  const handlers: HandlerMap = slackHandlers;
  return {
    name: 'slack',
    title: 'Slack',
    digest: loadDigest('slack'),
    handlers,
    anyMethod: true,
    // Every method takes form, multipart, JSON and text/plain bodies alike; auth.ts refuses other types as Slack does.
    mediaTypes: () => [],
    normalize: layOutArguments,
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
