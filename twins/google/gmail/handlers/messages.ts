/** Gmail users.messages: list/search, get in four formats, send, insert, import, label changes, trash, delete, attachments. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { decodePageToken, encodePageToken, intParam, jsonObject } from '../../request.js';
import { parseMime } from '../model/mime.js';
import { addMessage, changeLabels, deleteMessage, labels, messages, mimeOf, send, type MessageRec } from '../model/mailbox.js';
import { SearchSyntaxError, matches, namesLocation, parseQuery } from '../model/search.js';
import { findPart, parseAttachmentId, presentMessage } from '../present/message.js';
import { checkLabels, format, list, loadMessage, mailboxOf, rawBytes } from './common.js';

/** Messages of a mailbox matching `q` and `labelIds`, newest first; SPAM and TRASH only when asked for. */
export function search(ctx: OpContext, t: Tenant, email: string): MessageRec[] {
  const q = typeof ctx.query.q === 'string' ? ctx.query.q : '';
  let node;
  try {
    node = parseQuery(q);
  } catch (e) {
    if (e instanceof SearchSyntaxError) throw E.invalidArgument('gmail', 'Invalid query');
    throw e;
  }
  const wantLabels = list(ctx.query.labelIds);
  const spamTrash = ctx.query.includeSpamTrash === true || namesLocation(node) || wantLabels.some((l) => l === 'SPAM' || l === 'TRASH');
  const userLabels = labels(t, email).values();
  const now = t.now().getTime();
  return messages(t, email)
    .filter((m) => (spamTrash || !m.labelIds.some((l) => l === 'SPAM' || l === 'TRASH')) && wantLabels.every((l) => m.labelIds.includes(l)))
    .filter((m) => !q || matches(node, { m, mime: mimeOf(m), labels: userLabels, now }, email))
    .sort((a, b) => b.internalDate - a.internalDate || (a.id < b.id ? 1 : -1));
}

export function page<T>(ctx: OpContext, all: T[], dflt: number): { items: T[]; next?: string } {
  const size = intParam(ctx, 'gmail', 'maxResults', dflt, 1, 500);
  const query = { q: ctx.query.q, labelIds: ctx.query.labelIds, includeSpamTrash: ctx.query.includeSpamTrash };
  const offset = decodePageToken(ctx.query.pageToken, query, 'gmail');
  const items = all.slice(offset, offset + size);
  return { items, next: offset + size < all.length ? encodePageToken(offset + size, query) : undefined };
}

function listMessages(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const all = search(ctx, ctx.tenant, email);
  const { items, next } = page(ctx, all, 100);
  return {
    body: {
      ...(items.length ? { messages: items.map((m) => ({ id: m.id, threadId: m.threadId })) } : {}),
      ...(next ? { nextPageToken: next } : {}),
      resultSizeEstimate: items.length,
    },
  };
}

function get(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  return { body: presentMessage(loadMessage(ctx, email), format(ctx), list(ctx.query.metadataHeaders)) };
}

function requireRaw(body: Record<string, unknown>): Uint8Array {
  const raw = rawBytes(body.raw);
  if (!raw) throw E.invalidArgument('gmail', "'raw' RFC822 payload message string or uploading message via /upload/* URL required");
  return raw;
}

function sendMessage(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const body = jsonObject(ctx, 'gmail');
  const raw = requireRaw(body);
  const hs = parseMime(raw).headers;
  if (!hs.some((h) => /^(to|cc|bcc)$/i.test(h.name) && h.value.includes('@'))) throw E.invalidArgument('gmail', 'Recipient address required');
  const m = send(ctx.tenant, email, raw, typeof body.threadId === 'string' ? body.threadId : undefined);
  return { body: { id: m.id, threadId: m.threadId, labelIds: m.labelIds } };
}

