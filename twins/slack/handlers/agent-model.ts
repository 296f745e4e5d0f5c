/** State behind Slack Code and agent sessions: code channels (context bar, commands, views) and session status, with the lookups every agents.* method shares. */
import type { Doc, Tenant, Collection } from '../../../src/core/tenant.js';
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments } from '../errors.js';
import { str, type Args } from '../args.js';
import type { SlackPrincipal } from '../auth.js';
import { getConversation, type Conversation } from '../store.js';
import { canSee } from './util.js';

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

/**
 * The code channel a call names by `key` (channel_id or channel), which the
 * calling app must be the agent of: a channel the bot cannot see is
 * channel_not_found, an ordinary channel not_agent_channel, another agent's
 * channel not_authorized.
 */
export function codeChannelArg(ctx: OpContext, a: Args, who: SlackPrincipal, key = 'channel_id'): { conv: Conversation; cc: CodeChannelDoc } {
  const id = str(a, key);
  if (!id) throw invalidArguments(`missing required field: ${key}`);
  const conv = getConversation(ctx.tenant, id);
  if (!conv || !canSee(conv, who)) throw new SlackError('channel_not_found');
  const cc = codeChannels(ctx.tenant).get(conv.id);
  if (!cc) throw new SlackError('not_agent_channel');
  if (cc.app_id !== who.app_id) throw new SlackError('not_authorized');
  return { conv, cc };
}

/** A JSON object argument (forms carry it as a JSON string); anything else is invalid_arguments. */
export function objectArg<T>(a: Args, key: string): T | undefined {
  let v = a[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      throw invalidArguments(`${key} must be valid JSON`);
    }
  }
  return v as T;
}

/** Checks a string field's length the way Slack's argument schema does, naming the JSON pointer. */
export function bounded(v: unknown, max: number, pointer: string, required = false): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw invalidArguments(`missing required field [json-pointer:${pointer}]`);
    return undefined;
  }
  if (typeof v !== 'string') throw invalidArguments(`must be a string [json-pointer:${pointer}]`);
  if (required && !v.length) throw invalidArguments(`must not be empty [json-pointer:${pointer}]`);
  if (v.length > max) throw invalidArguments(`must be at most ${max} characters [json-pointer:${pointer}]`);
  return v;
}

/** A channel name from a display title: lowercase words joined by hyphens, at most 80 characters, made unique with a numeric suffix. */
export function channelNameFor(taken: (name: string) => boolean, title: string): string {
  const base = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9_-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 72) || 'agent-session';
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}-${i}`)) return `${base}-${i}`;
}
