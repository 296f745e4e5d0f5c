/** Public shapes of stored objects, with the field sets real Slack responses carry (users, conversations, bots, files). */
import type { Tenant } from '../../src/core/tenant.js';
import { apps, files, messages, team, users, type AppDoc, type Conversation, type FileDoc, type MessageDoc, type SlackUser } from './store.js';

/** users.info / users.list user object: stored fields minus twin bookkeeping. */
export function userView(u: SlackUser, opts: { email?: boolean } = { email: true }): Record<string, unknown> {
  const { id, presence: _p, dnd: _d, expiration_ts: _e, profile, ...rest } = u;
  const p: Record<string, unknown> = { ...profile };
  if (opts.email === false) delete p.email;
  return { id, ...rest, profile: p };
}

/** The bot_profile Slack attaches to bot messages. */
export function botProfile(tenant: Tenant, app: AppDoc): Record<string, unknown> {
  return {
    id: app.bot_id,
    deleted: !!app.deleted,
    name: app.name,
    updated: 1700000000,
    app_id: app.id,
    icons: app.icons ?? { image_36: 'https://a.slack-edge.com/80588/img/plugins/app/bot_36.png', image_48: 'https://a.slack-edge.com/80588/img/plugins/app/bot_48.png', image_72: 'https://a.slack-edge.com/80588/img/plugins/app/service_72.png' },
    team_id: team(tenant).id,
  };
}

export interface ConversationViewOptions {
  /** Whose point of view (is_member, last_read). */
  viewer?: string;
  numMembers?: boolean;
  /** conversations.info adds last_read and read-state fields for members. */
  detail?: boolean;
  locale?: boolean;
}

/** A conversation as conversations.info/list return it, for channels, private channels, IMs and MPIMs. */
export function conversationView(tenant: Tenant, c: Conversation, o: ConversationViewOptions = {}): Record<string, unknown> {
  const teamId = team(tenant).id;
  const isMember = o.viewer ? c.members.includes(o.viewer) : false;
  if (c.is_im) {
    const other = users(tenant).get(c.user ?? '');
    const out: Record<string, unknown> = {
      id: c.id, created: c.created, is_archived: c.is_archived, is_im: true, is_org_shared: false, context_team_id: teamId,
      updated: c.updated, user: c.user, is_user_deleted: !!other?.deleted, priority: 0,
    };
    if (o.detail) {
      out.is_open = !(o.viewer && c.closed_by?.includes(o.viewer));
      out.last_read = (o.viewer && c.last_read?.[o.viewer]) || '0000000000.000000';
    }
    return out;
  }
  const out: Record<string, unknown> = {
    id: c.id,
    name: c.name,
    is_channel: c.is_channel,
    is_group: c.is_group,
    is_im: false,
    is_mpim: c.is_mpim,
    is_private: c.is_private,
    created: c.created,
    is_archived: c.is_archived,
    is_general: c.is_general,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: teamId,
    updated: c.updated,
    parent_conversation: null,
    creator: c.creator,
    shared_team_ids: [teamId],
    pending_connected_team_ids: [],
    is_member: isMember,
    topic: c.topic,
    purpose: c.purpose,
    previous_names: c.previous_names,
  };
  if (c.is_mpim) out.is_open = !(o.viewer && c.closed_by?.includes(o.viewer));
  if (o.numMembers) out.num_members = c.members.filter((m) => !users(tenant).get(m)?.deleted).length;
  if (o.detail && isMember) out.last_read = c.last_read?.[o.viewer!] ?? '0000000000.000000';
  if (o.locale) out.locale = 'en-US';
  return out;
}

/** A file object (files.info, message files, files.completeUploadExternal). */
export function fileView(f: FileDoc): Record<string, unknown> {
  const { content_b64: _c, completed: _done, initial_comment: _ic, ...rest } = f;
  return {
    ...rest,
    editable: false,
    mode: f.external ? 'external' : 'hosted',
    is_external: !!f.external,
    external_type: f.external ? 'app' : '',
    is_public: f.channels.length > 0,
    display_as_bot: false,
    username: '',
    has_rich_preview: false,
    file_access: 'visible',
    comments_count: 0,
    ...(f.external ? { external_id: f.external.external_id, external_url: f.external.external_url } : {}),
  };
}

/** A message as history/replies/postMessage return it, with file ids expanded to file objects. */
export function messageOut(tenant: Tenant, m: MessageDoc, channelId?: string): Record<string, unknown> {
  const { id: _id, reply_broadcast: _rb, streaming: _st, files: fileIds, pinned_to, ...rest } = m;
  const out: Record<string, unknown> = { ...rest };
  if (pinned_to?.length) out.pinned_to = pinned_to;
  if (fileIds?.length) {
    out.files = fileIds.map((id) => files(tenant).get(id)).filter((f): f is FileDoc => !!f).map(fileView);
    out.upload = false;
    out.display_as_bot = false;
  }
  if (m.thread_ts && m.thread_ts !== m.ts) {
    delete out.reply_count;
    delete out.reply_users;
    delete out.reply_users_count;
    delete out.latest_reply;
  } else if (m.reply_count) {
    out.is_locked = false;
    out.subscribed = false;
  }
  if (m.subtype === 'thread_broadcast' && m.thread_ts && channelId) {
    const root = messages(tenant, channelId).get(m.thread_ts);
    if (root) out.root = messageOut(tenant, root);
  }
  return out;
}

/** The app that owns a bot id. */
export function appByBotId(tenant: Tenant, botId: string): AppDoc | undefined {
  return apps(tenant).find((a) => a.bot_id === botId);
}
