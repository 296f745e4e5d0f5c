// Control routes for what people do around agents: clicking a session's stop button, commenting on a plan canvas, and seeing a code channel's header.
import type { Hono } from 'hono';
import type { Twin } from '../../../src/core/twin.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { getConversation, getUser, messages, newId, nextTs } from '../store.js';
import { canvases } from '../store.js';
import { type CanvasComment } from '../types.js';
import { agentSessions, codeChannels, sessionKey } from '../model/agents.js';
import { publishEvent } from '../realtime/bus.js';
import { getApp } from '../realtime/installed-apps.js';
import { controlTenant, jsonBody, problem, str } from './util.js';

/**
 * Routes (tenant by `/t/<name>` prefix or `?tenant=`):
 *   POST /_dtu/slack/act/agent_stop      {user, channel, thread_ts?}                          the stop button → agent_session_stopped
 *   POST /_dtu/slack/act/canvas_comment  {user, canvas_id, text, section_id? | reply_to?, resolve?}  a comment thread or reply on a canvas section
 *   GET  /_dtu/slack/agents/:channel                                                             a code channel's header: session, context bar, views, commands
 */
export function agentsControl(app: Hono<DtuEnv>, twin: Twin): void {
  /**
   * The stop button shows only while a session is `processing`, and only when
   * the app subscribes to agent_session_stopped; the click stops the app's
   * streaming messages in that session and tells the app, which must move the
   * status on itself (https://docs.slack.dev/reference/events/agent_session_stopped).
   */
  app.post('/_dtu/slack/act/agent_stop', async (c) => {
    const tenant = controlTenant(c, twin);
    const b = await jsonBody(c);
    const user = str(b?.user);
    const channel = str(b?.channel);
    const thread = str(b?.thread_ts);
    if (!user || !getUser(tenant, user)) return problem(c, 404, `no user ${String(user)}`);
    const conv = channel ? getConversation(tenant, channel) : undefined;
    if (!conv || !conv.members.includes(user)) return problem(c, 404, `no conversation ${String(channel)} for ${user}`);
    const s = agentSessions(tenant).get(sessionKey(conv.id, thread));
    if (!s) return problem(c, 404, 'session_not_found');
    if (s.status !== 'processing') return problem(c, 409, `the session is ${s.status}: the stop button shows only while processing`);
    const agent = getApp(tenant, s.app_id);
    if (!agent?.event_subscriptions?.bot_events?.includes('agent_session_stopped')) return problem(c, 409, 'the app does not subscribe to agent_session_stopped: the person sees a non-interactive loading indicator');
    const stopped = messages(tenant, conv.id)
      .filter((m) => !!m.streaming && m.app_id === s.app_id && (!thread || m.thread_ts === thread))
      .map((m) => {
        messages(tenant, conv.id).patch(m.ts, { streaming: false });
        return m.ts;
      });
    const event = { type: 'agent_session_stopped', channel: conv.id, ...(thread ? { thread_ts: thread } : {}), user, streaming_message_ts: stopped };
    publishEvent(twin, tenant, event, { channel: conv.id, user, app: s.app_id });
    return c.json({ ok: true, event, status: s.status });
  });

  app.post('/_dtu/slack/act/canvas_comment', async (c) => {
    const tenant = controlTenant(c, twin);
    const b = await jsonBody(c);
    const user = str(b?.user);
    const canvas = canvases(tenant).get(str(b?.canvas_id) ?? '');
    const text = str(b?.text);
    if (!user || !getUser(tenant, user)) return problem(c, 404, `no user ${String(user)}`);
    if (!canvas) return problem(c, 404, 'canvas_not_found');
    const comments = [...(canvas.comments ?? [])];
    const replyTo = str(b?.reply_to);
    if (replyTo) {
      const at = comments.findIndex((x) => x.id === replyTo);
      if (at < 0) return problem(c, 404, `no comment ${replyTo}`);
      const thread = comments[at];
      comments[at] = { ...thread, is_resolved: b?.resolve === true ? true : thread.is_resolved, replies: text ? [...thread.replies, { user_id: user, text, ts: nextTs(tenant) }] : thread.replies };
      canvases(tenant).patch(canvas.id, { comments });
      return c.json({ ok: true, comment: comments[at] });
    }
    if (!text) return problem(c, 400, 'text is required');
    const section = canvas.sections.find((s) => s.id === str(b?.section_id)) ?? (b?.section_id === undefined ? canvas.sections[0] : undefined);
    if (!section) return problem(c, 404, `no section ${String(b?.section_id)} in ${canvas.id}`);
    const comment: CanvasComment = { id: newId(tenant, 'Cm'), section_id: section.id, quoted_text: section.markdown.split('\n')[0], user_id: user, text, ts: nextTs(tenant), is_resolved: false, replies: [] };
    canvases(tenant).patch(canvas.id, { comments: [...comments, comment] });
    return c.json({ ok: true, comment }, 201);
  });

  app.get('/_dtu/slack/agents/:channel', (c) => {
    const tenant = controlTenant(c, twin);
    const cc = codeChannels(tenant).get(c.req.param('channel'));
    if (!cc) return problem(c, 404, 'not_agent_channel');
    return c.json({ code_channel: cc, session: agentSessions(tenant).get(sessionKey(cc.id)) ?? null });
  });
}
