/** Shapes of the Slack workspace's stored documents: users, conversations, messages, apps, tokens, files, triggers, team, and the secondary collections. */
import type { Doc } from '../../src/core/tenant.js';

export interface Profile {
  title: string;
  phone: string;
  skype: string;
  real_name: string;
  real_name_normalized: string;
  display_name: string;
  display_name_normalized: string;
  fields: Record<string, { value: string; alt: string }> | null;
  status_text: string;
  status_emoji: string;
  status_expiration: number;
  avatar_hash: string;
  email?: string;
  first_name: string;
  last_name: string;
  image_24: string;
  image_32: string;
  image_48: string;
  image_72: string;
  image_192: string;
  image_512: string;
  image_1024?: string;
  image_original?: string;
  is_custom_image?: boolean;
  team: string;
  bot_id?: string;
  api_app_id?: string;
  always_active?: boolean;
}

export interface SlackUser extends Doc {
  team_id: string;
  name: string;
  deleted: boolean;
  color: string;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  profile: Profile;
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  is_email_confirmed: boolean;
  updated: number;
  who_can_share_contact_card: string;
  /** Manual presence as set through users.setPresence (`auto` = follow activity). */
  presence?: 'auto' | 'away';
  /** Enterprise-style provisioning state (admin.users.*). */
  expiration_ts?: number;
  /** Do-not-disturb state (dnd.*). */
  dnd?: { snooze_endtime?: number; next_dnd_start_ts?: number; next_dnd_end_ts?: number };
}

export interface TopicOrPurpose {
  value: string;
  creator: string;
  last_set: number;
}

