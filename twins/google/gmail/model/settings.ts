/** Gmail settings per mailbox: vacation responder, forwarding, IMAP/POP, language, filters (applied to new mail), send-as, delegates. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { addresses, header } from './mime.js';
import { changeLabels, mimeOf, onDelivery, send, type MessageRec } from './mailbox.js';
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
    }
    autoReply(t, to, m);
  });
}

/** The vacation responder answers each sender once while it is on, never to automatic mail, and only inside the domain when so restricted. */
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
  const answered = t.meta<Record<string, string[]>>('gmail:vacationAnswered', () => ({}));
  const list = (answered[to] ??= []);
  if (list.includes(sender)) return;
  list.push(sender);
  const subject = String(v.responseSubject ?? `Re: ${header(hs, 'Subject') ?? ''}`);
  const id = header(hs, 'Message-ID');
  send(t, to, composeText({ From: to, To: sender, Subject: subject, 'In-Reply-To': id, References: id, 'Auto-Submitted': 'auto-replied' }, String(v.responseBodyPlainText ?? '')));
}
