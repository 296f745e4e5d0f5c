/** Gmail users.labels: system labels (fixed) and the user's own, with message and thread counts; deleting a label takes it off every message. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { jsonObject } from '../../request.js';
import { SYSTEM_LABELS, changeLabels, labels, messages, type LabelRec } from '../model/mailbox.js';
import { allLabels, presentLabel } from '../present/message.js';
import { mailboxOf } from './common.js';

const conflict = () => googleError('gmail', { code: 409, message: 'Label name exists or conflicts', reason: 'failedPrecondition', status: 'ABORTED' });

function load(ctx: OpContext, email: string): LabelRec | string {
  const id = ctx.params.id;
  if (SYSTEM_LABELS.includes(id)) return id;
  const l = labels(ctx.tenant, email).get(id);
  if (!l) throw E.entityNotFound('gmail');
  return l;
}

function nameTaken(ctx: OpContext, email: string, name: string, except?: string): boolean {
  const n = name.trim().toLowerCase();
  return SYSTEM_LABELS.some((s) => s.toLowerCase() === n) || labels(ctx.tenant, email).values().some((l) => l.id !== except && l.name.toLowerCase() === n);
}

function apply(l: LabelRec, body: Record<string, unknown>, replace: boolean): void {
  for (const k of ['messageListVisibility', 'labelListVisibility', 'color'] as const) {
    if (body[k] !== undefined) (l as Record<string, unknown>)[k] = body[k];
    else if (replace) delete (l as Record<string, unknown>)[k];
  }
}

function create(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const body = jsonObject(ctx, 'gmail');
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name) throw E.invalidArgument('gmail', 'Invalid label name');
  if (nameTaken(ctx, email, name)) throw conflict();
  const l: LabelRec = { id: `Label_${ctx.tenant.random.digits(19).replace(/^0+/, '1')}`, name };
  apply(l, body, false);
  labels(ctx.tenant, email).put(l);
  return { body: presentLabel(ctx.tenant, email, l, false) };
}

function change(ctx: OpContext, replace: boolean): Reply {
  const email = mailboxOf(ctx);
  const l = load(ctx, email);
  if (typeof l === 'string') throw E.invalidArgument('gmail', 'Invalid label: system labels cannot be modified');
  const body = jsonObject(ctx, 'gmail');
  if (typeof body.name === 'string') {
    if (nameTaken(ctx, email, body.name, l.id)) throw conflict();
    l.name = body.name.trim();
  } else if (replace) throw E.invalidArgument('gmail', 'Invalid label name');
  apply(l, body, replace);
  labels(ctx.tenant, email).put(l);
  return { body: presentLabel(ctx.tenant, email, l, false) };
}

function remove(ctx: OpContext): Reply {
  const email = mailboxOf(ctx);
  const l = load(ctx, email);
  if (typeof l === 'string') throw E.invalidArgument('gmail', 'Invalid delete request');
  for (const m of messages(ctx.tenant, email).filter((x) => x.labelIds.includes(l.id))) changeLabels(ctx.tenant, email, m, [], [l.id]);
  labels(ctx.tenant, email).delete(l.id);
  return { status: 204 };
}

export const gmailLabelHandlers = {
  'gmail.users.labels.list': (ctx) => {
    const email = mailboxOf(ctx);
    return { body: { labels: allLabels(ctx.tenant, email).map((l) => presentLabel(ctx.tenant, email, l, false)) } };
  },
  'gmail.users.labels.get': (ctx) => {
    const email = mailboxOf(ctx);
    return { body: presentLabel(ctx.tenant, email, load(ctx, email), true) };
  },
  'gmail.users.labels.create': create,
  'gmail.users.labels.update': (ctx) => change(ctx, true),
  'gmail.users.labels.patch': (ctx) => change(ctx, false),
  'gmail.users.labels.delete': remove,
} satisfies Handlers;
