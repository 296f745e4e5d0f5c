/** The Slack twin's own control routes under /_dtu/slack/…: simulated people, app settings, Socket Mode connections, deliveries, configuration tokens, agents. */
//
//   /_dtu/slack/act/{message,reaction,join,app_home,command,block_action,options,view_submission,view_closed,shortcut}
//   GET /_dtu/slack/act/ephemeral · GET|PUT /_dtu/slack/apps/:id/config · GET /_dtu/slack/deliveries[/:id]
//   GET|POST /_dtu/slack/events · GET /_dtu/slack/socket/connections · POST /_dtu/slack/socket/disconnect
//   PUT /_dtu/slack/socket/settings · POST /_dtu/slack/config-tokens
//   POST /_dtu/slack/act/{agent_stop,canvas_comment} · GET /_dtu/slack/agents/:channel · GET|PUT /_dtu/slack/team/preferences
// Control routes take the tenant from the `/t/<name>` prefix or `?tenant=`.
import type { Hono } from 'hono';
import type { Twin } from '../../src/core/twin.js';
import type { DtuEnv } from '../../src/core/pipeline.js';
import { peopleControl } from './control/people.js';
import { appsControl } from './control/apps.js';
import { agentsControl } from './control/agents.js';
import { teamControl } from './control/team.js';
import { socketControl } from './realtime/socket-mode.js';
import { configTokenControl } from './realtime/oauth-legacy.js';

export function slackControl(app: Hono<DtuEnv>, twin: Twin): void {
  peopleControl(app, twin);
  appsControl(app, twin);
  socketControl(app, twin);
  configTokenControl(app, twin);
  agentsControl(app, twin);
  teamControl(app, twin);
}
