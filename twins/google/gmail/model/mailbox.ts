/** Gmail mailboxes: one per domain user, holding messages, labels, drafts and a history log, with delivery and threading inside the domain. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { findGroupByEmail, findUserByEmail, members } from '../../store.js';
import { addresses, header, parseMime, setHeader, type MimePart } from './mime.js';

export interface MessageRec extends Doc {
  threadId: string;
  labelIds: string[];
  /** The RFC 2822 bytes, base64url, exactly as stored. */
  raw: string;
  internalDate: number;
  historyId: number;
}

export interface LabelRec extends Doc {
  name: string;
  messageListVisibility?: string;
  labelListVisibility?: string;
  color?: { textColor?: string; backgroundColor?: string };
}

export interface DraftRec extends Doc {
  messageId: string;
}

export type HistoryKind = 'messageAdded' | 'messageDeleted' | 'labelAdded' | 'labelRemoved';

export interface HistoryRec extends Doc {
  seq: number;
  kind: HistoryKind;
  messageId: string;
  threadId: string;
  /** Labels added or removed (label changes), or the message's labels when it was added. */
  labelIds: string[];
}

/** Labels every mailbox has; their ids are their names. */
export const SYSTEM_LABELS = [
  'CHAT', 'SENT', 'INBOX', 'IMPORTANT', 'TRASH', 'DRAFT', 'SPAM', 'CATEGORY_FORUMS', 'CATEGORY_UPDATES',
  'CATEGORY_PERSONAL', 'CATEGORY_PROMOTIONS', 'CATEGORY_SOCIAL', 'STARRED', 'UNREAD',
];

/** System labels a client may set or remove on a message (the others follow from what the message is). */
export const SETTABLE_SYSTEM = new Set(['INBOX', 'SPAM', 'TRASH', 'UNREAD', 'STARRED', 'IMPORTANT', 'CATEGORY_PERSONAL', 'CATEGORY_SOCIAL', 'CATEGORY_PROMOTIONS', 'CATEGORY_UPDATES', 'CATEGORY_FORUMS']);

const key = (email: string) => email.toLowerCase();
export const messages = (t: Tenant, email: string) => t.collection<MessageRec>(`gmail/${key(email)}/messages`);
export const labels = (t: Tenant, email: string) => t.collection<LabelRec>(`gmail/${key(email)}/labels`);
export const drafts = (t: Tenant, email: string) => t.collection<DraftRec>(`gmail/${key(email)}/drafts`);
export const history = (t: Tenant, email: string) => t.collection<HistoryRec>(`gmail/${key(email)}/history`);

interface MailboxMeta {
  historyId: number;
  /** History before this id has been pruned; older start ids answer 404. */
  floor: number;
}

export function mailboxMeta(t: Tenant, email: string): MailboxMeta {
  return t.meta<Record<string, MailboxMeta>>('gmail:mailboxes', () => ({}))[key(email)] ??= { historyId: 1000 + t.random.int(0, 8999), floor: 0 };
}

/** Observers of mailbox changes (push notifications); the model announces, delivery subscribes. */
export type MailboxListener = (t: Tenant, email: string, historyId: number, labelIds: string[]) => void;
const listeners: MailboxListener[] = [];
export const onMailboxChange = (fn: MailboxListener) => void listeners.push(fn);

function record(t: Tenant, email: string, kind: HistoryKind, m: MessageRec, labelIds: string[]): number {
  const meta = mailboxMeta(t, email);
  meta.historyId += 1;
  t.markDirty();
  history(t, email).put({ id: String(meta.historyId), seq: meta.historyId, kind, messageId: m.id, threadId: m.threadId, labelIds });
  for (const fn of listeners) fn(t, email, meta.historyId, kind === 'messageAdded' ? m.labelIds : labelIds);
  return meta.historyId;
}

export const newMessageId = (t: Tenant) => t.random.hex(16);
export const bytesOf = (m: MessageRec) => Uint8Array.from(Buffer.from(m.raw, 'base64url'));
export const mimeOf = (m: MessageRec): MimePart => parseMime(bytesOf(m));
export const headerOf = (m: MessageRec, name: string) => header(mimeOf(m).headers, name);

export const normalSubject = (s: string | undefined) => (s ?? '').replace(/^\s*((re|fwd?|aw|tr)\s*:\s*)+/i, '').trim().toLowerCase();

/**
 * Gmail threads a message with an earlier one in the same mailbox when its References or
 * In-Reply-To name that message's Message-ID and the subjects agree (after Re:/Fwd:).
 */
export function threadFor(t: Tenant, email: string, raw: Uint8Array, wanted?: string): string | undefined {
  const hs = parseMime(raw).headers;
  const subject = normalSubject(header(hs, 'Subject'));
  const refs: string[] = `${header(hs, 'References') ?? ''} ${header(hs, 'In-Reply-To') ?? ''}`.match(/<[^<>]+>/g) ?? [];
  const all = messages(t, email).values();
  if (wanted) {
    const inThread = all.filter((m) => m.threadId === wanted);
    if (inThread.length && inThread.some((m) => normalSubject(headerOf(m, 'Subject')) === subject)) return wanted;
  }
  if (!refs.length) return undefined;
  const hit = all.find((m) => refs.includes(headerOf(m, 'Message-ID') ?? headerOf(m, 'Message-Id') ?? '') && normalSubject(headerOf(m, 'Subject')) === subject);
  return hit?.threadId;
}

