/** Workspace settings an owner changes in Slack's admin pages and no Web API method sets: the message edit window. */
//   GET|PUT /_dtu/slack/team/preferences   {msg_edit_window_mins: -1 any time | 0 never | minutes}
import type { Hono } from 'hono';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import type { Twin } from '../../../src/core/twin.js';
import { team } from '../store.js';
import { editWindowMins } from '../model/messages.js';
import { controlTenant, jsonBody, problem } from './util.js';

export function teamControl(app: Hono<DtuEnv>, twin: Twin): void {
  app.get('/_dtu/slack/team/preferences', (c) => c.json({ msg_edit_window_mins: editWindowMins(controlTenant(c, twin)) }));

  app.put('/_dtu/slack/team/preferences', async (c) => {
    const tenant = controlTenant(c, twin);
    const b = await jsonBody(c);
    if (!b) return problem(c, 400, 'expected a JSON object body');
    const unknown = Object.keys(b).filter((k) => k !== 'msg_edit_window_mins');
    if (unknown.length) return problem(c, 400, `unknown preference ${unknown.join(', ')}; known: msg_edit_window_mins`);
    const mins = b.msg_edit_window_mins;
    if (mins !== undefined) {
      if (typeof mins !== 'number' || !Number.isInteger(mins) || mins < -1) return problem(c, 400, 'msg_edit_window_mins must be an integer: -1 (any time), 0 (never) or minutes');
      tenant.setMeta('team', { ...team(tenant), msg_edit_window_mins: mins });
    }
    return c.json({ msg_edit_window_mins: editWindowMins(tenant) });
  });
}