export interface Conversation extends Doc {
  name: string;
  is_channel: boolean;
  is_group: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_private: boolean;
  is_archived: boolean;
  is_general: boolean;
  created: number;
  updated: number;
  creator: string;
  topic: TopicOrPurpose;
  purpose: TopicOrPurpose;
  previous_names: string[];
  members: string[];
  /** For DMs: the other person. */
  user?: string;
  /** Read cursors per member (conversations.mark). */
  last_read?: Record<string, string>;
  /** IMs a member has closed (conversations.close) — reopened by conversations.open. */
  closed_by?: string[];
  /** Admin conversation preferences (admin.conversations.setConversationPrefs). */
  prefs?: Record<string, unknown>;
  /** Custom retention in days (admin.conversations.setCustomRetention). */
  retention_duration?: number;
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface MessageDoc extends Doc {
  type: 'message';
  ts: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  reactions?: Reaction[];
  edited?: { user: string; ts: string };
  subtype?: string;
  team?: string;
  username?: string;
  icons?: Record<string, string>;
  bot_profile?: Record<string, unknown>;
  files?: string[];
  metadata?: unknown;
  client_msg_id?: string;
  pinned_to?: string[];
  /** Replies posted with reply_broadcast also appear in the channel. */
  reply_broadcast?: boolean;
  /** chat.startStream messages accept appends until chat.stopStream. */
  streaming?: boolean;
  [key: string]: unknown;
}

export interface AppDoc extends Doc {
  name: string;
  bot_id: string;
  bot_user_id: string;
  scopes: { bot: string[]; user: string[] };
  signing_secret: string;
  client_id: string;
  client_secret: string;
  verification_token?: string;
  event_subscriptions: { request_url: string | null; bot_events: string[]; user_events?: string[] };
  socket_mode: boolean;
  interactivity?: { request_url: string | null };
  /** The person who installed the app (owner of its user token). */
  installer_user_id?: string;
  icons?: Record<string, string>;
  deleted?: boolean;
}

export type TokenType = 'bot' | 'user' | 'app';

export interface TokenDoc extends Doc {
  token: string;
  type: TokenType;
  user_id: string;
  app_id: string;
  team_id: string;
  scopes: string[];
  revoked?: boolean;
  /** Set for bot tokens. */
  bot_id?: string;
  /** Epoch seconds; token rotation (realtime/OAuth) may set it. */
  expires_at?: number;
  /** An app configuration token (tooling.tokens.rotate): a person's token tied to no app. */
  config?: boolean;
}

export interface FileDoc extends Doc {
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  pretty_type: string;
  user: string;
  size: number;
  created: number;
  timestamp: number;
  /** Base64 of the bytes (kept small in practice). */
  content_b64?: string;
  /** Set once files.completeUploadExternal ran. */
  completed: boolean;
  channels: string[];
  groups: string[];
  ims: string[];
  shares?: Record<string, Record<string, Array<{ ts: string; channel_name?: string; team_id: string }>>>;
  public_url_shared: boolean;
  external?: { external_id: string; external_url: string };
  alt_txt?: string;
  initial_comment?: string;
  title_blocks?: unknown[];
}

export interface TriggerDoc extends Doc {
  user: string;
  /** Epoch seconds: Slack's triggers expire after three seconds. */
  expires: number;
  app_id?: string;
}

export interface TeamInfo {
  id: string;
  name: string;
  domain: string;
  email_domain: string;
  enterprise_id?: string;
  enterprise_name?: string;
  icon: Record<string, unknown>;
  url?: string;
  description?: string;
  discoverability?: string;
  /**
   * How long members may edit their messages, in minutes; -1 is "any time", Slack's default, and 0 is "never"
   * (slack.com/help/articles/115004868646, "Manage permissions for message editing and deletion"; the value
   * team.preferences.list reports as msg_edit_window_mins).
   */
  msg_edit_window_mins?: number;
}

export interface UsergroupDoc extends Doc {
  team_id: string;
  is_usergroup: boolean;
  is_subteam: boolean;
  name: string;
  description: string;
  handle: string;
  is_external: boolean;
  date_create: number;
  date_update: number;
  date_delete: number;
  auto_type: string | null;
  auto_provision: boolean;
  enterprise_subteam_id: string;
  created_by: string;
  updated_by: string;
  deleted_by: string | null;
  prefs: { channels: string[]; groups: string[] };
  users: string[];
  user_count: number;
  channel_count: number;
}

export interface EmojiDoc extends Doc {
  name: string;
  /** An image URL, or `alias:<name>`. */
  url: string;
  user_id: string;
  date_created: number;
}

export interface ReminderDoc extends Doc {
  creator: string;
  user: string;
  text: string;
  recurring: boolean;
  /** When it next goes off (epoch seconds). */
  time: number;
  complete_ts: number;
  channel?: string;
  /** How a recurring reminder repeats: a frequency, and for weekly ones the days (0 = Sunday). */
  recurrence?: { frequency: 'daily' | 'weekdays' | 'weekly' | 'monthly' | 'yearly'; weekdays?: number[] };
  /** When a one-time reminder went off (Slackbot posted it); it stays incomplete until marked complete. */
  fired_ts?: number;
}

export interface BookmarkDoc extends Doc {
  channel_id: string;
  title: string;
  link: string;
  emoji: string | null;
  icon_url: string | null;
  type: string;
  entity_id: string | null;
  date_created: number;
  date_updated: number;
  rank: string;
  last_updated_by_user_id: string;
  last_updated_by_team_id: string;
  shortcut_id: string | null;
  app_id: string | null;
}

export interface ScheduledDoc extends Doc {
  channel_id: string;
  post_at: number;
  date_created: number;
  text: string;
  /** The NewMessage to post when due, with the poster's identity. */
  message: Record<string, unknown>;
  app_id?: string;
}

export interface ViewDoc extends Doc {
  team_id: string;
  type: 'modal' | 'home';
  /** The user the view is shown to. */
  user_id: string;
  app_id: string;
  bot_id: string;
  view: Record<string, unknown>;
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  external_id?: string;
  /** Stack position for modals (views.push). */
  stack?: string[];
}

export interface CallDoc extends Doc {
  date_start: number;
  external_unique_id: string;
  join_url: string;
  desktop_app_join_url?: string;
  external_display_id?: string;
  title?: string;
  users: Array<Record<string, string>>;
  date_end?: number;
  duration?: number;
  created_by: string;
}

export interface CanvasDoc extends Doc {
  title: string;
  /** Markdown sections, each with an id (canvases.sections.lookup / canvases.edit). */
  sections: Array<{ id: string; markdown: string }>;
  owner: string;
  channel_id?: string;
  access: Record<string, 'read' | 'write' | 'owner'>;
  created: number;
  updated: number;
  /** Comment threads people left on sections (agents.conversations.getCanvas reads them). */
  comments?: CanvasComment[];
}

/** A comment thread anchored to one section of a canvas; it follows the section id, so rewriting the section orphans it. */
export interface CanvasComment {
  id: string;
  section_id: string;
  quoted_text: string;
  user_id: string;
  text: string;
  ts: string;
  is_resolved: boolean;
  replies: Array<{ user_id: string; text: string; ts: string }>;
}

/** Generic admin-side records (invite requests, barriers, roles, app approvals, session info). */
export interface AdminDoc extends Doc {
  [key: string]: unknown;
}
