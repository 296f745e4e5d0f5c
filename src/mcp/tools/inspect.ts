/** Inspection tools: state as a person knows it, read through each vendor's own API with the tenant's credentials. */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Vendor } from '../../vendors.js';
import { explain } from '../explain.js';
import { tool } from '../result.js';
import { ToolError, type ApiCall, type Universe } from '../universe.js';
import { tenantArg } from './universe.js';

type Obj = Record<string, any>;

/** One vendor call that must succeed; a refusal becomes an explained tool error. */
export async function call(u: Universe, vendor: Vendor, tenant: string | undefined, c: ApiCall): Promise<any> {
  const r = await u.api(vendor, tenant, c);
  const slackFailed = vendor === 'slack' && (r.body as Obj | undefined)?.ok === false;
  if (r.status >= 400 || slackFailed) {
    const x = explain(vendor, r.status, r.body);
    throw new ToolError(`${vendor} ${c.method ?? ''} ${c.path} failed: ${x.vendorError} ${x.message}`.replace(/\s+/g, ' ').trim(), x.fix);
  }
  return r.body;
}

/** A Slack channel given as an id or a name (with or without #). */
export async function slackChannel(u: Universe, tenant: string | undefined, ref: string): Promise<string> {
  if (/^[CGD][A-Z0-9]{6,}$/.test(ref)) return ref;
  const name = ref.replace(/^#/, '');
  const r = await call(u, 'slack', tenant, { path: 'conversations.list', body: { types: 'public_channel,private_channel', limit: 1000, exclude_archived: false }, as: 'user' });
  const ch = (r.channels as Obj[]).find((c) => c.name === name);
  if (!ch) throw new ToolError(`no Slack channel named #${name}`, 'inspect_slack what=channels lists them');
  return ch.id;
}

/** A Slack user given as an id, a handle (with or without @) or an email. */
export async function slackUser(u: Universe, tenant: string | undefined, ref: string): Promise<string> {
  if (/^[UW][A-Z0-9]{6,}$/.test(ref)) return ref;
  const handle = ref.replace(/^@/, '').toLowerCase();
  const r = await call(u, 'slack', tenant, { path: 'users.list', body: { limit: 1000 } });
  const m = (r.members as Obj[]).find((x) => x.name?.toLowerCase() === handle || x.profile?.email?.toLowerCase() === handle);
  if (!m) throw new ToolError(`no Slack user ${ref}`, 'inspect_slack what=users lists them');
  return m.id;
}

export function registerInspectTools(server: McpServer, u: Universe): void {
  server.registerTool('inspect_okta', {
    title: 'Inspect an Okta org',
    description: 'Okta users (with status), groups (with members), apps (with status and assignments), or one user in detail (groups, factors).',
    inputSchema: {
      what: z.enum(['users', 'groups', 'apps', 'user']),
      tenant: tenantArg,
      query: z.string().optional().describe('users/groups/apps: Okta q prefix match; user: id or login'),
      search: z.string().optional().describe('users: Okta search expression, e.g. status eq "LOCKED_OUT"'),
    },
  }, tool(async ({ what, tenant, query, search }) => {
    if (what === 'user') {
      if (!query) throw new ToolError('what=user needs query: the user id or login');
      const user = await call(u, 'okta', tenant, { path: `/api/v1/users/${encodeURIComponent(query)}` });
      const groups = await call(u, 'okta', tenant, { path: `/api/v1/users/${user.id}/groups` });
      const factors = await call(u, 'okta', tenant, { path: `/api/v1/users/${user.id}/factors` });
      return { user: { id: user.id, status: user.status, login: user.profile.login, name: `${user.profile.firstName} ${user.profile.lastName}`, created: user.created, activated: user.activated, lastLogin: user.lastLogin, passwordChanged: user.passwordChanged, profile: user.profile }, groups: (groups as Obj[]).map((g) => g.profile.name), factors: (factors as Obj[]).map((f) => ({ id: f.id, type: f.factorType, provider: f.provider, status: f.status })) };
    }
    if (what === 'users') {
      const list = await call(u, 'okta', tenant, { path: '/api/v1/users', query: { limit: 200, q: query, search } });
      return { count: list.length, users: (list as Obj[]).map((x) => ({ id: x.id, status: x.status, login: x.profile.login, name: `${x.profile.firstName} ${x.profile.lastName}`, lastLogin: x.lastLogin })) };
    }
    if (what === 'groups') {
      const list = (await call(u, 'okta', tenant, { path: '/api/v1/groups', query: { limit: 200, q: query } })) as Obj[];
      const groups = [];
      for (const g of list) {
        const members = (await call(u, 'okta', tenant, { path: `/api/v1/groups/${g.id}/users`, query: { limit: 200 } })) as Obj[];
        groups.push({ id: g.id, name: g.profile.name, type: g.type, members: members.map((m) => m.profile.login) });
      }
      return { count: groups.length, groups };
    }
    const apps = (await call(u, 'okta', tenant, { path: '/api/v1/apps', query: { limit: 200, q: query } })) as Obj[];
    const out = [];
    for (const a of apps) {
      const users = (await call(u, 'okta', tenant, { path: `/api/v1/apps/${a.id}/users`, query: { limit: 200 } })) as Obj[];
      out.push({ id: a.id, label: a.label, name: a.name, status: a.status, signOnMode: a.signOnMode, assignedUsers: users.map((x) => x.credentials?.userName ?? x.id) });
    }
    return { count: out.length, apps: out };
  }));

  server.registerTool('inspect_slack', {
    title: 'Inspect a Slack workspace',
    description: 'Slack channels (members, topic, archived), the latest messages of a channel, or one thread.',
    inputSchema: {
      what: z.enum(['channels', 'messages', 'thread', 'users']),
      tenant: tenantArg,
      channel: z.string().optional().describe('messages/thread: channel id or name'),
      ts: z.string().optional().describe('thread: ts of the parent message'),
      limit: z.number().int().min(1).max(200).optional(),
    },
  }, tool(async ({ what, tenant, channel, ts, limit }) => {
    if (what === 'users') {
      const r = await call(u, 'slack', tenant, { path: 'users.list', body: { limit: 1000 } });
      return { users: (r.members as Obj[]).map((m) => ({ id: m.id, name: m.name, realName: m.real_name, deleted: m.deleted, isBot: m.is_bot, isAdmin: m.is_admin })) };
    }
    if (what === 'channels') {
      const r = await call(u, 'slack', tenant, { path: 'conversations.list', body: { types: 'public_channel,private_channel', limit: 1000, exclude_archived: false }, as: 'user' });
      return { channels: (r.channels as Obj[]).map((c) => ({ id: c.id, name: c.name, private: c.is_private, archived: c.is_archived, members: c.num_members, topic: c.topic?.value })) };
    }
    if (!channel) throw new ToolError(`what=${what} needs channel (id or name)`);
    const id = await slackChannel(u, tenant, channel);
    const brief = (m: Obj) => ({ ts: m.ts, user: m.user ?? m.bot_id, text: m.text, threadTs: m.thread_ts, replies: m.reply_count, reactions: (m.reactions as Obj[] | undefined)?.map((r) => `${r.name}×${r.count}`) });
    if (what === 'messages') {
      const r = await call(u, 'slack', tenant, { path: 'conversations.history', body: { channel: id, limit: limit ?? 20 }, as: 'user' });
      return { channel: id, messages: (r.messages as Obj[]).map(brief) };
    }
    if (!ts) throw new ToolError('what=thread needs ts (the parent message ts)');
    const r = await call(u, 'slack', tenant, { path: 'conversations.replies', body: { channel: id, ts, limit: limit ?? 100 }, as: 'user' });
    return { channel: id, thread: (r.messages as Obj[]).map(brief) };
  }));

  server.registerTool('inspect_jira', {
    title: 'Inspect a Jira site',
    description: 'Jira issues found by JQL (key, type, status, assignee), or one issue with its comments and change history.',
    inputSchema: { tenant: tenantArg, jql: z.string().optional().describe('default: ORDER BY updated DESC'), key: z.string().optional().describe('one issue in detail'), limit: z.number().int().min(1).max(100).optional() },
  }, tool(async ({ tenant, jql, key, limit }) => {
    if (key) {
      const i = await call(u, 'jira', tenant, { path: `/rest/api/3/issue/${encodeURIComponent(key)}`, query: { expand: 'changelog' } });
      const f = i.fields ?? {};
      return {
        key: i.key, id: i.id, summary: f.summary, type: f.issuetype?.name, status: f.status?.name, assignee: f.assignee?.displayName ?? null, reporter: f.reporter?.displayName,
        comments: (f.comment?.comments as Obj[] | undefined)?.map((c) => ({ author: c.author?.displayName, created: c.created })) ?? [],
        history: (i.changelog?.histories as Obj[] | undefined)?.map((h) => ({ at: h.created, by: h.author?.displayName, changes: (h.items as Obj[]).map((x) => `${x.field}: ${x.fromString ?? ''} → ${x.toString ?? ''}`) })) ?? [],
      };
    }
    const r = await call(u, 'jira', tenant, { method: 'POST', path: '/rest/api/3/search/jql', body: { jql: jql ?? 'ORDER BY updated DESC', maxResults: limit ?? 20, fields: ['summary', 'status', 'assignee', 'issuetype'] } });
    return { issues: (r.issues as Obj[]).map((i) => ({ key: i.key, type: i.fields.issuetype?.name, status: i.fields.status?.name, assignee: i.fields.assignee?.displayName ?? null, summary: i.fields.summary })), more: !r.isLast };
  }));

  server.registerTool('inspect_google', {
    title: 'Inspect a Google Workspace customer',
    description: 'Drive files with their sharing, a user\'s mailbox (Gmail) or calendar events, as that user sees them.',
    inputSchema: {
      what: z.enum(['files', 'mail', 'calendar']),
      tenant: tenantArg,
      user: z.string().optional().describe('whose view, by email (default: the admin)'),
      q: z.string().optional().describe('files: Drive q; mail: Gmail search; calendar: free text'),
      limit: z.number().int().min(1).max(100).optional(),
    },
  }, tool(async ({ what, tenant, user, q, limit }) => {
    const as = user;
    if (what === 'files') {
      const r = await call(u, 'google', tenant, { path: '/drive/v3/files', as, query: { q, pageSize: limit ?? 50, fields: 'files(id,name,mimeType,owners(emailAddress),permissions(type,role,emailAddress,domain),trashed)' } });
      return { files: (r.files as Obj[]).map((f) => ({ id: f.id, name: f.name, mimeType: f.mimeType, owners: (f.owners as Obj[] | undefined)?.map((o) => o.emailAddress), sharing: (f.permissions as Obj[] | undefined)?.map((p) => `${p.role}:${p.type}${p.emailAddress ? `:${p.emailAddress}` : p.domain ? `:${p.domain}` : ''}`) })) };
    }
    if (what === 'mail') {
      const r = await call(u, 'google', tenant, { path: '/gmail/v1/users/me/messages', as, query: { q, maxResults: limit ?? 20 } });
      const out = [];
      for (const m of (r.messages as Obj[] | undefined) ?? []) {
        const full = await call(u, 'google', tenant, { path: `/gmail/v1/users/me/messages/${m.id}`, as, query: { format: 'metadata' } });
        const h = Object.fromEntries(((full.payload?.headers as Obj[] | undefined) ?? []).map((x) => [String(x.name).toLowerCase(), x.value]));
        out.push({ id: full.id, threadId: full.threadId, labels: full.labelIds, from: h.from, to: h.to, subject: h.subject, snippet: full.snippet });
      }
      return { messages: out };
    }
    const r = await call(u, 'google', tenant, { path: '/calendar/v3/calendars/primary/events', as, query: { q, maxResults: limit ?? 50, singleEvents: true, orderBy: 'startTime' } });
    return { events: ((r.items as Obj[] | undefined) ?? []).map((e) => ({ id: e.id, summary: e.summary, start: e.start?.dateTime ?? e.start?.date, end: e.end?.dateTime ?? e.end?.date, status: e.status, attendees: (e.attendees as Obj[] | undefined)?.map((a) => `${a.email}:${a.responseStatus}`) })) };
  }));
}
