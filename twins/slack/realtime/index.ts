// The Slack realtime surface — Socket Mode, Events API delivery, RTM, OAuth (v2, classic, Sign in with Slack), simulated people — as the twin assembles it.
//
// Routes at a glance (tenant by `/t/<name>` prefix, control routes also by `?tenant=`):
//   WebSockets   /link/?ticket=…&app_id=…  Socket Mode          /rtm/?ticket=…  RTM
//   Pages/hooks  GET|POST /oauth/v2/authorize, /oauth/authorize, /openid/connect/authorize (dtu_auto_approve=<user>)
//                GET /openid/connect/keys · GET /.well-known/openid-configuration · POST /commands/… and /actions/… (response_url)
//   Control      /_dtu/slack/act/{message,reaction,join,app_home,command,block_action,options,view_submission,view_closed,shortcut}
//                GET /_dtu/slack/act/ephemeral · GET|PUT /_dtu/slack/apps/:id/config · GET /_dtu/slack/deliveries[/:id]
//                GET|POST /_dtu/slack/events · GET /_dtu/slack/socket/connections · POST /_dtu/slack/socket/disconnect
//                PUT /_dtu/slack/socket/settings · POST /_dtu/slack/config-tokens
//                POST /_dtu/slack/act/{agent_stop,canvas_comment} · GET /_dtu/slack/agents/:channel
import type { Hono } from 'hono';
import type { Handler } from '../../../src/core/handler.js';
import type { Twin, WebSocketRoute } from '../../../src/core/twin.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { dropRealtime, realtime } from './runtime.js';
import { appsConnectionsOpen, socketControl, socketModeRoute } from './socket-mode.js';
import { rtmConnect, rtmRoute } from './rtm.js';
import { oauthHandlers } from './oauth.js';
import { allAuthorizeRoutes } from './authorize.js';
import { openidConnectToken, openidRoutes, openidUserInfo } from './openid.js';
import { configTokenControl, oauthAccess, toolingTokensRotate } from './oauth-legacy.js';
import { toHandler } from '../handlers/util.js';
import { agentsControl } from './agents-control.js';
import { responseUrlRoutes } from './responses.js';
import { peopleControl } from './people.js';
import { appsControl } from './apps-control.js';

export { publishEvent } from './bus.js';

/** Web API methods implemented here, by Slack method name. */
export const realtimeHandlers: Record<string, Handler> = {
  'apps.connections.open': appsConnectionsOpen,
  'rtm.connect': rtmConnect,
  ...oauthHandlers,
  'oauth.access': oauthAccess,
  'openid.connect.token': openidConnectToken,
  'openid.connect.userInfo': toHandler(openidUserInfo),
  'tooling.tokens.rotate': toolingTokensRotate,
};

/** Pages and hooks outside the Web API: the authorize pages, OpenID keys and discovery, and response_url targets. */
export function realtimeRoutes(app: Hono<DtuEnv>, twin: Twin): void {
  allAuthorizeRoutes(app, twin);
  openidRoutes(app, twin);
  responseUrlRoutes(app, twin);
}

/** Control plane under /_dtu/slack/…: simulated people, app settings, Socket Mode connections, deliveries, configuration tokens, agents. */
export function realtimeControl(app: Hono<DtuEnv>, twin: Twin): void {
  peopleControl(app, twin);
  appsControl(app, twin);
  socketControl(app, twin);
  configTokenControl(app, twin);
  agentsControl(app, twin);
}

export const realtimeWebsockets: WebSocketRoute[] = [socketModeRoute, rtmRoute];

/** Starts the clock-driven delivery and connection scheduler; the returned function closes every socket. */
export function realtimeStart(twin: Twin): () => void {
  realtime(twin).wake();
  return () => dropRealtime(twin);
}
