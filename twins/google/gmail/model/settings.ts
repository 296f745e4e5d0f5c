/** Gmail settings per mailbox: vacation responder, forwarding, IMAP/POP, language, filters (applied to new mail), send-as, delegates. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { addresses, header, setHeader } from './mime.js';
import { bytesOf, changeLabels, deliver, localRecipients, mimeOf, onDelivery, send, type MessageRec } from './mailbox.js';
import { matches, parseQuery } from './search.js';
import { composeText } from './mime.js';

export interface FilterRec extends Doc {
  criteria: Record<string, unknown>;
  action: { addLabelIds?: string[]; removeLabelIds?: string[]; forward?: string };
}

export interface NamedSetting extends Doc {
  value: Record<string, unknown>;
}

const key = (email: string) => email.toLowerCase();
export const filters = (t: Tenant, email: string) => t.collection<FilterRec>(`gmail/${key(email)}/filters`);
export const forwarding = (t: Tenant, email: string) => t.collection<Doc & { forwardingEmail: string; verificationStatus: string }>(`gmail/${key(email)}/forwardingAddresses`);
export const sendAs = (t: Tenant, email: string) => t.collection<Doc & Record<string, unknown>>(`gmail/${key(email)}/sendAs`);
export const delegates = (t: Tenant, email: string) => t.collection<Doc & { delegateEmail: string; verificationStatus: string }>(`gmail/${key(email)}/delegates`);
const singles = (t: Tenant, email: string) => t.collection<NamedSetting>(`gmail/${key(email)}/settings`);

/** Defaults of a new mailbox, as Gmail reports them. */
export const DEFAULTS: Record<string, Record<string, unknown>> = {
  vacation: { enableAutoReply: false, responseBodyPlainText: '', restrictToContacts: false, restrictToDomain: false },
  autoForwarding: { enabled: false },
  imap: { enabled: true, autoExpunge: true, expungeBehavior: 'archive', maxFolderSize: 0 },
  pop: { accessWindow: 'disabled', disposition: 'leaveInInbox' },
  language: { displayLanguage: 'en' },
};

export function getSetting(t: Tenant, email: string, name: string): Record<string, unknown> {
  return singles(t, email).get(name)?.value ?? structuredClone(DEFAULTS[name]);
}

export function putSetting(t: Tenant, email: string, name: string, value: Record<string, unknown>): Record<string, unknown> {
  singles(t, email).put({ id: name, value });
  return value;
}

/** A filter's criteria as one search: from/to/subject/query/hasAttachment, with negatedQuery excluded. */
export function filterMatches(f: FilterRec, m: MessageRec, now: number): boolean {
  const c = f.criteria;
  const parts: string[] = [];
  if (typeof c.from === 'string') parts.push(`from:(${c.from})`);
  if (typeof c.to === 'string') parts.push(`to:(${c.to})`);
  if (typeof c.subject === 'string') parts.push(`subject:(${c.subject})`);
  if (typeof c.query === 'string') parts.push(`(${c.query})`);
  if (c.hasAttachment === true) parts.push('has:attachment');
  // The size of the whole RFC 822 message, compared as sizeComparison says (Filter criteria reference).
  const bytes = Number(c.size);
  if (Number.isInteger(bytes) && bytes >= 0 && (c.sizeComparison === 'larger' || c.sizeComparison === 'smaller')) parts.push(`${c.sizeComparison}:${bytes}`);
  if (typeof c.negatedQuery === 'string') parts.push(`-(${c.negatedQuery})`);
  if (!parts.length) return false;
  return matches(parseQuery(parts.join(' ')), { m, mime: mimeOf(m), labels: [], now }, '');
}

let registered = false;
/** Filters and the vacation responder act on every delivered copy. */
export function startMailRules(): void {
  if (registered) return;
  registered = true;
  onDelivery((t, to, m) => {
    for (const f of filters(t, to).values()) {
      if (!filterMatches(f, m, t.now().getTime())) continue;
      changeLabels(t, to, m, f.action.addLabelIds ?? [], f.action.removeLabelIds ?? []);
      if (f.action.forward) forwardCopy(t, to, f.action.forward, m);
    }
    autoForward(t, to, m);
    autoReply(t, to, m);
  });
}

/** Only a verified (accepted) forwarding address receives mail (Gmail forwarding guide). */
export const canForwardTo = (t: Tenant, email: string, target: string) => forwarding(t, email).get(target.toLowerCase())?.verificationStatus === 'accepted';

/**
 * Forwards the message unchanged but for Gmail's X-Forwarded-To/X-Forwarded-For headers; a message that already
 * passed through this pair is not forwarded again, so two mailboxes forwarding to each other do not loop.
 * Addresses outside the domain are accepted but nothing leaves the twin.
 */
