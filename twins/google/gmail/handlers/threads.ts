/** Gmail users.threads: conversations as the messages sharing a threadId, listed, read, relabelled, trashed and deleted together. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E } from '../../errors.js';
import { jsonObject } from '../../request.js';
import { deleteMessage } from '../model/mailbox.js';
import { presentThread, snippet, threadMessages } from '../present/message.js';
import { mimeOf } from '../model/mailbox.js';
import { format, list, mailboxOf } from './common.js';
import { modifyOne, page, search, trashOne } from './messages.js';

function loadThread(ctx: OpContext, email: string) {
  const ms = threadMessages(ctx.tenant, email, ctx.params.id);
  if (!ms.length) throw /^[0-9a-f]{1,32}$/i.test(ctx.params.id) ? E.entityNotFound('gmail') : E.invalidArgument('gmail', 'Invalid id value');
  return ms;
}

function listThreads(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const seen = new Set<string>();
  const ids = search(ctx, ctx.tenant, email).map((m) => m.threadId).filter((id) => !seen.has(id) && !!seen.add(id));
  const { items, next } = page(ctx, ids, 100);
  const threads = items.map((id) => {
    const ms = threadMessages(ctx.tenant, email, id);
    const last = ms[ms.length - 1];
    return { id, snippet: snippet(mimeOf(last)), historyId: String(Math.max(...ms.map((m) => m.historyId))) };
  });
  return { body: { ...(threads.length ? { threads } : {}), ...(next ? { nextPageToken: next } : {}), resultSizeEstimate: threads.length } };
}

function get(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  loadThread(ctx, email);
  return { body: presentThread(ctx.tenant, email, ctx.params.id, format(ctx), list(ctx.query.metadataHeaders)) };
}

function modify(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const body = jsonObject(ctx, 'gmail');
  for (const m of loadThread(ctx, email)) modifyOne(ctx, email, m, list(body.addLabelIds), list(body.removeLabelIds));
  return { body: presentThread(ctx.tenant, email, ctx.params.id, 'minimal', []) };
}

function trash(ctx: OpContext, on: boolean): Reply {
  const email = mailboxOf(ctx);
  for (const m of loadThread(ctx, email)) trashOne(ctx.tenant, email, m, on);
  return { body: presentThread(ctx.tenant, email, ctx.params.id, 'minimal', []) };
}

function remove(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  for (const m of loadThread(ctx, email)) deleteMessage(ctx.tenant, email, m);
  return { status: 204 };
}

export const gmailThreadHandlers = {
  'gmail.users.threads.list': listThreads,
  'gmail.users.threads.get': get,
  'gmail.users.threads.modify': modify,
  'gmail.users.threads.trash': (ctx) => trash(ctx, true),
  'gmail.users.threads.untrash': (ctx) => trash(ctx, false),
  'gmail.users.threads.delete': remove,
} satisfies Handlers;
