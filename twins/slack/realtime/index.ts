// The Slack realtime surface — Socket Mode, Events API delivery, RTM, OAuth (v2, classic, Sign in with Slack), as the twin assembles it (simulated people and other control routes: ../control.ts).
//
// Routes at a glance (tenant by `/t/<name>` prefix, control routes also by `?tenant=`):
//   WebSockets   /link/?ticket=…&app_id=…  Socket Mode          /rtm/?ticket=…  RTM
//   Pages/hooks  GET|POST /oauth/v2/authorize, /oauth/authorize, /openid/connect/authorize (dtu_auto_approve=<user>)
//                GET /openid/connect/keys · GET /.well-known/openid-configuration · POST /commands/… and /actions/… (response_url)
//   Control      see ../control.ts
import type { Hono } from 'hono';
import type { Twin, WebSocketRoute } from '../../../src/core/twin.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { dropRealtime, realtime } from './runtime.js';
import { appsConnectionsOpen, socketModeRoute } from './socket-mode.js';
import { rtmConnect, rtmRoute } from './rtm.js';
import { oauthHandlers } from './oauth.js';
import { allAuthorizeRoutes } from './authorize.js';
import { openidConnectToken, openidRoutes, openidUserInfo } from './openid.js';
import { oauthAccess, toolingTokensRotate } from './oauth-legacy.js';
import { method } from '../handlers/common.js';
import type { Handlers } from '../generated/operations.js';
import { responseUrlRoutes } from './responses.js';
import { deliverWorkspaceEvents } from './workspace-events.js';

export { publishEvent } from './bus.js';

/** Web API methods implemented here, by Slack method name. */
export const realtimeHandlers = {
  'apps.connections.open': appsConnectionsOpen,
  'rtm.connect': rtmConnect,
  ...oauthHandlers,
  'oauth.access': oauthAccess,
  'openid.connect.token': openidConnectToken,
  'openid.connect.userInfo': method(openidUserInfo),
  'tooling.tokens.rotate': toolingTokensRotate,
} satisfies Handlers;

/** Pages and hooks outside the Web API: the authorize pages, OpenID keys and discovery, and response_url targets. */
export function realtimeRoutes(app: Hono<DtuEnv>, twin: Twin): void {
  allAuthorizeRoutes(app, twin);
  openidRoutes(app, twin);
  responseUrlRoutes(app, twin);
}

export const realtimeWebsockets: WebSocketRoute[] = [socketModeRoute, rtmRoute];

/** Subscribes delivery to the model's events and starts the clock-driven delivery and connection scheduler; the returned function undoes both and closes every socket. */
export function realtimeStart(twin: Twin): () => void {
  const disconnect = deliverWorkspaceEvents(twin);
  realtime(twin).wake();
  return () => {
    disconnect();
    dropRealtime(twin);
  };
}