export interface AddOptions {
  labelIds: string[];
  threadId?: string;
  internalDate?: number;
}

export function addMessage(t: Tenant, email: string, raw: Uint8Array, o: AddOptions): MessageRec {
  const id = newMessageId(t);
  const m: MessageRec = {
    id,
    threadId: threadFor(t, email, raw, o.threadId) ?? id,
    labelIds: [...new Set(o.labelIds)],
    raw: Buffer.from(raw).toString('base64url'),
    internalDate: o.internalDate ?? t.now().getTime(),
    historyId: 0,
  };
  messages(t, email).put(m);
  m.historyId = record(t, email, 'messageAdded', m, m.labelIds);
  messages(t, email).put(m);
  return m;
}

export function changeLabels(t: Tenant, email: string, m: MessageRec, add: string[], remove: string[]): MessageRec {
  const before = new Set(m.labelIds);
  const added = add.filter((l) => !before.has(l));
  const removed = remove.filter((l) => before.has(l) && !add.includes(l));
  if (!added.length && !removed.length) return m;
  m.labelIds = [...m.labelIds.filter((l) => !removed.includes(l)), ...added];
  if (added.length) m.historyId = record(t, email, 'labelAdded', m, added);
  if (removed.length) m.historyId = record(t, email, 'labelRemoved', m, removed);
  messages(t, email).put(m);
  return m;
}

export function deleteMessage(t: Tenant, email: string, m: MessageRec): void {
  messages(t, email).delete(m.id);
  record(t, email, 'messageDeleted', m, []);
  for (const d of drafts(t, email).filter((x) => x.messageId === m.id)) drafts(t, email).delete(d.id);
}

/** A mailbox exists for every active user of the domain. */
export function hasMailbox(t: Tenant, email: string): boolean {
  const u = findUserByEmail(t, email);
  return !!u && !u.suspended && !u.archived;
}

/** Recipients inside the domain, groups expanded to their members (nested groups too). */
export function localRecipients(t: Tenant, addrs: string[]): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (a: string) => {
    if (seen.has(a)) return;
    seen.add(a);
    const user = findUserByEmail(t, a);
    if (user) {
      if (hasMailbox(t, user.primaryEmail)) out.add(user.primaryEmail.toLowerCase());
      return;
    }
    const g = findGroupByEmail(t, a);
    if (g) for (const m of members(t, g.id).values()) visit(m.email.toLowerCase());
  };
  addrs.forEach(visit);
  return [...out];
}

/** Hooks run on each delivered copy (filters, auto-replies); kept in the settings model. */
export type DeliveryHook = (t: Tenant, to: string, m: MessageRec) => void;
const hooks: DeliveryHook[] = [];
export const onDelivery = (fn: DeliveryHook) => void hooks.push(fn);

/**
 * Sends a message from a mailbox: the sender keeps a SENT copy, every recipient inside the
 * domain receives one in INBOX, UNREAD (without the Bcc header), threaded in their own mailbox.
 */
export function send(t: Tenant, from: string, raw: Uint8Array, threadId?: string, at?: number): MessageRec {
  const hs = parseMime(raw).headers;
  let bytes = raw;
  if (!header(hs, 'From')) bytes = setHeader(bytes, 'From', from);
  if (!header(hs, 'Date')) bytes = setHeader(bytes, 'Date', t.now().toUTCString().replace('GMT', '+0000'));
  if (!header(hs, 'Message-ID') && !header(hs, 'Message-Id')) bytes = setHeader(bytes, 'Message-ID', `<${t.random.hex(24)}@mail.gmail.com>`);
  const sent = addMessage(t, from, bytes, { labelIds: ['SENT'], threadId, internalDate: at });
  const recipients = localRecipients(t, [...addresses(header(hs, 'To')), ...addresses(header(hs, 'Cc')), ...addresses(header(hs, 'Bcc'))]);
  const delivered = setHeader(bytes, 'Bcc', undefined);
  for (const to of recipients) {
    if (to === from.toLowerCase()) {
      changeLabels(t, from, sent, ['INBOX', 'UNREAD'], []);
      continue;
    }
    deliver(t, to, delivered, at);
  }
  return sent;
}

/** One copy into a local mailbox's inbox, unread, with the delivery hooks (filters, responder, forwarding) run on it. */
export function deliver(t: Tenant, to: string, raw: Uint8Array, at?: number): MessageRec {
  const copy = addMessage(t, to, raw, { labelIds: ['INBOX', 'UNREAD', 'CATEGORY_PERSONAL'], internalDate: at });
  for (const h of hooks) h(t, to, copy);
  return copy;
}
