// Gmail filters on new mail (every criterion and action kind) and the vacation responder's once-per-four-days rule, through googleapis.
import { describe, expect, it } from 'vitest';
import { freshTenant, startTwin, oauth, useTwin } from './helpers.js';
import { google } from 'googleapis';

const twin = useTwin();
const rfc = (h: Record<string, string>, body: string) =>
  Buffer.from(`${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\n${body}\r\n`).toString('base64url');

describe('Gmail filters on new mail', () => {
  it('from/to/subject/query/negatedQuery/size criteria; label, archive, mark read, star, trash and forward actions', async () => {
    const { creds } = await freshTenant(twin);
    const at = (w: string) => `${w}@${creds.domain}`;
    const [heidi, grace, ivan] = ['heidi', 'grace', 'ivan'].map((w) => twin.gmail(creds.userTokens[at(w)]));
    const f = heidi.users.settings.filters;
    const label = (await heidi.users.labels.create({ userId: 'me', requestBody: { name: 'Big' } })).data.id!;
    await heidi.users.settings.forwardingAddresses.create({ userId: 'me', requestBody: { forwardingEmail: at('ivan') } });
    await f.create({ userId: 'me', requestBody: { criteria: { size: 2000, sizeComparison: 'larger' }, action: { addLabelIds: [label] } } });
    await f.create({ userId: 'me', requestBody: { criteria: { from: at('grace'), subject: 'digest' }, action: { removeLabelIds: ['INBOX', 'UNREAD'] } } });
    await f.create({ userId: 'me', requestBody: { criteria: { query: 'lottery', negatedQuery: 'invoice' }, action: { addLabelIds: ['TRASH'] } } });
    await f.create({ userId: 'me', requestBody: { criteria: { to: at('heidi'), subject: 'urgent' }, action: { addLabelIds: ['STARRED', 'IMPORTANT'], forward: at('ivan') } } });
    const send = (subject: string, body: string) => grace.users.messages.send({ userId: 'me', requestBody: { raw: rfc({ To: at('heidi'), Subject: subject }, body) } });
    await send('Weekly digest', 'short');
    await send('Lottery win', 'claim now');
    await send('Lottery invoice', 'pay the lottery invoice');
    await send('Urgent: server down', 'call me');
    await send('Logs', 'x'.repeat(3000));
    const labelsOf = async (q: string) => {
      const hit = (await heidi.users.messages.list({ userId: 'me', q, includeSpamTrash: true })).data.messages ?? [];
      expect(hit).toHaveLength(1);
      return (await heidi.users.messages.get({ userId: 'me', id: hit[0].id!, format: 'minimal' })).data.labelIds!;
    };
    expect(await labelsOf('subject:digest')).not.toEqual(expect.arrayContaining(['INBOX']));
    expect(await labelsOf('subject:digest')).not.toContain('UNREAD');
    expect(await labelsOf('subject:(lottery win)')).toContain('TRASH');
    expect(await labelsOf('subject:(lottery invoice)')).not.toContain('TRASH');
    expect(await labelsOf('subject:urgent')).toEqual(expect.arrayContaining(['STARRED', 'IMPORTANT', 'INBOX']));
    expect(await labelsOf('subject:logs')).toContain(label);
    expect(await labelsOf('subject:digest')).not.toContain(label);
    const fwd = (await ivan.users.messages.list({ userId: 'me', q: 'subject:urgent' })).data.messages ?? [];
    expect(fwd).toHaveLength(1);
  });
});

describe('Gmail vacation responder', () => {
  it('answers a sender once per four days, again after four days, and again after the settings change (own twin: the clock is shared)', async () => {
    const own = await startTwin();
    try {
      const { creds, base } = await freshTenant(own);
      const at = (w: string) => `${w}@${creds.domain}`;
      const mail = (w: string) => google.gmail({ version: 'v1', auth: oauth(creds.userTokens[at(w)]), rootUrl: `${own.url}/`, retry: false });
      const [heidi, grace] = [mail('heidi'), mail('grace')];
      const clock = (body: unknown) => fetch(`${base}/_dtu/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await clock({ freeze: '2031-05-01T09:00:00Z' });
      await heidi.users.settings.updateVacation({ userId: 'me', requestBody: { enableAutoReply: true, responseSubject: 'Away', responseBodyPlainText: 'Back soon.' } });
      const send = (n: number) => grace.users.messages.send({ userId: 'me', requestBody: { raw: rfc({ To: at('heidi'), Subject: `Question ${n}` }, 'hello') } });
      const replies = async () => (await grace.users.messages.list({ userId: 'me', q: 'subject:away' })).data.messages?.length ?? 0;
      await send(1);
      await send(2);
      expect(await replies()).toBe(1);
      await clock({ advanceMs: 3 * 24 * 3600_000 });
      await send(3);
      expect(await replies()).toBe(1);
      await clock({ advanceMs: 24 * 3600_000 + 1000 });
      await send(4);
      expect(await replies()).toBe(2);
      await heidi.users.settings.updateVacation({ userId: 'me', requestBody: { enableAutoReply: true, responseSubject: 'Away', responseBodyPlainText: 'Back Tuesday.' } });
      await send(5);
      expect(await replies()).toBe(3);
    } finally {
      await own.close();
    }
  });
});
