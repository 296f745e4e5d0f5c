// Gmail v1 through googleapis: delivery inside the domain with threading, formats, search, labels, drafts, history, settings, push, and who may open which mailbox.
import { describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { google } from 'googleapis';
import { failure, freshTenant, useTwin, type GoogleCreds } from './helpers.js';

const l = useTwin();

const gmailFor = (token: string) => l.gmail(token);
const b64 = (s: string) => Buffer.from(s).toString('base64url');
const tokenOf = (creds: GoogleCreds, who: string) => creds.userTokens[`${who}@${creds.domain}`];

function rfc(h: Record<string, string>, body: string): string {
  return b64(`${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\n${body}\r\n`);
}

describe('Gmail', () => {
  it('delivers inside the domain: INBOX+UNREAD for the recipient, SENT for the sender, Bcc hidden, replies threaded on both sides', async () => {
    const { creds } = await freshTenant(l);
    const d = creds.domain;
    const alice = gmailFor(tokenOf(creds, 'alice'));
    const bob = gmailFor(tokenOf(creds, 'bob'));
    const judy = gmailFor(tokenOf(creds, 'judy'));
    const sent = await alice.users.messages.send({ userId: 'me', requestBody: { raw: rfc({ To: `Bob <bob@${d}>`, Bcc: `judy@${d}`, Subject: 'Lunch?' }, 'Tacos at noon?') } });
    expect(sent.data.labelIds).toEqual(['SENT']);

    const inbox = await bob.users.messages.list({ userId: 'me', q: 'subject:lunch is:unread' });
    expect(inbox.data.messages).toHaveLength(1);
    const got = await bob.users.messages.get({ userId: 'me', id: inbox.data.messages![0].id! });
    expect(got.data.labelIds).toEqual(expect.arrayContaining(['INBOX', 'UNREAD']));
    expect(got.data.payload?.headers?.find((h) => h.name === 'From')?.value).toBe(`alice@${d}`);
    expect(got.data.payload?.headers?.some((h) => h.name === 'Bcc')).toBe(false);
    expect(Buffer.from(got.data.payload!.body!.data!, 'base64url').toString()).toContain('Tacos at noon?');
    expect(got.data.snippet).toBe('Tacos at noon?');
    const judyCopy = await judy.users.messages.list({ userId: 'me', q: 'from:alice lunch' });
    expect(judyCopy.data.messages).toHaveLength(1);

    const msgId = got.data.payload!.headers!.find((h) => h.name?.toLowerCase() === 'message-id')!.value!;
    await bob.users.messages.send({ userId: 'me', requestBody: { threadId: got.data.threadId!, raw: rfc({ To: `alice@${d}`, Subject: 'Re: Lunch?', 'In-Reply-To': msgId, References: msgId }, 'Sure!') } });
    const thread = await alice.users.threads.get({ userId: 'me', id: sent.data.threadId!, format: 'metadata', metadataHeaders: ['Subject'] });
    expect(thread.data.messages?.map((m) => m.payload?.headers?.[0]?.value)).toEqual(['Lunch?', 'Re: Lunch?']);
    expect(thread.data.messages?.[1].labelIds).toEqual(expect.arrayContaining(['INBOX', 'UNREAD']));

    const minimal = await alice.users.messages.get({ userId: 'me', id: sent.data.id!, format: 'minimal' });
    expect(minimal.data.payload).toBeUndefined();
    const raw = await alice.users.messages.get({ userId: 'me', id: sent.data.id!, format: 'raw' });
    expect(Buffer.from(raw.data.raw!, 'base64url').toString()).toContain('Bcc: judy@');
  });

  it('multipart with an attachment: parts, attachment ids, has:attachment, filename:', async () => {
    const { creds } = await freshTenant(l);
    const d = creds.domain;
    const carol = gmailFor(tokenOf(creds, 'carol'));
    const mime = [
      `To: dave@${d}`, 'Subject: Report', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="XX"', '',
      '--XX', 'Content-Type: text/plain; charset=UTF-8', '', 'See attached.', '--XX',
      'Content-Type: text/csv; name="q3.csv"', 'Content-Disposition: attachment; filename="q3.csv"', 'Content-Transfer-Encoding: base64', '',
      Buffer.from('a,b\n1,2\n').toString('base64'), '--XX--', '',
    ].join('\r\n');
    await carol.users.messages.send({ userId: 'me', requestBody: { raw: b64(mime) } });
    const dave = gmailFor(tokenOf(creds, 'dave'));
    const found = await dave.users.messages.list({ userId: 'me', q: 'has:attachment filename:csv' });
    expect(found.data.messages).toHaveLength(1);
    const m = await dave.users.messages.get({ userId: 'me', id: found.data.messages![0].id! });
    expect(m.data.payload?.mimeType).toBe('multipart/mixed');
    const att = m.data.payload!.parts![1];
    expect(att.filename).toBe('q3.csv');
    const data = await dave.users.messages.attachments.get({ userId: 'me', messageId: m.data.id!, id: att.body!.attachmentId! });
    expect(Buffer.from(data.data.data!, 'base64url').toString()).toBe('a,b\n1,2\n');
    expect((await dave.users.messages.list({ userId: 'me', q: '-has:attachment subject:report' })).data.messages).toBeUndefined();
  });

  it('labels with counts, modify, trash/untrash, delete, and history from a historyId', async () => {
    const { creds } = await freshTenant(l);
    const bob = gmailFor(tokenOf(creds, 'bob'));
    const profile = await bob.users.getProfile({ userId: 'me' });
    const start = profile.data.historyId!;
    const label = await bob.users.labels.create({ userId: 'me', requestBody: { name: 'Projects', labelListVisibility: 'labelShow', messageListVisibility: 'show' } });
    expect(label.data.id).toMatch(/^Label_/);
    expect((await failure(bob.users.labels.create({ userId: 'me', requestBody: { name: 'projects' } }))).status).toBe(409);
    const seeded = await bob.users.messages.list({ userId: 'me', q: 'in:inbox' });
    const id = seeded.data.messages![0].id!;
    await bob.users.messages.modify({ userId: 'me', id, requestBody: { addLabelIds: [label.data.id!], removeLabelIds: ['UNREAD'] } });
    const counted = await bob.users.labels.get({ userId: 'me', id: label.data.id! });
    expect(counted.data.messagesTotal).toBe(1);
    expect((await bob.users.messages.list({ userId: 'me', q: 'label:projects' })).data.messages?.[0].id).toBe(id);
    expect((await failure(bob.users.messages.modify({ userId: 'me', id, requestBody: { addLabelIds: ['Label_nope'] } }))).status).toBe(400);

    const trashed = await bob.users.messages.trash({ userId: 'me', id });
    expect(trashed.data.labelIds).toContain('TRASH');
    expect((await bob.users.messages.list({ userId: 'me', q: 'label:projects' })).data.messages).toBeUndefined();
    expect((await bob.users.messages.list({ userId: 'me', q: 'in:trash' })).data.messages?.[0].id).toBe(id);
    const back = await bob.users.messages.untrash({ userId: 'me', id });
    expect(back.data.labelIds).toContain('INBOX');

    const hist = await bob.users.history.list({ userId: 'me', startHistoryId: start });
    const kinds = hist.data.history!.flatMap((h) => Object.keys(h).filter((k) => k !== 'id' && k !== 'messages'));
    expect(kinds).toEqual(['labelsAdded', 'labelsRemoved', 'labelsAdded', 'labelsRemoved', 'labelsAdded', 'labelsRemoved']);
    await bob.users.messages.delete({ userId: 'me', id });
    const after = await bob.users.history.list({ userId: 'me', startHistoryId: hist.data.historyId!, historyTypes: ['messageDeleted'] });
    expect(after.data.history?.[0].messagesDeleted?.[0].message?.id).toBe(id);
    expect((await failure(bob.users.messages.get({ userId: 'me', id }))).status).toBe(404);
  });

  it('drafts: create, update, list, send delivers and removes the draft', async () => {
    const { creds } = await freshTenant(l);
    const erin = gmailFor(tokenOf(creds, 'erin'));
    const draft = await erin.users.drafts.create({ userId: 'me', requestBody: { message: { raw: rfc({ To: `frank@${creds.domain}`, Subject: 'Draft v1' }, 'one') } } });
    await erin.users.drafts.update({ userId: 'me', id: draft.data.id!, requestBody: { message: { raw: rfc({ To: `frank@${creds.domain}`, Subject: 'Draft v2' }, 'two') } } });
    const got = await erin.users.drafts.get({ userId: 'me', id: draft.data.id!, format: 'metadata' });
    expect(got.data.message?.payload?.headers?.find((h) => h.name === 'Subject')?.value).toBe('Draft v2');
    expect(got.data.message?.labelIds).toEqual(['DRAFT']);
    expect((await erin.users.drafts.list({ userId: 'me' })).data.drafts).toHaveLength(1);
    const sent = await erin.users.drafts.send({ userId: 'me', requestBody: { id: draft.data.id! } });
    expect(sent.data.labelIds).toEqual(['SENT']);
    expect((await erin.users.drafts.list({ userId: 'me' })).data.drafts).toBeUndefined();
    const frank = gmailFor(tokenOf(creds, 'frank'));
    expect((await frank.users.messages.list({ userId: 'me', q: 'subject:"Draft v2"' })).data.messages).toHaveLength(1);
  });

  it('filters label new mail; the vacation responder answers once', async () => {
    const { creds } = await freshTenant(l);
    const d = creds.domain;
    const heidi = gmailFor(tokenOf(creds, 'heidi'));
    const label = await heidi.users.labels.create({ userId: 'me', requestBody: { name: 'Invoices' } });
    await heidi.users.settings.filters.create({ userId: 'me', requestBody: { criteria: { subject: 'invoice' }, action: { addLabelIds: [label.data.id!], removeLabelIds: ['INBOX'] } } });
    await heidi.users.settings.updateVacation({ userId: 'me', requestBody: { enableAutoReply: true, responseSubject: 'Out of office', responseBodyPlainText: 'Back Monday.' } });
    const grace = gmailFor(tokenOf(creds, 'grace'));
    await grace.users.messages.send({ userId: 'me', requestBody: { raw: rfc({ To: `heidi@${d}`, Subject: 'Invoice 42' }, 'Attached.') } });
    await grace.users.messages.send({ userId: 'me', requestBody: { raw: rfc({ To: `heidi@${d}`, Subject: 'Invoice 43' }, 'Another.') } });
    const filed = await heidi.users.messages.list({ userId: 'me', labelIds: [label.data.id!] });
    expect(filed.data.messages).toHaveLength(2);
    expect((await heidi.users.messages.list({ userId: 'me', q: 'in:inbox invoice' })).data.messages).toBeUndefined();
    const replies = await grace.users.messages.list({ userId: 'me', q: 'subject:"Out of office"' });
    expect(replies.data.messages).toHaveLength(1);
    expect((await heidi.users.settings.getVacation({ userId: 'me' })).data.enableAutoReply).toBe(true);
  });

  it('watch publishes {emailAddress, historyId} to the topic’s push endpoint as Pub/Sub does', async () => {
    const { creds, base } = await freshTenant(l);
    const got: any[] = [];
    const server: Server = createServer((req, res) => {
      let s = '';
      req.on('data', (c) => (s += c)).on('end', () => {
        got.push(JSON.parse(s));
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const topic = 'projects/acme/topics/mail';
      await fetch(`${base}/_dtu/google/pubsub/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ topic, pushEndpoint: `http://127.0.0.1:${port}/push` }) });
      const ivan = gmailFor(tokenOf(creds, 'ivan'));
      const w = await ivan.users.watch({ userId: 'me', requestBody: { topicName: topic, labelIds: ['INBOX'] } });
      expect(Number(w.data.expiration)).toBeGreaterThan(Date.now() - 86_400_000);
      expect((await failure(ivan.users.watch({ userId: 'me', requestBody: { topicName: 'mail' } }))).status).toBe(400);
      const judy = gmailFor(tokenOf(creds, 'judy'));
      await judy.users.messages.send({ userId: 'me', requestBody: { raw: rfc({ To: `ivan@${creds.domain}`, Subject: 'ping' }, 'hi') } });
      for (let i = 0; i < 50 && !got.length; i++) await new Promise((r) => setTimeout(r, 20));
      expect(got).toHaveLength(1);
      expect(JSON.parse(Buffer.from(got[0].message.data, 'base64').toString())).toEqual({ emailAddress: `ivan@${creds.domain}`, historyId: expect.any(Number) });
      await ivan.users.stop({ userId: 'me' });
    } finally {
      server.close();
    }
  });

  it('mailbox access: me or yourself only; readonly scope cannot send; delegated service account reaches the subject’s mailbox', async () => {
    const { creds } = await freshTenant(l);
    const alice = gmailFor(tokenOf(creds, 'alice'));
    const other = await failure(alice.users.messages.list({ userId: `bob@${creds.domain}` }));
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ message: `Delegation denied for alice@${creds.domain}`, status: 'PERMISSION_DENIED' });
    const ro = gmailFor(creds.tokens.aliceReadonly);
    expect((await ro.users.messages.list({ userId: 'me' })).data.messages!.length).toBeGreaterThan(0);
    const denied = await failure(ro.users.messages.send({ userId: 'me', requestBody: { raw: rfc({ To: `bob@${creds.domain}`, Subject: 'x' }, 'x') } }));
    expect(denied.status).toBe(403);

    // The JWT-bearer grant keeps `sub`; its hard-coded token URL is sent to the twin (SDK-NOTES §4).
    const sa = new google.auth.JWT({ email: creds.serviceAccount.client_email, key: creds.serviceAccount.private_key, keyId: creds.serviceAccount.private_key_id, scopes: ['https://www.googleapis.com/auth/gmail.readonly'], subject: `carol@${creds.domain}` });
    sa.transporter.interceptors.request.add({
      resolved: async (c) => {
        const u = new URL(String(c.url));
        if (u.origin === 'https://oauth2.googleapis.com') c.url = new URL(`${l.url}${u.pathname}`);
        return c;
      },
    });
    const asCarol = google.gmail({ version: 'v1', auth: sa, rootUrl: `${l.url}/`, retry: false });
    const profile = await asCarol.users.getProfile({ userId: 'me' });
    expect(profile.data.emailAddress).toBe(`carol@${creds.domain}`);
    expect(profile.data.messagesTotal).toBeGreaterThan(0);
  });
});
