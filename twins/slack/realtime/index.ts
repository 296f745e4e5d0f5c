// The Slack realtime surface — Socket Mode, Events API delivery, RTM, OAuth v2, simulated people — as the twin assembles it.
//
// Routes at a glance (tenant by `/t/<name>` prefix, control routes also by `?tenant=`):
//   WebSockets   /link/?ticket=…&app_id=…  Socket Mode          /rtm/?ticket=…  RTM
//   Pages/hooks  GET|POST /oauth/v2/authorize (dtu_auto_approve=<user>)   POST /commands/… and /actions/… (response_url)
//   Control      /_dtu/slack/act/{message,reaction,join,app_home,command,block_action,options,view_submission,view_closed,shortcut}
//                GET /_dtu/slack/act/ephemeral · GET|PUT /_dtu/slack/apps/:id/config · GET /_dtu/slack/deliveries[/:id]
//                GET|POST /_dtu/slack/events · GET /_dtu/slack/socket/connections · POST /_dtu/slack/socket/disconnect
//                PUT /_dtu/slack/socket/settings
import type { Hono } from 'hono';
import type { Handler } from '../../../src/core/handler.js';
import type { Twin, WebSocketRoute } from '../../../src/core/twin.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { dropRealtime, realtime } from './runtime.js';
import { appsConnectionsOpen, socketControl, socketModeRoute } from './socket-mode.js';
import { rtmConnect, rtmRoute } from './rtm.js';
import { oauthHandlers, oauthRoutes } from './oauth.js';
import { responseUrlRoutes } from './responses.js';
import { peopleControl } from './people.js';
import { appsControl } from './apps-control.js';

export { publishEvent } from './bus.js';

/** Web API methods implemented here, by Slack method name. */
export const realtimeHandlers: Record<string, Handler> = {
  'apps.connections.open': appsConnectionsOpen,
  'rtm.connect': rtmConnect,
  ...oauthHandlers,
};

/** Pages and hooks outside the Web API: the OAuth authorize page and response_url targets. */
export function realtimeRoutes(app: Hono<DtuEnv>, twin: Twin): void {
  oauthRoutes(app, twin);
  responseUrlRoutes(app, twin);
}

/** Control plane under /_dtu/slack/…: simulated people, app settings, Socket Mode connections, deliveries. */
export function realtimeControl(app: Hono<DtuEnv>, twin: Twin): void {
  peopleControl(app, twin);
  appsControl(app, twin);
  socketControl(app, twin);
}

export const realtimeWebsockets: WebSocketRoute[] = [socketModeRoute, rtmRoute];

/** Starts the clock-driven delivery and connection scheduler; the returned function closes every socket. */
export function realtimeStart(twin: Twin): () => void {
  realtime(twin).wake();
  return () => dropRealtime(twin);
}
