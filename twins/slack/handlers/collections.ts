/** Typed accessors for the secondary collections (usergroups, emoji, reminders, bookmarks, scheduled messages, views, calls, canvases, admin state). */
import type { Doc, Tenant, Collection } from '../../../src/core/tenant.js';

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

export const usergroups = (t: Tenant): Collection<UsergroupDoc> => t.collection<UsergroupDoc>('usergroups');
export const emojiStore = (t: Tenant): Collection<EmojiDoc> => t.collection<EmojiDoc>('emoji');
export const reminders = (t: Tenant): Collection<ReminderDoc> => t.collection<ReminderDoc>('reminders');
export const bookmarks = (t: Tenant, channel: string): Collection<BookmarkDoc> => t.collection<BookmarkDoc>(`bookmarks:${channel}`);
export const scheduled = (t: Tenant): Collection<ScheduledDoc> => t.collection<ScheduledDoc>('scheduled');
export const views = (t: Tenant): Collection<ViewDoc> => t.collection<ViewDoc>('views');
export const calls = (t: Tenant): Collection<CallDoc> => t.collection<CallDoc>('calls');
export const canvases = (t: Tenant): Collection<CanvasDoc> => t.collection<CanvasDoc>('canvases');
export const admin = (t: Tenant, kind: string): Collection<AdminDoc> => t.collection<AdminDoc>(`admin:${kind}`);
/** Pins of files/other items that are not messages; message pins live on the message (pinned_to). */
export const stars = (t: Tenant, user: string): Collection<AdminDoc> => t.collection<AdminDoc>(`stars:${user}`);
