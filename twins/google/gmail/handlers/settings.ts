/** Gmail users.settings: vacation, auto-forwarding, IMAP, POP, language, filters, forwarding addresses, send-as aliases and delegates. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { findUserByEmail } from '../../store.js';
import { jsonObject } from '../../request.js';
import { DEFAULTS, canForwardTo, delegates, filters, forgetVacationReplies, forwarding, getSetting, putSetting, sendAs, sendVerification } from '../model/settings.js';
import { checkLabels, mailboxOf } from './common.js';
import { smimeInfos } from '../model/smime.js';

const single = (name: string) => ({
  get: (ctx: OpContext): Reply => ({ body: getSetting(ctx.tenant, mailboxOf(ctx), name) }),
  put: (ctx: OpContext): Reply => {
    const email = mailboxOf(ctx);
    const body = jsonObject(ctx, 'gmail');
    const known = Object.keys(DEFAULTS[name]);
    const value = { ...getSetting(ctx.tenant, email, name), ...body };
    if (name === 'autoForwarding' && value.enabled === true) {
      const to = String(value.emailAddress ?? '');
      if (!forwarding(ctx.tenant, email).get(to.toLowerCase())) throw E.invalidArgument('gmail', 'Unverified forwarding address');
    }
    for (const k of Object.keys(value)) if (!known.includes(k) && value[k] === undefined) delete value[k];
    if (name === 'vacation') forgetVacationReplies(ctx.tenant, email);
    return { body: putSetting(ctx.tenant, email, name, value) };
  },
});

const vacation = single('vacation');
const autoForwarding = single('autoForwarding');
const imap = single('imap');
const pop = single('pop');
const language = single('language');

const missing = () => E.entityNotFound('gmail');

function primarySendAs(email: string): Record<string, unknown> {
  return { sendAsEmail: email, displayName: '', replyToAddress: '', isPrimary: true, isDefault: true, treatAsAlias: false, verificationStatus: 'accepted' };
}

function sendAsList(ctx: OpContext, email: string): Record<string, unknown>[] {
  const extra = sendAs(ctx.tenant, email).values().map(({ id: _id, verificationCode: _code, ...rest }) => rest);
  return [primarySendAs(email), ...extra];
}

function sendAsChange(ctx: OpContext, replace: boolean): Reply {
  const email = mailboxOf(ctx);
  const addr = ctx.params.sendAsEmail.toLowerCase();
  const body = jsonObject(ctx, 'gmail');
  if (addr === email) return { body: { ...primarySendAs(email), ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}) } };
  const cur = sendAs(ctx.tenant, email).get(addr);
  if (!cur) throw missing();
  const next = replace ? { id: addr, sendAsEmail: addr, verificationStatus: cur.verificationStatus, ...body } : { ...cur, ...body, id: addr, sendAsEmail: addr };
  sendAs(ctx.tenant, email).put(next);
  const { id: _id, verificationCode: _code, ...out } = next as Record<string, unknown>;
  return { body: out };
}

export const gmailSettingHandlers = {
  'gmail.users.settings.getVacation': vacation.get,
  'gmail.users.settings.updateVacation': vacation.put,
  'gmail.users.settings.getAutoForwarding': autoForwarding.get,
  'gmail.users.settings.updateAutoForwarding': autoForwarding.put,
  'gmail.users.settings.getImap': imap.get,
  'gmail.users.settings.updateImap': imap.put,
  'gmail.users.settings.getPop': pop.get,
  'gmail.users.settings.updatePop': pop.put,
  'gmail.users.settings.getLanguage': language.get,
  'gmail.users.settings.updateLanguage': language.put,

  'gmail.users.settings.filters.list': (ctx) => {
    const all = filters(ctx.tenant, mailboxOf(ctx)).values();
    return { body: all.length ? { filter: all } : {} };
  },
  'gmail.users.settings.filters.get': (ctx) => ({ body: filters(ctx.tenant, mailboxOf(ctx)).get(ctx.params.id) ?? (() => { throw missing(); })() }),
  'gmail.users.settings.filters.create': (ctx) => {
    const email = mailboxOf(ctx);
    const body = jsonObject(ctx, 'gmail');
    const criteria = (body.criteria ?? {}) as Record<string, unknown>;
    const action = (body.action ?? {}) as { addLabelIds?: string[]; removeLabelIds?: string[]; forward?: string };
    if (!Object.keys(criteria).length) throw E.invalidArgument('gmail', 'Filter doesn\'t have any criteria');
    if (!Object.keys(action).length) throw E.invalidArgument('gmail', 'Filter doesn\'t have any actions');
    checkLabels(ctx, email, [...(action.addLabelIds ?? []), ...(action.removeLabelIds ?? [])]);
    // A filter forwards only to a verified forwarding address.
    if (action.forward !== undefined && !canForwardTo(ctx.tenant, email, String(action.forward))) throw E.invalidArgument('gmail', 'Invalid forwarding address');
    if (filters(ctx.tenant, email).values().some((f) => JSON.stringify(f.criteria) === JSON.stringify(criteria) && JSON.stringify(f.action) === JSON.stringify(action))) {
      throw googleError('gmail', { code: 400, message: 'Filter already exists', reason: 'failedPrecondition', status: 'FAILED_PRECONDITION' });
    }
    return { body: filters(ctx.tenant, email).put({ id: `ANe1Bm${ctx.tenant.random.chars(22)}`, criteria, action }) };
  },
  'gmail.users.settings.filters.delete': (ctx) => {
    if (!filters(ctx.tenant, mailboxOf(ctx)).delete(ctx.params.id)) throw missing();
    return { status: 204 };
  },

  'gmail.users.settings.forwardingAddresses.list': (ctx) => {
    const all = forwarding(ctx.tenant, mailboxOf(ctx)).values().map(({ id: _id, ...f }) => f);
    return { body: all.length ? { forwardingAddresses: all } : {} };
  },
  'gmail.users.settings.forwardingAddresses.get': (ctx) => {
    const f = forwarding(ctx.tenant, mailboxOf(ctx)).get(ctx.params.forwardingEmail.toLowerCase());
    if (!f) throw missing();
    const { id: _id, ...out } = f;
    return { body: out };
  },
  'gmail.users.settings.forwardingAddresses.create': (ctx) => {
    const email = mailboxOf(ctx);
    const body = jsonObject(ctx, 'gmail');
    const addr = String(body.forwardingEmail ?? '').toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(addr)) throw E.invalidArgument('gmail', 'Invalid forwarding address');
    // Addresses inside the domain are accepted at once; outside ones wait for the recipient's confirmation.
    const status = findUserByEmail(ctx.tenant, addr) ? 'accepted' : 'pending';
    forwarding(ctx.tenant, email).put({ id: addr, forwardingEmail: addr, verificationStatus: status });
    return { body: { forwardingEmail: addr, verificationStatus: status } };
  },
  'gmail.users.settings.forwardingAddresses.delete': (ctx) => {
    if (!forwarding(ctx.tenant, mailboxOf(ctx)).delete(ctx.params.forwardingEmail.toLowerCase())) throw missing();
    return { status: 204 };
  },

  'gmail.users.settings.sendAs.list': (ctx) => ({ body: { sendAs: sendAsList(ctx, mailboxOf(ctx)) } }),
  'gmail.users.settings.sendAs.get': (ctx) => {
    const email = mailboxOf(ctx);
    const hit = sendAsList(ctx, email).find((s) => s.sendAsEmail === ctx.params.sendAsEmail.toLowerCase());
    if (!hit) throw missing();
    return { body: hit };
  },
  'gmail.users.settings.sendAs.create': (ctx) => {
    const email = mailboxOf(ctx);
    const body = jsonObject(ctx, 'gmail');
    const addr = String(body.sendAsEmail ?? '').toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(addr)) throw E.invalidArgument('gmail', 'Invalid sendAs email');
    if (addr === email || sendAs(ctx.tenant, email).has(addr)) throw googleError('gmail', { code: 409, message: 'Send-as alias already exists', reason: 'duplicate', status: 'ALREADY_EXISTS' });
    const user = findUserByEmail(ctx.tenant, addr);
    // An alias of the user's own account needs no verification; any other address does.
    const own = !!user && user.primaryEmail.toLowerCase() === email;
    const rec = { id: addr, displayName: '', replyToAddress: '', ...body, sendAsEmail: addr, isPrimary: false, treatAsAlias: body.treatAsAlias ?? true, verificationStatus: own ? 'accepted' : 'pending' };
    sendAs(ctx.tenant, email).put(rec);
    const { id: _id, ...out } = rec;
    return { body: out };
  },
  'gmail.users.settings.sendAs.update': (ctx) => sendAsChange(ctx, true),
  'gmail.users.settings.sendAs.patch': (ctx) => sendAsChange(ctx, false),
  'gmail.users.settings.sendAs.delete': (ctx) => {
    const email = mailboxOf(ctx);
    if (ctx.params.sendAsEmail.toLowerCase() === email) throw E.invalidArgument('gmail', 'Cannot delete the primary send-as alias');
    if (!sendAs(ctx.tenant, email).delete(ctx.params.sendAsEmail.toLowerCase())) throw missing();
    // The alias's S/MIME certificates go with it.
    smimeInfos(ctx.tenant, email, ctx.params.sendAsEmail).clear();
    return { status: 204 };
  },
  'gmail.users.settings.sendAs.verify': (ctx) => {
    const email = mailboxOf(ctx);
    const alias = ctx.params.sendAsEmail.toLowerCase();
    const rec = sendAs(ctx.tenant, email).get(alias);
    if (!rec) throw missing();
    // Only a pending alias can be sent a verification (sendAs.verify reference).
    if (rec.verificationStatus !== 'pending') throw E.preconditionFailed('gmail');
    sendVerification(ctx.tenant, email, alias);
    return { status: 204 };
  },

  'gmail.users.settings.delegates.list': (ctx) => {
    const all = delegates(ctx.tenant, mailboxOf(ctx)).values().map(({ id: _id, ...d }) => d);
    return { body: all.length ? { delegates: all } : {} };
  },
  'gmail.users.settings.delegates.get': (ctx) => {
    const d = delegates(ctx.tenant, mailboxOf(ctx)).get(ctx.params.delegateEmail.toLowerCase());
    if (!d) throw missing();
    const { id: _id, ...out } = d;
    return { body: out };
  },
  'gmail.users.settings.delegates.create': (ctx) => {
    const email = mailboxOf(ctx);
    const addr = String(jsonObject(ctx, 'gmail').delegateEmail ?? '').toLowerCase();
    // Delegation works only within the organization.
    if (!findUserByEmail(ctx.tenant, addr) || addr === email) throw E.invalidArgument('gmail', 'Invalid delegate');
    delegates(ctx.tenant, email).put({ id: addr, delegateEmail: addr, verificationStatus: 'accepted' });
    return { body: { delegateEmail: addr, verificationStatus: 'accepted' } };
  },
  'gmail.users.settings.delegates.delete': (ctx) => {
    if (!delegates(ctx.tenant, mailboxOf(ctx)).delete(ctx.params.delegateEmail.toLowerCase())) throw missing();
    return { status: 204 };
  },
} satisfies Handlers;
