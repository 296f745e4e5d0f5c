/** Gmail users.drafts: unsent messages labelled DRAFT; sending one delivers it and removes the draft. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E } from '../../errors.js';
import { jsonObject } from '../../request.js';
import { addMessage, deleteMessage, drafts, messages, send, type DraftRec } from '../model/mailbox.js';
import { presentDraft } from '../present/message.js';
import { format, mailboxOf, rawBytes } from './common.js';
import { page } from './messages.js';

function messageOf(body: Record<string, unknown>): { raw: Uint8Array; threadId?: string } {
  const msg = (body.message ?? {}) as Record<string, unknown>;
  const raw = rawBytes(msg.raw);
  if (!raw) throw E.invalidArgument('gmail', 'Missing draft message');
  return { raw, threadId: typeof msg.threadId === 'string' ? msg.threadId : undefined };
}

function load(ctx: OpContext, email: string, id: unknown): DraftRec {
  const d = typeof id === 'string' ? drafts(ctx.tenant, email).get(id) : undefined;
  if (!d) throw E.entityNotFound('gmail');
  return d;
}

function create(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const { raw, threadId } = messageOf(jsonObject(ctx, 'gmail'));
  const m = addMessage(ctx.tenant, email, raw, { labelIds: ['DRAFT'], threadId });
  const d = drafts(ctx.tenant, email).put({ id: `r${ctx.tenant.random.digits(19).replace(/^0/, '1')}`, messageId: m.id });
  return { body: presentDraft(d, m, 'minimal') };
}

function update(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const d = load(ctx, email, ctx.params.id);
  const { raw, threadId } = messageOf(jsonObject(ctx, 'gmail'));
  const old = messages(ctx.tenant, email).get(d.messageId);
  const m = addMessage(ctx.tenant, email, raw, { labelIds: ['DRAFT'], threadId: threadId ?? old?.threadId });
  if (old) deleteMessage(ctx.tenant, email, old);
  d.messageId = m.id;
  drafts(ctx.tenant, email).put(d);
  return { body: presentDraft(d, m, 'minimal') };
}

function sendDraft(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const body = jsonObject(ctx, 'gmail');
  const d = load(ctx, email, body.id);
  const old = messages(ctx.tenant, email).get(d.messageId);
  if (!old) throw E.entityNotFound('gmail');
  const sent = send(ctx.tenant, email, Buffer.from(old.raw, 'base64url'), old.threadId !== old.id ? old.threadId : undefined);
  deleteMessage(ctx.tenant, email, old);
  drafts(ctx.tenant, email).delete(d.id);
  return { body: { id: sent.id, threadId: sent.threadId, labelIds: sent.labelIds } };
}

export const gmailDraftHandlers = {
  'gmail.users.drafts.create': create,
  'gmail.users.drafts.update': update,
  'gmail.users.drafts.send': sendDraft,
  'gmail.users.drafts.get': (ctx) => {
    const email = mailboxOf(ctx);
    const d = load(ctx, email, ctx.params.id);
    return { body: presentDraft(d, messages(ctx.tenant, email).get(d.messageId), format(ctx)) };
  },
  'gmail.users.drafts.list': (ctx) => {
    const email = mailboxOf(ctx);
    const all = drafts(ctx.tenant, email).values().map((d) => ({ d, m: messages(ctx.tenant, email).get(d.messageId) })).sort((a, b) => (b.m?.internalDate ?? 0) - (a.m?.internalDate ?? 0));
    const { items, next } = page(ctx, all, 100);
    return { body: { ...(items.length ? { drafts: items.map(({ d, m }) => ({ id: d.id, message: { id: d.messageId, threadId: m?.threadId } })) } : {}), ...(next ? { nextPageToken: next } : {}), resultSizeEstimate: items.length } };
  },
  'gmail.users.drafts.delete': (ctx) => {
    const email = mailboxOf(ctx);
    const d = load(ctx, email, ctx.params.id);
    const m = messages(ctx.tenant, email).get(d.messageId);
    if (m) deleteMessage(ctx.tenant, email, m);
    drafts(ctx.tenant, email).delete(d.id);
    return { status: 204 };
  },
} satisfies Handlers;
