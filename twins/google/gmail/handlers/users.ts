/** Gmail users.getProfile, users.history.list (changes since a historyId) and users.watch/stop (Pub/Sub notifications). */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { intParam, jsonObject } from '../../request.js';
import { history, mailboxMeta, messages } from '../model/mailbox.js';
import { stopWatch, watchMailbox } from '../model/watch.js';
import { list, mailboxOf } from './common.js';


function historyList(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const t = ctx.tenant;
  const start = Number(ctx.query.startHistoryId);
  if (!Number.isFinite(start) || start <= 0) throw E.invalidArgument('gmail', 'Invalid startHistoryId');
  const meta = mailboxMeta(t, email);
  // A start before what the mailbox still remembers is 404: the client must do a full sync.
  if (start < meta.floor) throw E.entityNotFound('gmail');
  const types = list(ctx.query.historyTypes);
  const labelId = typeof ctx.query.labelId === 'string' ? ctx.query.labelId : undefined;
  const size = intParam(ctx, 'gmail', 'maxResults', 100, 1, 500);
  const from = typeof ctx.query.pageToken === 'string' && /^\d+$/.test(ctx.query.pageToken) ? Number(ctx.query.pageToken) : start;
  const recs = history(t, email)
    .filter((h) => h.seq > from && (!types.length || types.includes(h.kind)))
    .filter((h) => !labelId || h.labelIds.includes(labelId) || messages(t, email).get(h.messageId)?.labelIds.includes(labelId))
    .sort((a, b) => a.seq - b.seq);
  const items = recs.slice(0, size);
  const out = items.map((h) => {
    const m = messages(t, email).get(h.messageId);
    const ref = { id: h.messageId, threadId: h.threadId, ...(m ? { labelIds: m.labelIds } : {}) };
    const entry: Record<string, unknown> = { id: String(h.seq), messages: [{ id: h.messageId, threadId: h.threadId }] };
    // historyTypes name kinds in the singular; the History resource lists them in the plural.
    const field = { messageAdded: 'messagesAdded', messageDeleted: 'messagesDeleted', labelAdded: 'labelsAdded', labelRemoved: 'labelsRemoved' }[h.kind];
    entry[field] = h.kind === 'messageAdded' || h.kind === 'messageDeleted' ? [{ message: ref }] : [{ message: ref, labelIds: h.labelIds }];
    return entry;
  });
  const more = recs.length > size;
  return {
    body: {
      ...(out.length ? { history: out } : {}),
      ...(more ? { nextPageToken: String(items[items.length - 1].seq) } : {}),
      historyId: String(meta.historyId),
    },
  };
}

export const gmailUserHandlers = {
  'gmail.users.getProfile': (ctx) => {
    const email = mailboxOf(ctx);
    const ms = messages(ctx.tenant, email).values();
    return { body: { emailAddress: email, messagesTotal: ms.length, threadsTotal: new Set(ms.map((m) => m.threadId)).size, historyId: String(mailboxMeta(ctx.tenant, email).historyId) } };
  },
  'gmail.users.history.list': historyList,
  'gmail.users.watch': (ctx) => {
    const email = mailboxOf(ctx);
    const body = jsonObject(ctx, 'gmail');
    if (typeof body.topicName !== 'string' || !/^projects\/[^/]+\/topics\/[^/]+$/.test(body.topicName)) {
      throw googleError('gmail', { code: 400, message: 'Invalid topicName does not match projects/SOME-PROJECT/topics/SOME-TOPIC', reason: 'invalidArgument' });
    }
    const w = watchMailbox(ctx.tenant, email, body.topicName, list(body.labelIds), body.labelFilterBehavior === 'exclude' || body.labelFilterAction === 'exclude');
    return { body: { historyId: String(mailboxMeta(ctx.tenant, email).historyId), expiration: String(w.expiration) } };
  },
  'gmail.users.stop': (ctx) => {
    stopWatch(ctx.tenant, mailboxOf(ctx));
    return { status: 204 };
  },
} satisfies Handlers;

