/** A message as history, replies and chat.postMessage return it, with file ids expanded to file objects. */
import type { Tenant } from '../../../src/core/tenant.js';
import { files, messages, type FileDoc, type MessageDoc } from '../store.js';
import { fileView } from './files.js';

/** A message as history/replies/postMessage return it, with file ids expanded to file objects. */
export function messageOut(tenant: Tenant, m: MessageDoc, channelId?: string): Record<string, unknown> {
  // The rest is already a fresh object: it is the answer, not copied again.
  const { id: _id, reply_broadcast: _rb, streaming: _st, files: fileIds, pinned_to, ...out } = m as MessageDoc & Record<string, unknown>;
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