/** insert and import place a message in this mailbox only, with the labels asked for. */
function place(ctx: OpContext, dflt: string[]): Reply {
  const email = mailboxOf(ctx);
  const body = jsonObject(ctx, 'gmail');
  const raw = requireRaw(body);
  const ids = body.labelIds === undefined ? dflt : list(body.labelIds);
  checkLabels(ctx, email, ids);
  // internalDateSource=dateHeader (import's default) takes the time from the Date header.
  const source = String(ctx.query.internalDateSource ?? (ctx.op.id.endsWith('import') ? 'dateHeader' : 'receivedTime'));
  const dateHeader = parseMime(raw).headers.find((h) => h.name.toLowerCase() === 'date')?.value;
  const fromHeader = dateHeader ? Date.parse(dateHeader) : NaN;
  const m = addMessage(ctx.tenant, email, raw, {
    labelIds: ids,
    threadId: typeof body.threadId === 'string' ? body.threadId : undefined,
    internalDate: source === 'dateHeader' && Number.isFinite(fromHeader) ? fromHeader : undefined,
  });
  return { body: { id: m.id, threadId: m.threadId, labelIds: m.labelIds } };
}

export function modifyOne(ctx: OpContext, email: string, m: MessageRec, add: string[], remove: string[]): MessageRec {
  checkLabels(ctx, email, [...add, ...remove]);
  return changeLabels(ctx.tenant, email, m, add, remove);
}

function modify(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const body = jsonObject(ctx, 'gmail');
  const m = modifyOne(ctx, email, loadMessage(ctx, email), list(body.addLabelIds), list(body.removeLabelIds));
  return { body: { id: m.id, threadId: m.threadId, labelIds: m.labelIds } };
}

function idsOf(body: Record<string, unknown>): string[] {
  const ids = list(body.ids);
  if (ids.length > 1000) throw E.invalidArgument('gmail', 'Too many ids (at most 1000)');
  return ids;
}

function batchModify(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const body = jsonObject(ctx, 'gmail');
  const add = list(body.addLabelIds);
  const remove = list(body.removeLabelIds);
  checkLabels(ctx, email, [...add, ...remove]);
  // Unknown ids are skipped silently, as Gmail's batch methods do.
  for (const id of idsOf(body)) {
    const m = messages(ctx.tenant, email).get(id);
    if (m) changeLabels(ctx.tenant, email, m, add, remove);
  }
  return { status: 204 };
}

function batchDelete(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  for (const id of idsOf(jsonObject(ctx, 'gmail'))) {
    const m = messages(ctx.tenant, email).get(id);
    if (m) deleteMessage(ctx.tenant, email, m);
  }
  return { status: 204 };
}

/** Trash moves a message out of the inbox; untrash brings received mail back to it. */
export function trashOne(t: Tenant, email: string, m: MessageRec, on: boolean): MessageRec {
  if (on) return changeLabels(t, email, m, ['TRASH'], ['INBOX', 'SPAM']);
  return changeLabels(t, email, m, m.labelIds.includes('SENT') || m.labelIds.includes('DRAFT') ? [] : ['INBOX'], ['TRASH']);
}

function trash(ctx: OpContext, on: boolean): Reply {
  const email = mailboxOf(ctx);
  const m = trashOne(ctx.tenant, email, loadMessage(ctx, email), on);
  return { body: presentMessage(m, 'minimal') };
}

function remove(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  deleteMessage(ctx.tenant, email, loadMessage(ctx, email));
  return { status: 204 };
}

function attachment(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const m = loadMessage(ctx, email, ctx.params.messageId);
  const ref = parseAttachmentId(ctx.params.id);
  const p = ref && ref.messageId === m.id ? findPart(mimeOf(m), ref.partId) : undefined;
  if (!p || !p.filename) throw googleError('gmail', { code: 400, message: 'Invalid attachment token', reason: 'invalidArgument' });
  return { body: { size: p.body.length, data: Buffer.from(p.body).toString('base64url') } };
}

export const gmailMessageHandlers = {
  'gmail.users.messages.list': listMessages,
  'gmail.users.messages.get': get,
  'gmail.users.messages.send': sendMessage,
  'gmail.users.messages.insert': (ctx) => place(ctx, []),
  'gmail.users.messages.import': (ctx) => place(ctx, ['INBOX', 'UNREAD']),
  'gmail.users.messages.modify': modify,
  'gmail.users.messages.batchModify': batchModify,
  'gmail.users.messages.batchDelete': batchDelete,
  'gmail.users.messages.trash': (ctx) => trash(ctx, true),
  'gmail.users.messages.untrash': (ctx) => trash(ctx, false),
  'gmail.users.messages.delete': remove,
  'gmail.users.messages.attachments.get': attachment,
} satisfies Handlers;
