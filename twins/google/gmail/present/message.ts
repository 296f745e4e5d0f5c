/** Gmail's Message, Thread, Label and Draft resources in the formats callers ask for (minimal, metadata, full, raw). */
import type { Tenant } from '../../../../src/core/tenant.js';
import { plainText, type MimePart } from '../model/mime.js';
import { SYSTEM_LABELS, bytesOf, labels, messages, mimeOf, type DraftRec, type LabelRec, type MessageRec } from '../model/mailbox.js';

export type Format = 'minimal' | 'metadata' | 'full' | 'raw';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Gmail's snippet: the start of the text body, whitespace collapsed, HTML-escaped. */
export function snippet(mime: MimePart): string {
  return escapeHtml(plainText(mime).replace(/\s+/g, ' ').trim().slice(0, 200));
}

/** Attachment ids are opaque to callers; this one names the message and part so the bytes can be found again. */
export const attachmentId = (messageId: string, partId: string) => `ANGjdJ${Buffer.from(`${messageId}:${partId}`).toString('base64url')}`;
export function parseAttachmentId(id: string): { messageId: string; partId: string } | undefined {
  if (!id.startsWith('ANGjdJ')) return undefined;
  const [messageId, partId] = Buffer.from(id.slice(6), 'base64url').toString().split(':');
  return messageId && partId !== undefined ? { messageId, partId } : undefined;
}

export function findPart(p: MimePart, partId: string): MimePart | undefined {
  if (partId === '') return p;
  let cur: MimePart | undefined = p;
  for (const i of partId.split('.')) cur = cur?.parts[Number(i)];
  return cur;
}

function part(messageId: string, p: MimePart, partId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { partId, mimeType: p.mimeType, filename: p.filename, headers: p.headers };
  if (p.parts.length) {
    out.body = { size: 0 };
    out.parts = p.parts.map((c, i) => part(messageId, c, partId === '' ? String(i) : `${partId}.${i}`));
  } else if (p.filename) {
    out.body = { attachmentId: attachmentId(messageId, partId), size: p.body.length };
  } else {
    out.body = p.body.length ? { size: p.body.length, data: Buffer.from(p.body).toString('base64url') } : { size: 0 };
  }
  return out;
}

export function presentMessage(m: MessageRec, format: Format = 'full', metadataHeaders: string[] = []): Record<string, unknown> {
  const mime = mimeOf(m);
  const out: Record<string, unknown> = {
    id: m.id,
    threadId: m.threadId,
    labelIds: m.labelIds,
    snippet: snippet(mime),
    sizeEstimate: bytesOf(m).length,
    historyId: String(m.historyId),
    internalDate: String(m.internalDate),
  };
  if (format === 'raw') out.raw = m.raw;
  if (format === 'metadata') {
    const wanted = metadataHeaders.map((h) => h.toLowerCase());
    out.payload = { mimeType: mime.mimeType, headers: wanted.length ? mime.headers.filter((h) => wanted.includes(h.name.toLowerCase())) : mime.headers };
  }
  if (format === 'full') out.payload = part(m.id, mime, '');
  return out;
}

/** A thread is its messages in date order; its id is the first message's. */
export function threadMessages(t: Tenant, email: string, threadId: string): MessageRec[] {
  return messages(t, email).filter((m) => m.threadId === threadId).sort((a, b) => a.internalDate - b.internalDate || (a.id < b.id ? -1 : 1));
}

export function presentThread(t: Tenant, email: string, threadId: string, format: Format, metadataHeaders: string[]): Record<string, unknown> {
  const ms = threadMessages(t, email, threadId);
  return { id: threadId, historyId: String(Math.max(...ms.map((m) => m.historyId))), messages: ms.map((m) => presentMessage(m, format, metadataHeaders)) };
}

/** A label as listed (no counts) or fetched (with message and thread counts). */
export function presentLabel(t: Tenant, email: string, l: LabelRec | string, withCounts: boolean): Record<string, unknown> {
  const system = typeof l === 'string';
  const id = system ? l : l.id;
  const out: Record<string, unknown> = system
    ? { id, name: id, ...(['SENT', 'INBOX', 'TRASH', 'DRAFT', 'SPAM', 'STARRED', 'UNREAD', 'IMPORTANT'].includes(id) ? {} : { messageListVisibility: 'hide', labelListVisibility: 'labelHide' }), type: 'system' }
    : { id, name: l.name, ...(l.messageListVisibility ? { messageListVisibility: l.messageListVisibility } : {}), ...(l.labelListVisibility ? { labelListVisibility: l.labelListVisibility } : {}), type: 'user', ...(l.color ? { color: l.color } : {}) };
  if (withCounts) {
    const ms = messages(t, email).filter((m) => m.labelIds.includes(id));
    const unread = ms.filter((m) => m.labelIds.includes('UNREAD'));
    Object.assign(out, {
      messagesTotal: ms.length,
      messagesUnread: unread.length,
      threadsTotal: new Set(ms.map((m) => m.threadId)).size,
      threadsUnread: new Set(unread.map((m) => m.threadId)).size,
    });
  }
  return out;
}

export const allLabels = (t: Tenant, email: string): Array<LabelRec | string> => [...SYSTEM_LABELS, ...labels(t, email).values()];

export function presentDraft(d: DraftRec, m: MessageRec | undefined, format: Format = 'full'): Record<string, unknown> {
  return { id: d.id, message: m ? presentMessage(m, format) : { id: d.messageId } };
}
