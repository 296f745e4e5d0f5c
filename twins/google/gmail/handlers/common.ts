/** What every Gmail handler needs: whose mailbox `userId` names (and whether the caller may open it), messages and labels by id, formats. */
import type { OpContext } from '../../../../src/core/handler.js';
import { callerOf } from '../../auth.js';
import { E, googleError } from '../../errors.js';
import { serviceAccounts } from '../../store.js';
import { SETTABLE_SYSTEM, SYSTEM_LABELS, hasMailbox, labels, messages, type MessageRec } from '../model/mailbox.js';
import type { Format } from '../present/message.js';

/**
 * `userId` is `me` or the caller's own address: a user token or a delegated service account opens
 * exactly one mailbox, and anyone else's is "Delegation denied". A service account acting as itself has no mailbox.
 */
export function mailboxOf(ctx: OpContext): string {
  const caller = callerOf(ctx);
  if (!caller.email || serviceAccounts(ctx.tenant).has(caller.email)) throw E.preconditionFailed('gmail');
  const uid = ctx.params.userId;
  if (uid !== 'me' && uid.toLowerCase() !== caller.email.toLowerCase()) throw E.delegationDenied(caller.email);
  if (!hasMailbox(ctx.tenant, caller.email)) throw E.mailServiceNotEnabled();
  return caller.email.toLowerCase();
}

export function loadMessage(ctx: OpContext, email: string, id = ctx.params.id): MessageRec {
  const m = messages(ctx.tenant, email).get(id);
  if (!m) throw id && /^[0-9a-f]{1,32}$/i.test(id) ? E.entityNotFound('gmail') : E.invalidArgument('gmail', 'Invalid id value');
  return m;
}

export function format(ctx: OpContext): Format {
  const f = String(ctx.query.format ?? 'full');
  return (['minimal', 'metadata', 'full', 'raw'].includes(f) ? f : 'full') as Format;
}

export const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : String(v).split(',').filter(Boolean));

/** Label ids a request may add or remove: settable system labels and this mailbox's own. */
export function checkLabels(ctx: OpContext, email: string, ids: string[]): void {
  for (const id of ids) {
    if (SETTABLE_SYSTEM.has(id) || labels(ctx.tenant, email).has(id)) continue;
    if (SYSTEM_LABELS.includes(id)) throw E.invalidArgument('gmail', `Invalid label: ${id}`);
    throw googleError('gmail', { code: 400, message: `Invalid label: ${id}`, reason: 'invalidArgument' });
  }
}

export function rawBytes(v: unknown): Uint8Array | undefined {
  if (typeof v !== 'string' || !v) return undefined;
  return Uint8Array.from(Buffer.from(v.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url'));
}
