/** Seeded mail: conversations among the domain's users, sent through the same delivery as the API so threads and labels come out as Gmail makes them. */
import type { Tenant } from '../../../../src/core/tenant.js';
import { findUserByEmail } from '../../store.js';
import { changeLabels, labels, messages, type MessageRec } from './mailbox.js';
import { send } from './mailbox.js';
import { composeText } from './mime.js';

export interface SeedMail {
  from: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  body: string;
  daysAgo: number;
  labels?: string[];
  starred?: boolean;
  replies?: Array<{ from: string; body: string; daysAgo: number }>;
}

const DAY = 86_400_000;

function rfcDate(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

function nameOf(t: Tenant, email: string): string {
  const u = findUserByEmail(t, email);
  return u ? `${u.name.givenName} ${u.name.familyName} <${email}>` : email;
}

export function seedMail(t: Tenant, mail: SeedMail[], addr: (e: string) => string): void {
  const base = t.now().getTime();
  for (const [n, x] of mail.entries()) {
    const from = addr(x.from);
    const to = x.to.map(addr);
    const cc = (x.cc ?? []).map(addr);
    const bcc = (x.bcc ?? []).map(addr);
    const at = base - x.daysAgo * DAY - (mail.length - n) * 3_600_000;
    const id = `<seed-${n}-${t.random.hex(8)}@${from.split('@')[1]}>`;
    const first = send(t, from, composeText({ From: nameOf(t, from), To: to.map((e) => nameOf(t, e)).join(', '), Cc: cc.length ? cc.join(', ') : undefined, Bcc: bcc.length ? bcc.join(', ') : undefined, Subject: x.subject, Date: rfcDate(at), 'Message-ID': id }, x.body), undefined, at);
    tag(t, first, x, [from, ...to, ...cc]);
    let refs = id;
    for (const [i, r] of (x.replies ?? []).entries()) {
      const who = addr(r.from);
      const rat = base - r.daysAgo * DAY - (mail.length - n) * 3_600_000 + (i + 1) * 600_000;
      const rid = `<seed-${n}-${i}-${t.random.hex(8)}@${who.split('@')[1]}>`;
      const everyone = [from, ...to, ...cc].filter((e) => e !== who);
      send(t, who, composeText({ From: nameOf(t, who), To: everyone.join(', '), Subject: `Re: ${x.subject}`, Date: rfcDate(rat), 'Message-ID': rid, 'In-Reply-To': refs.split(' ').pop(), References: refs }, r.body), undefined, rat);
      refs = `${refs} ${rid}`;
    }
  }
}

/** Fixture labels (created on first use) and stars apply to every copy of the first message. */
function tag(t: Tenant, first: MessageRec, x: SeedMail, boxes: string[]): void {
  const messageId = Buffer.from(first.raw, 'base64url').toString('latin1').match(/^Message-ID: (.*)$/im)?.[1];
  for (const box of boxes) {
    const copy = messages(t, box).find((m) => Buffer.from(m.raw, 'base64url').toString('latin1').includes(`Message-ID: ${messageId}`));
    if (!copy) continue;
    const add: string[] = x.starred ? ['STARRED'] : [];
    for (const name of x.labels ?? []) {
      const l = labels(t, box).find((y) => y.name === name) ?? labels(t, box).put({ id: `Label_${t.random.digits(19).replace(/^0/, '1')}`, name, messageListVisibility: 'show', labelListVisibility: 'labelShow' });
      add.push(l.id);
    }
    if (add.length) changeLabels(t, box, copy, add, []);
  }
}
