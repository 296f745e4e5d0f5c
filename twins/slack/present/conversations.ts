/** A conversation as conversations.info/list return it, for channels, private channels, IMs and MPIMs. */
import type { Tenant } from '../../../src/core/tenant.js';
import { team, users } from '../store.js';
import type { Conversation } from '../types.js';

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
