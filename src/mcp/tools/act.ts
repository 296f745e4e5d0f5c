/** Act as a person: the twins then send the app under test exactly the events the vendor would. */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { tool } from '../result.js';
import { ToolError, type Universe } from '../universe.js';
import { call, slackChannel, slackUser } from './inspect.js';
import { tenantArg } from './universe.js';

type Obj = Record<string, any>;

const SLACK_ACTIONS = ['message', 'reaction', 'join', 'app_home', 'command', 'block_action', 'options', 'view_submission', 'view_closed', 'shortcut'] as const;

export function registerActTools(server: McpServer, u: Universe): void {
  server.registerTool('slack_act', {
    title: 'Act as a Slack user',
    description: 'A person posts, reacts, joins, opens App Home, runs a slash command, clicks a button, picks an option, submits or closes a modal, or runs a shortcut. The app under test receives the matching event over Events API, Socket Mode or RTM; interactive actions wait for the app\'s ack and return its effect. Fields per action — message {user, channel|to, text, thread_ts?}; reaction {user, channel, ts, name, remove?}; join {user, channel}; app_home {user, app_id}; command {user, channel, command, text?}; block_action {user, action_id, channel+message_ts | view_id, value?}; options {user, view_id, action_id, value}; view_submission {view_id, values, user?}; view_closed {view_id, user?}; shortcut {user, callback_id, channel?, message_ts?}. Users by id or handle (e.g. "alice"); channels by id or name.',
    inputSchema: { action: z.enum(SLACK_ACTIONS), tenant: tenantArg, args: z.record(z.string(), z.unknown()).describe('the fields listed for the action') },
  }, tool(async ({ action, tenant, args }) => {
    const body: Obj = { ...args };
    for (const k of ['user', 'to'] as const) if (typeof body[k] === 'string') body[k] = await slackUser(u, tenant, body[k]);
    if (typeof body.channel === 'string' && !/^[CGDUW][A-Z0-9]{6,}$/.test(body.channel)) body.channel = await slackChannel(u, tenant, body.channel);
    return (await u.control('slack', 'POST', `/slack/act/${action}`, { tenant, body })) as Obj;
  }));

  server.registerTool('jira_act', {
    title: 'Act on a Jira issue',
    description: 'A person transitions an issue (by transition or target status name), comments on it, or assigns it. Runs through Jira\'s own REST API, so workflow rules, permissions and webhooks apply.',
    inputSchema: {
      action: z.enum(['transition', 'comment', 'assign']),
      key: z.string().describe('issue key, e.g. ENG-1'),
      tenant: tenantArg,
      to: z.string().optional().describe('transition: transition name or target status name'),
      text: z.string().optional().describe('comment: plain text'),
      assignee: z.string().optional().describe('assign: email, or "none" to unassign'),
      as: z.string().optional().describe('act as this user (email); default: the site admin'),
    },
  }, tool(async ({ action, key, tenant, to, text, assignee, as }) => {
    const path = `/rest/api/3/issue/${encodeURIComponent(key)}`;
    if (action === 'transition') {
      if (!to) throw new ToolError('transition needs "to": a transition or status name');
      const { transitions } = await call(u, 'jira', tenant, { path: `${path}/transitions`, as });
      const t = (transitions as Obj[]).find((x) => x.name.toLowerCase() === to.toLowerCase() || x.to?.name?.toLowerCase() === to.toLowerCase());
      if (!t) throw new ToolError(`no transition to "${to}" from the issue's current status`, `available: ${(transitions as Obj[]).map((x) => `${x.name} → ${x.to?.name}`).join('; ') || 'none'}`);
      await call(u, 'jira', tenant, { method: 'POST', path: `${path}/transitions`, body: { transition: { id: t.id } }, as });
      const after = await call(u, 'jira', tenant, { path, query: { fields: 'status' }, as });
      return { key, transition: t.name, status: after.fields.status.name };
    }
    if (action === 'comment') {
      if (!text) throw new ToolError('comment needs "text"');
      const body = { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } };
      const c = await call(u, 'jira', tenant, { method: 'POST', path: `${path}/comment`, body, as });
      return { key, commentId: c.id, author: c.author?.displayName, created: c.created };
    }
    let accountId: string | null = null;
    if (assignee && assignee !== 'none') {
      const found = (await call(u, 'jira', tenant, { path: '/rest/api/3/user/search', query: { query: assignee }, as })) as Obj[];
      if (!found.length) throw new ToolError(`no Jira user matches ${assignee}`);
      accountId = found[0].accountId;
    }
    await call(u, 'jira', tenant, { method: 'PUT', path: `${path}/assignee`, body: { accountId }, as });
    return { key, assignee: accountId };
  }));

  server.registerTool('google_act', {
    title: 'Act as a Google Workspace user',
    description: 'A person shares a Drive file, sends an email (delivered to recipients in the domain), or answers a calendar invitation. Runs through Google\'s own APIs with that user\'s token.',
    inputSchema: {
      action: z.enum(['share_file', 'send_email', 'respond_invite']),
      as: z.string().describe('the acting user\'s email'),
      tenant: tenantArg,
      fileId: z.string().optional(), email: z.string().optional().describe('share_file: grantee'), role: z.enum(['reader', 'commenter', 'writer', 'fileOrganizer', 'organizer']).optional(),
      to: z.array(z.string()).optional(), subject: z.string().optional(), text: z.string().optional(),
      eventId: z.string().optional(), response: z.enum(['accepted', 'declined', 'tentative']).optional(),
    },
  }, tool(async (a) => {
    if (a.action === 'share_file') {
      if (!a.fileId || !a.email) throw new ToolError('share_file needs fileId and email');
      const p = await call(u, 'google', a.tenant, { method: 'POST', path: `/drive/v3/files/${encodeURIComponent(a.fileId)}/permissions`, as: a.as, body: { type: 'user', role: a.role ?? 'reader', emailAddress: a.email } });
      return { fileId: a.fileId, permission: p };
    }
    if (a.action === 'send_email') {
      if (!a.to?.length) throw new ToolError('send_email needs "to"');
      const mime = [`From: ${a.as}`, `To: ${a.to.join(', ')}`, `Subject: ${a.subject ?? ''}`, 'Content-Type: text/plain; charset="UTF-8"', '', a.text ?? ''].join('\r\n');
      const sent = await call(u, 'google', a.tenant, { method: 'POST', path: '/gmail/v1/users/me/messages/send', as: a.as, body: { raw: Buffer.from(mime).toString('base64url') } });
      return { id: sent.id, threadId: sent.threadId, labels: sent.labelIds };
    }
    if (!a.eventId || !a.response) throw new ToolError('respond_invite needs eventId and response');
    const path = `/calendar/v3/calendars/primary/events/${encodeURIComponent(a.eventId)}`;
    const ev = await call(u, 'google', a.tenant, { path, as: a.as });
    const attendees = ((ev.attendees as Obj[] | undefined) ?? []).map((x) => (String(x.email).toLowerCase() === a.as.toLowerCase() ? { ...x, responseStatus: a.response } : x));
    if (!attendees.some((x) => x.responseStatus === a.response && String(x.email).toLowerCase() === a.as.toLowerCase())) throw new ToolError(`${a.as} is not an attendee of ${a.eventId}`);
    const updated = await call(u, 'google', a.tenant, { method: 'PATCH', path, as: a.as, body: { attendees } });
    return { eventId: updated.id, attendees: (updated.attendees as Obj[]).map((x) => `${x.email}:${x.responseStatus}`) };
  }));

  server.registerTool('okta_act', {
    title: 'Act on an Okta user',
    description: 'Sign a user in with a password (the Authentication API; a success updates lastLogin and yields a sessionToken), lock a user out as failed sign-ins would, or run a lifecycle step (activate, deactivate, suspend, unsuspend, unlock).',
    inputSchema: {
      action: z.enum(['sign_in', 'lock_out', 'activate', 'deactivate', 'suspend', 'unsuspend', 'unlock']),
      user: z.string().describe('user id or login'),
      tenant: tenantArg,
      password: z.string().optional().describe('sign_in: the user\'s password'),
    },
  }, tool(async ({ action, user, tenant, password }) => {
    const found = await call(u, 'okta', tenant, { path: `/api/v1/users/${encodeURIComponent(user)}` });
    if (action === 'lock_out') return { user: found.id, ...((await u.control('okta', 'POST', `/okta/users/${found.id}/lockout`, { tenant })) as Obj) };
    if (action === 'sign_in') {
      if (!password) throw new ToolError('sign_in needs the user\'s password');
      const r = await u.api('okta', tenant, { method: 'POST', path: '/api/v1/authn', body: { username: found.profile.login, password } });
      const b = r.body as Obj;
      if (r.status >= 400) throw new ToolError(`sign-in refused: ${b?.errorCode ?? r.status} ${b?.errorSummary ?? ''}`.trim(), b?.errorCode === 'E0000004' ? 'wrong password, or the user cannot sign in in its current status' : 'check the user\'s status with inspect_okta what=user');
      return { user: found.id, status: b.status, sessionToken: b.sessionToken, expiresAt: b.expiresAt };
    }
    await call(u, 'okta', tenant, { method: 'POST', path: `/api/v1/users/${found.id}/lifecycle/${action}`, query: action === 'activate' ? { sendEmail: false } : undefined });
    const after = await call(u, 'okta', tenant, { path: `/api/v1/users/${found.id}` });
    return { user: found.id, status: after.status };
  }));
}
