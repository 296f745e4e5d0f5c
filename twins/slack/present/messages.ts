/** A message as history, replies and chat.postMessage return it, with file ids expanded to file objects. */
import type { Tenant } from '../../../src/core/tenant.js';
import { files, messages, type FileDoc, type MessageDoc } from '../store.js';
import { fileView } from './files.js';

/** Stored fields a message never answers with (`files` and `pinned_to` are answered below, after the rest). */
const UNSHOWN = new Set(['id', 'reply_broadcast', 'streaming', 'files', 'pinned_to']);

/**
 * A message as history/replies/postMessage return it, with file ids expanded to file objects. The fields go
 * into `into` (a fresh object by default) after what it already holds, in the stored order: a loop, where an
 * object rest with excluded keys took a slow runtime copy per message.
 */
export function messageOut(tenant: Tenant, m: MessageDoc, channelId?: string, into: Record<string, unknown> = {}): Record<string, unknown> {
  const out = into;
  for (const k in m) {
    if (UNSHOWN.has(k)) continue;
    // A stored `__proto__` field (JSON.parse makes it an own field) stays a field, as a spread copies it.
    if (k === '__proto__') Object.defineProperty(out, k, { value: m[k], enumerable: true, writable: true, configurable: true });
    else out[k] = m[k];
  }
  const { files: fileIds, pinned_to } = m;
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

