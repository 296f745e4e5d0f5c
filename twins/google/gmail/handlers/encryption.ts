/** Gmail users.settings for encrypted mail: S/MIME certificates per send-as alias, and client-side encryption key pairs and identities. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E } from '../../errors.js';
import { decodePageToken, encodePageToken, intParam, jsonObject } from '../../request.js';
import { SmimeRejected, insertSmime, isSendAs, setDefaultSmime, smimeInfos } from '../model/smime.js';
import { CseRefused, createIdentity, createKeyPair, identities, keyPairs, loadKeyPair, obliterate, patchIdentity, setEnabled } from '../model/cse.js';
import { cseIdentity, cseKeyPair, smimeInfo } from '../present/keys.js';
import { mailboxOf } from './common.js';

/** The mailbox and one of its send-as addresses; certificates of an address the mailbox cannot send as do not exist. */
function alias(ctx: OpContext): { email: string; alias: string } {
  const email = mailboxOf(ctx);
  const a = ctx.params.sendAsEmail.toLowerCase();
  if (!isSendAs(ctx.tenant, email, a)) throw E.entityNotFound('gmail');
  return { email, alias: a };
}

function loadSmime(ctx: OpContext) {
  const { email, alias: a } = alias(ctx);
  const s = smimeInfos(ctx.tenant, email, a).get(ctx.params.id);
  if (!s) throw E.entityNotFound('gmail');
  return { email, alias: a, s };
}

/** The model's refusals in Gmail's words. */
function cse<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof CseRefused)) throw e;
    if (e.kind === 'missing') throw E.entityNotFound('gmail');
    if (e.kind === 'exists') throw E.gmailDuplicate(e.message);
    if (e.kind === 'precondition') throw E.gmailPrecondition(e.message);
    throw E.gmailInvalid(e.message);
  }
}

/** CSE lists page with `pageSize` (default 20) and `pageToken`. */
function paged<T>(ctx: OpContext, all: T[], key: string, present: (x: T) => Record<string, unknown>): Reply {
  const size = intParam(ctx, 'gmail', 'pageSize', 20, 1, 1000);
  const offset = decodePageToken(ctx.query.pageToken, { list: key, size }, 'gmail');
  const next = offset + size < all.length ? encodePageToken(offset + size, { list: key, size }) : undefined;
  const items = all.slice(offset, offset + size).map(present);
  return { body: { ...(items.length ? { [key]: items } : {}), ...(next ? { nextPageToken: next } : {}) } };
}

export const gmailEncryptionHandlers = {
  'gmail.users.settings.sendAs.smimeInfo.list': (ctx) => {
    const { email, alias: a } = alias(ctx);
    const all = smimeInfos(ctx.tenant, email, a).values().map(smimeInfo);
    return { body: all.length ? { smimeInfo: all } : {} };
  },
  'gmail.users.settings.sendAs.smimeInfo.get': (ctx) => ({ body: smimeInfo(loadSmime(ctx).s) }),
  'gmail.users.settings.sendAs.smimeInfo.insert': (ctx) => {
    const { email, alias: a } = alias(ctx);
    const body = jsonObject(ctx, 'gmail');
    // Only `pkcs12` (and its password) is read on insert; the key is never stored or returned.
    if (typeof body.pkcs12 !== 'string' || !body.pkcs12) throw E.gmailInvalid();
    try {
      return { body: smimeInfo(insertSmime(ctx.tenant, email, a, body.pkcs12, typeof body.encryptedKeyPassword === 'string' ? body.encryptedKeyPassword : undefined)) };
    } catch (e) {
      // A bundle that does not open, a wrong password, no key, or a certificate for another address: one 400 for all.
      if (e instanceof SmimeRejected) throw E.gmailInvalid();
      throw e;
    }
  },
  'gmail.users.settings.sendAs.smimeInfo.delete': (ctx) => {
    const { email, alias: a, s } = loadSmime(ctx);
    smimeInfos(ctx.tenant, email, a).delete(s.id);
    return { status: 204 };
  },
  'gmail.users.settings.sendAs.smimeInfo.setDefault': (ctx) => {
    const { email, alias: a, s } = loadSmime(ctx);
    setDefaultSmime(ctx.tenant, email, a, s.id);
    return { status: 204 };
  },

  'gmail.users.settings.cse.keypairs.list': (ctx) => paged(ctx, keyPairs(ctx.tenant, mailboxOf(ctx)).values(), 'cseKeyPairs', cseKeyPair),
  'gmail.users.settings.cse.keypairs.get': (ctx) => ({ body: cseKeyPair(cse(() => loadKeyPair(ctx.tenant, mailboxOf(ctx), ctx.params.keyPairId))) }),
  'gmail.users.settings.cse.keypairs.create': (ctx) => {
    const email = mailboxOf(ctx);
    const body = jsonObject(ctx, 'gmail');
    return { body: cseKeyPair(cse(() => createKeyPair(ctx.tenant, email, body.pkcs7, body.privateKeyMetadata))) };
  },
  'gmail.users.settings.cse.keypairs.enable': (ctx) => ({ body: cseKeyPair(cse(() => setEnabled(ctx.tenant, mailboxOf(ctx), ctx.params.keyPairId, true))) }),
  'gmail.users.settings.cse.keypairs.disable': (ctx) => ({ body: cseKeyPair(cse(() => setEnabled(ctx.tenant, mailboxOf(ctx), ctx.params.keyPairId, false))) }),
  'gmail.users.settings.cse.keypairs.obliterate': (ctx) => {
    cse(() => obliterate(ctx.tenant, mailboxOf(ctx), ctx.params.keyPairId));
    return { status: 204 };
  },

  'gmail.users.settings.cse.identities.list': (ctx) => paged(ctx, identities(ctx.tenant, mailboxOf(ctx)).values(), 'cseIdentities', cseIdentity),
  'gmail.users.settings.cse.identities.get': (ctx) => {
    const i = identities(ctx.tenant, mailboxOf(ctx)).get(ctx.params.cseEmailAddress.toLowerCase());
    if (!i) throw E.entityNotFound('gmail');
    return { body: cseIdentity(i) };
  },
  'gmail.users.settings.cse.identities.create': (ctx) => {
    const email = mailboxOf(ctx);
    const body = jsonObject(ctx, 'gmail');
    return { body: cseIdentity(cse(() => createIdentity(ctx.tenant, email, body))) };
  },
  'gmail.users.settings.cse.identities.patch': (ctx) => {
    const email = mailboxOf(ctx);
    const body = jsonObject(ctx, 'gmail');
    return { body: cseIdentity(cse(() => patchIdentity(ctx.tenant, email, ctx.params.emailAddress, body))) };
  },
  'gmail.users.settings.cse.identities.delete': (ctx) => {
    if (!identities(ctx.tenant, mailboxOf(ctx)).delete(ctx.params.cseEmailAddress.toLowerCase())) throw E.entityNotFound('gmail');
    return { status: 204 };
  },
} satisfies Handlers;
