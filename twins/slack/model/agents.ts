/** State behind Slack Code and agent sessions: code channels (context bar, commands, views) and session status, and the names code channels take. */
import type { Doc, Tenant, Collection } from '../../../src/core/tenant.js';

export type SessionStatus = 'active' | 'processing' | 'suspended' | 'closed';
export const SESSION_STATUSES: SessionStatus[] = ['active', 'processing', 'suspended', 'closed'];

export interface ContextBarItem {
  key: string;
  label: string;
  icon?: string;
  url?: string;
  item_type?: 'info' | 'action';
}

export interface AgentCommand {
  name: string;
  description?: string;
  argument_hint?: string;
  should_escape?: boolean;
}

export interface AgentView {
  view_id: string;
  view_key?: string;
  type: 'html' | 'diff' | 'block_kit' | 'canvas' | 'pull_request';
  label: string;
  /** The file holding the view's content (html, diff, block_kit), or the canvas itself. */
  file_id?: string;
  canvas_id?: string;
  content_version: number;
  date_added: number;
  date_updated: number;
  /** What the tab renders: content (html, diff), blocks (block_kit), pr_url (pull_request). */
  content?: string;
  blocks?: unknown[];
  pr_url?: string;
  base_branch?: string;
  head_branch?: string;
  access_level?: string;
  agent_content_hash?: string;
  csp?: { connect_domains?: string[]; resource_domains?: string[] };
}

/** A code channel (https://docs.slack.dev/ai/slack-code/): a channel one agent app created and manages. Keyed by channel id. */
export interface CodeChannelDoc extends Doc {
  app_id: string;
  bot_user_id: string;
  session_id?: string;
  origin_channel_id?: string;
  origin_message_ts?: string;
  context_bar_items: ContextBarItem[];
  summary_message?: { message_ts: string; thread_ts?: string };
  agent_resource?: { url?: string; resource_type?: string; title?: string; provider?: string };
  /** Registered slash commands per agent app (setCommands replaces one app's set). */
  commands: Record<string, AgentCommand[]>;
  views: AgentView[];
  date_created: number;
}

/** An agent session: a thread (`channel|thread_ts`) or a whole code channel (`channel|`). */
export interface AgentSessionDoc extends Doc {
  channel_id: string;
  thread_ts?: string;
  app_id: string;
  status: SessionStatus;
  title: string;
  initiator_user_id?: string;
  username?: string;
  icon_emoji?: string;
  icon_url?: string;
  date_created: number;
  date_updated: number;
}

export const codeChannels = (t: Tenant): Collection<CodeChannelDoc> => t.collection<CodeChannelDoc>('agent_code_channels');
export const agentSessions = (t: Tenant): Collection<AgentSessionDoc> => t.collection<AgentSessionDoc>('agent_sessions');
export const sessionKey = (channel: string, threadTs?: string) => `${channel}|${threadTs ?? ''}`;

/** A channel name from a display title: lowercase words joined by hyphens, at most 80 characters, made unique with a numeric suffix. */
export function channelNameFor(taken: (name: string) => boolean, title: string): string {
  const base = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9_-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 72) || 'agent-session';
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}-${i}`)) return `${base}-${i}`;
}
