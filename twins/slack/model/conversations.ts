/** Conversations: who may see one, and a new channel, private channel, DM or group DM as Slack creates it. */
import type { Tenant } from '../../../src/core/tenant.js';
import type { SlackPrincipal } from '../auth.js';
import { newId, nowSec } from '../store.js';
import type { Conversation } from '../types.js';

/** Whether the caller can see a conversation: public channels for all; private ones and DMs for members only. */
export function canSee(c: Conversation, who: SlackPrincipal): boolean {
  if (!c.is_private && !c.is_im && !c.is_mpim) return true;
  return !!who.user_id && c.members.includes(who.user_id);
}

export function newConversation(tenant: Tenant, fields: Partial<Conversation> & Pick<Conversation, 'creator'>): Conversation {
  const created = nowSec(tenant);
  const isPrivate = !!fields.is_private;
  const prefix = fields.is_im ? 'D' : isPrivate || fields.is_mpim ? 'G' : 'C';
  return {
    id: newId(tenant, prefix), name: '', is_channel: !isPrivate && !fields.is_im && !fields.is_mpim, is_group: isPrivate && !fields.is_mpim,
    is_im: false, is_mpim: false, is_private: isPrivate, is_archived: false, is_general: false, created, updated: created * 1000,
    topic: { value: '', creator: '', last_set: 0 }, purpose: { value: '', creator: '', last_set: 0 }, previous_names: [], members: [], ...fields,
  };
}
