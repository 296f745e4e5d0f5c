/** Arguments the agents.* methods share: the code channel a call names, JSON object arguments, bounded strings. */
import type { OpContext } from '../../../src/core/handler.js';
import type { SlackPrincipal } from '../auth.js';
import { invalidArguments, SlackError } from '../errors.js';
import { codeChannels, type CodeChannelDoc } from '../model/agents.js';
import { canSee } from '../model/conversations.js';
import { getConversation } from '../store.js';
import type { Conversation } from '../types.js';
import { str, type Args } from './args.js';

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