function forwardCopy(t: Tenant, from: string, target: string, m: MessageRec): void {
  if (!canForwardTo(t, from, target)) return;
  const to = target.toLowerCase();
  const hop = `${from} ${to}`;
  const seen = mimeOf(m).headers.filter((h) => h.name.toLowerCase() === 'x-forwarded-for').map((h) => h.value);
  if (seen.some((v) => v.includes(to)) || !localRecipients(t, [to]).length) return;
  let raw = setHeader(bytesOf(m), 'X-Forwarded-To', to);
  raw = setHeader(raw, 'X-Forwarded-For', [...seen, hop].join(', '));
  deliver(t, to, raw);
}

/** Automatic forwarding of every message, then what happens to Gmail's copy: leaveInInbox, archive, trash or markRead. */
function autoForward(t: Tenant, email: string, m: MessageRec): void {
  const s = getSetting(t, email, 'autoForwarding');
  if (s.enabled !== true || typeof s.emailAddress !== 'string') return;
  forwardCopy(t, email, s.emailAddress, m);
  const disposition = String(s.disposition ?? 'leaveInInbox');
  if (disposition === 'archive') changeLabels(t, email, m, [], ['INBOX']);
  else if (disposition === 'trash') changeLabels(t, email, m, ['TRASH'], ['INBOX']);
  else if (disposition === 'markRead') changeLabels(t, email, m, [], ['UNREAD']);
}

/**
 * Gmail answers a sender again only after this long while the responder stays on; editing the vacation settings
 * starts the count afresh (Gmail Help, "Send automatic replies": "at most once every 4 days").
 */
export const VACATION_REPLY_EVERY_MS = 4 * 24 * 3600 * 1000;

/** The vacation responder answers each sender once per four days while it is on, never to automatic mail, and only inside the domain when so restricted. */
function autoReply(t: Tenant, to: string, m: MessageRec): void {
  const v = getSetting(t, to, 'vacation');
  if (v.enableAutoReply !== true) return;
  const now = t.now().getTime();
  if ((v.startTime && now < Number(v.startTime)) || (v.endTime && now > Number(v.endTime))) return;
  const hs = mimeOf(m).headers;
  if (header(hs, 'Auto-Submitted') || header(hs, 'Precedence')) return;
  const sender = addresses(header(hs, 'From'))[0];
  if (!sender || sender === to) return;
  if (v.restrictToDomain === true && sender.split('@')[1] !== to.split('@')[1]) return;
  const answered = t.meta<Record<string, Record<string, number>>>('gmail:vacationReplies', () => ({}));
  const last = (answered[to] ??= {});
  if (last[sender] !== undefined && now - last[sender] < VACATION_REPLY_EVERY_MS) return;
  last[sender] = now;
  t.setMeta('gmail:vacationReplies', answered);
  const subject = String(v.responseSubject ?? `Re: ${header(hs, 'Subject') ?? ''}`);
  const id = header(hs, 'Message-ID');
  send(t, to, composeText({ From: to, To: sender, Subject: subject, 'In-Reply-To': id, References: id, 'Auto-Submitted': 'auto-replied' }, String(v.responseBodyPlainText ?? '')));
}

/**
 * sendAs.verify: Gmail mails a confirmation to the alias address (delivered when it is a mailbox in the domain);
 * the alias stays pending until the code in it is confirmed.
 */
export function sendVerification(t: Tenant, email: string, alias: string): void {
  const code = t.random.digits(9);
  const rec = sendAs(t, email).get(alias);
  if (rec) sendAs(t, email).put({ ...rec, verificationCode: code });
  const to = localRecipients(t, [alias]);
  if (!to.length) return;
  const body = `${email} has requested to add ${alias} to their Gmail account.\n\nConfirmation code: ${code}\n`;
  deliver(t, to[0], composeText({ From: 'Gmail Team <mail-noreply@google.com>', To: alias, Subject: `Gmail Confirmation - Send Mail as ${alias}`, 'Message-ID': `<${t.random.hex(24)}@google.com>`, Date: t.now().toUTCString().replace('GMT', '+0000') }, body));
}

/** The person at the alias address confirms with the code from the mail: the alias becomes usable (accepted). */
export function confirmSendAs(t: Tenant, email: string, alias: string, code: string): boolean {
  const rec = sendAs(t, email).get(alias.toLowerCase());
  if (!rec || rec.verificationStatus !== 'pending' || !rec.verificationCode || rec.verificationCode !== code) return false;
  const { verificationCode: _code, ...rest } = rec;
  sendAs(t, email).put({ ...rest, verificationStatus: 'accepted' } as typeof rec);
  return true;
}

/** A new vacation setting is a new auto-reply: everyone may be answered again. */
export function forgetVacationReplies(t: Tenant, email: string): void {
  const answered = t.meta<Record<string, Record<string, number>>>('gmail:vacationReplies', () => ({}));
  if (!answered[email]) return;
  delete answered[email];
  t.setMeta('gmail:vacationReplies', answered);
}
