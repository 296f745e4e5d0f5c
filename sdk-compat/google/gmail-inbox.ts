// googleapis compat: an assistant working a shared inbox with Gmail v1 — send and reply inside the domain, search, labels, drafts, history, settings, watch.
import { google } from 'googleapis';
import type { CompatContext, Scenario } from '../types.js';
import { SDK, email, gerr, userToken, sink } from './common.js';

const gmailFor = (ctx: CompatContext, token: string) => {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: token });
  return google.gmail({ version: 'v1', auth, rootUrl: `${ctx.origin}/`, retry: false });
};
const raw = (h: Record<string, string>, body: string) =>
  Buffer.from(`${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\n${body}\r\n`).toString('base64url');
const hdr = (m: any, name: string) => m?.payload?.headers?.find((h: any) => h.name.toLowerCase() === name.toLowerCase())?.value;

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Gmail: inbox — send/reply threading, search, labels, drafts, history, filters, vacation, send-as, watch',
  async run(ctx, t) {
    const alice = t.track(gmailFor(ctx, userToken(ctx, 'alice')), 'gmail');
    const bob = t.track(gmailFor(ctx, userToken(ctx, 'bob')), 'gmail');

    const profile = await bob.users.getProfile({ userId: 'me' });
    t.check(profile.data.emailAddress === email(ctx, 'bob') && (profile.data.messagesTotal ?? 0) > 0, 'Bob has a seeded mailbox', profile.data);
    const since = profile.data.historyId!;

    const sent = await alice.users.messages.send({ userId: 'me', requestBody: { raw: raw({ To: email(ctx, 'bob'), Subject: 'Budget question' }, 'Is the Q3 budget final?') } });
    t.check(sent.data.labelIds?.includes('SENT'), 'the sender keeps a SENT copy', sent.data);
    const found = await bob.users.messages.list({ userId: 'me', q: 'from:alice subject:budget is:unread' });
    t.check(found.data.messages?.length === 1, 'delivered to Bob, found by search', found.data);
    const got = await bob.users.messages.get({ userId: 'me', id: found.data.messages![0].id!, format: 'full' });
    t.check(got.data.labelIds?.includes('INBOX') && got.data.snippet === 'Is the Q3 budget final?', 'INBOX, UNREAD and a snippet', got.data);
    const meta = await bob.users.messages.get({ userId: 'me', id: got.data.id!, format: 'metadata', metadataHeaders: ['Subject'] });
    t.check(meta.data.payload?.headers?.length === 1 && hdr(meta.data, 'Subject') === 'Budget question', 'metadata format keeps only the asked headers', meta.data.payload);
    const rawForm = await bob.users.messages.get({ userId: 'me', id: got.data.id!, format: 'raw' });
    t.check(Buffer.from(rawForm.data.raw!, 'base64url').toString().includes('Is the Q3 budget final?'), 'raw format is the RFC 2822 text', rawForm.data.id);

    const mid = hdr(got.data, 'Message-ID');
    await bob.users.messages.send({ userId: 'me', requestBody: { threadId: got.data.threadId!, raw: raw({ To: email(ctx, 'alice'), Subject: 'Re: Budget question', 'In-Reply-To': mid, References: mid }, 'Yes, final.') } });
    const thread = await alice.users.threads.get({ userId: 'me', id: sent.data.threadId!, format: 'minimal' });
    t.checkEffect(thread.data.messages?.length === 2, 'the reply joins Alice\'s thread', thread.data);
    const threads = await alice.users.threads.list({ userId: 'me', q: 'budget' });
    t.check(threads.data.threads?.length === 1 && threads.data.threads[0].id === sent.data.threadId, 'one conversation listed', threads.data);

    const label = await bob.users.labels.create({ userId: 'me', requestBody: { name: 'Finance', labelListVisibility: 'labelShow', messageListVisibility: 'show' } });
    t.check(label.data.id?.startsWith('Label_') && label.data.type === 'user', 'a user label', label.data);
    await t.expectError(() => bob.users.labels.create({ userId: 'me', requestBody: { name: 'finance' } }), gerr(409), 'label names are unique, case-insensitively');
    await bob.users.messages.modify({ userId: 'me', id: got.data.id!, requestBody: { addLabelIds: [label.data.id!], removeLabelIds: ['UNREAD'] } });
    const counted = await bob.users.labels.get({ userId: 'me', id: label.data.id! });
    t.checkEffect(counted.data.messagesTotal === 1 && counted.data.messagesUnread === 0, 'label counts follow modify', counted.data);
    const patched = await bob.users.labels.patch({ userId: 'me', id: label.data.id!, requestBody: { name: 'Finance/2025' } });
    const updated = await bob.users.labels.update({ userId: 'me', id: label.data.id!, requestBody: { name: 'Finance 2025' } });
    const labels = await bob.users.labels.list({ userId: 'me' });
    t.checkEffect(patched.data.name === 'Finance/2025' && updated.data.name === 'Finance 2025' && labels.data.labels?.some((l) => l.name === 'Finance 2025') && labels.data.labels?.some((l) => l.id === 'INBOX'), 'renamed; system and user labels listed', labels.data);
    await bob.users.threads.modify({ userId: 'me', id: got.data.threadId!, requestBody: { addLabelIds: ['STARRED'] } });
    const starred = await bob.users.messages.list({ userId: 'me', q: 'is:starred' });
    t.checkEffect(starred.data.messages?.some((m) => m.id === got.data.id), 'threads.modify stars the conversation', starred.data);

    await bob.users.messages.trash({ userId: 'me', id: got.data.id! });
    const inTrash = await bob.users.messages.list({ userId: 'me', q: 'in:trash' });
    t.checkEffect(inTrash.data.messages?.some((m) => m.id === got.data.id), 'trashed', inTrash.data);
    await bob.users.messages.untrash({ userId: 'me', id: got.data.id! });
    const back = await bob.users.messages.get({ userId: 'me', id: got.data.id!, format: 'minimal' });
    t.checkEffect(back.data.labelIds?.includes('INBOX') && !back.data.labelIds.includes('TRASH'), 'untrashed back to the inbox', back.data);
    await bob.users.threads.trash({ userId: 'me', id: got.data.threadId! });
    const tt = await bob.users.threads.get({ userId: 'me', id: got.data.threadId!, format: 'minimal' });
    t.checkEffect(tt.data.messages?.every((m) => m.labelIds?.includes('TRASH')), 'threads.trash trashes every message', tt.data);
    await bob.users.threads.untrash({ userId: 'me', id: got.data.threadId! });
    const tu = await bob.users.threads.get({ userId: 'me', id: got.data.threadId!, format: 'minimal' });
    t.checkEffect(tu.data.messages?.every((m) => !m.labelIds?.includes('TRASH')), 'threads.untrash restores them', tu.data);

    const hist = await bob.users.history.list({ userId: 'me', startHistoryId: since });
    t.check(hist.data.history?.some((h) => h.messagesAdded?.length) && hist.data.history?.some((h) => h.labelsAdded?.length), 'history since the profile shows the additions', hist.data.history?.length);

    const inserted = await bob.users.messages.insert({ userId: 'me', requestBody: { raw: raw({ From: 'vendor@example.net', To: email(ctx, 'bob'), Subject: 'Invoice 7' }, 'Due in 30 days.'), labelIds: ['INBOX'] } });
    const imported = await bob.users.messages.import({ userId: 'me', requestBody: { raw: raw({ From: 'vendor@example.net', To: email(ctx, 'bob'), Subject: 'Invoice 8', Date: 'Mon, 1 Jan 2024 10:00:00 +0000' }, 'Overdue.') } });
    const importedGot = await bob.users.messages.get({ userId: 'me', id: imported.data.id!, format: 'minimal' });
    t.checkEffect(inserted.data.labelIds?.join() === 'INBOX' && importedGot.data.internalDate === String(Date.parse('2024-01-01T10:00:00Z')), 'insert keeps the given labels; import dates by the Date header', importedGot.data);
    await bob.users.messages.batchModify({ userId: 'me', requestBody: { ids: [inserted.data.id!, imported.data.id!], addLabelIds: [label.data.id!] } });
    const byLabel = await bob.users.messages.list({ userId: 'me', labelIds: [label.data.id!], q: 'invoice' });
    t.checkEffect(byLabel.data.messages?.length === 2, 'batchModify labels both', byLabel.data);
    await bob.users.messages.batchDelete({ userId: 'me', requestBody: { ids: [inserted.data.id!] } });
    await bob.users.messages.delete({ userId: 'me', id: imported.data.id! });
    await t.expectError(() => bob.users.messages.get({ userId: 'me', id: imported.data.id! }), gerr(404, (e) => e?.status === 'NOT_FOUND' && e?.errors?.[0]?.reason === 'notFound'), 'deleted for good', { effect: true });
    await t.expectError(() => bob.users.messages.get({ userId: 'me', id: inserted.data.id! }), gerr(404), 'batch-deleted too', { effect: true });
    await bob.users.threads.delete({ userId: 'me', id: got.data.threadId! });
    await t.expectError(() => bob.users.threads.get({ userId: 'me', id: got.data.threadId! }), gerr(404), 'thread deleted', { effect: true });
    await bob.users.labels.delete({ userId: 'me', id: label.data.id! });
    await t.expectError(() => bob.users.labels.get({ userId: 'me', id: label.data.id! }), gerr(404), 'label deleted', { effect: true });

    const draft = await alice.users.drafts.create({ userId: 'me', requestBody: { message: { raw: raw({ To: email(ctx, 'carol'), Subject: 'Agenda' }, 'v1') } } });
    await alice.users.drafts.update({ userId: 'me', id: draft.data.id!, requestBody: { message: { raw: raw({ To: email(ctx, 'carol'), Subject: 'Agenda v2' }, 'v2') } } });
    const dget = await alice.users.drafts.get({ userId: 'me', id: draft.data.id!, format: 'metadata' });
    t.checkEffect(hdr(dget.data.message, 'Subject') === 'Agenda v2', 'draft updated', dget.data);
    const dlist = await alice.users.drafts.list({ userId: 'me' });
    t.check(dlist.data.drafts?.some((d) => d.id === draft.data.id), 'draft listed', dlist.data);
    const dsent = await alice.users.drafts.send({ userId: 'me', requestBody: { id: draft.data.id! } });
    const carol = t.track(gmailFor(ctx, userToken(ctx, 'carol')), 'gmail');
    const carolGot = await carol.users.messages.list({ userId: 'me', q: 'subject:(agenda v2)' });
    t.checkEffect(dsent.data.labelIds?.includes('SENT') && carolGot.data.messages?.length === 1, 'sending a draft delivers it', carolGot.data);
    const d2 = await alice.users.drafts.create({ userId: 'me', requestBody: { message: { raw: raw({ To: email(ctx, 'carol'), Subject: 'Scratch' }, 'x') } } });
    await alice.users.drafts.delete({ userId: 'me', id: d2.data.id! });
    await t.expectError(() => alice.users.drafts.get({ userId: 'me', id: d2.data.id! }), gerr(404), 'draft deleted', { effect: true });

    const filter = await carol.users.settings.filters.create({ userId: 'me', requestBody: { criteria: { from: email(ctx, 'alice') }, action: { addLabelIds: ['STARRED'] } } });
    const fget = await carol.users.settings.filters.get({ userId: 'me', id: filter.data.id! });
    const flist = await carol.users.settings.filters.list({ userId: 'me' });
    t.checkEffect(fget.data.criteria?.from === email(ctx, 'alice') && flist.data.filter?.length === 1, 'filter stored', flist.data);
    await alice.users.messages.send({ userId: 'me', requestBody: { raw: raw({ To: email(ctx, 'carol'), Subject: 'Filtered' }, 'star me') } });
    const filtered = await carol.users.messages.list({ userId: 'me', q: 'is:starred subject:filtered' });
    t.checkEffect(filtered.data.messages?.length === 1, 'the filter stars new mail from Alice', filtered.data);
    await carol.users.settings.filters.delete({ userId: 'me', id: filter.data.id! });
    await t.expectError(() => carol.users.settings.filters.get({ userId: 'me', id: filter.data.id! }), gerr(404), 'filter deleted', { effect: true });

    await carol.users.settings.updateVacation({ userId: 'me', requestBody: { enableAutoReply: true, responseSubject: 'Away', responseBodyPlainText: 'Back soon.' } });
    const vac = await carol.users.settings.getVacation({ userId: 'me' });
    await alice.users.messages.send({ userId: 'me', requestBody: { raw: raw({ To: email(ctx, 'carol'), Subject: 'Ping' }, 'there?') } });
    const away = await alice.users.messages.list({ userId: 'me', q: 'subject:away from:carol' });
    t.checkEffect(vac.data.enableAutoReply === true && away.data.messages?.length === 1, 'the vacation responder answers', away.data);

    for (const [get, put, body, key] of [
      ['getImap', 'updateImap', { enabled: false }, 'enabled'],
      ['getPop', 'updatePop', { accessWindow: 'allMail', disposition: 'archive' }, 'accessWindow'],
      ['getLanguage', 'updateLanguage', { displayLanguage: 'fr' }, 'displayLanguage'],
    ] as const) {
      await (carol.users.settings as any)[put]({ userId: 'me', requestBody: body });
      const read = await (carol.users.settings as any)[get]({ userId: 'me' });
      t.checkEffect(read.data[key] === (body as any)[key], `${put} then ${get}`, read.data);
    }
    const fwd = await carol.users.settings.forwardingAddresses.create({ userId: 'me', requestBody: { forwardingEmail: email(ctx, 'dave') } });
    const fwdGet = await carol.users.settings.forwardingAddresses.get({ userId: 'me', forwardingEmail: email(ctx, 'dave') });
    const fwdList = await carol.users.settings.forwardingAddresses.list({ userId: 'me' });
    t.checkEffect(fwd.data.verificationStatus === 'accepted' && fwdGet.data.forwardingEmail === email(ctx, 'dave') && fwdList.data.forwardingAddresses?.length === 1, 'a domain forwarding address is accepted', fwdList.data);
    await carol.users.settings.updateAutoForwarding({ userId: 'me', requestBody: { enabled: true, emailAddress: email(ctx, 'dave'), disposition: 'leaveInInbox' } });
    const af = await carol.users.settings.getAutoForwarding({ userId: 'me' });
    t.checkEffect(af.data.enabled === true && af.data.emailAddress === email(ctx, 'dave'), 'auto-forwarding on', af.data);
    // Forwarding acts on new mail: Dave gets Carol's next message with Gmail's X-Forwarded-To header.
    const dave = t.track(gmailFor(ctx, userToken(ctx, 'dave')), 'gmail');
    await alice.users.messages.send({ userId: 'me', requestBody: { raw: raw({ To: email(ctx, 'carol'), Subject: 'Offsite venue' }, 'Booked the hall.') } });
    const forwarded = await dave.users.messages.list({ userId: 'me', q: 'subject:(offsite venue)' });
    const fwdMsg = forwarded.data.messages?.length === 1 ? await dave.users.messages.get({ userId: 'me', id: forwarded.data.messages[0].id!, format: 'metadata' }) : undefined;
    t.checkEffect(hdr(fwdMsg?.data, 'X-Forwarded-To') === email(ctx, 'dave') && hdr(fwdMsg?.data, 'From')?.includes(email(ctx, 'alice')), 'auto-forwarding delivered the message to Dave unchanged', fwdMsg?.data?.payload?.headers);
    await carol.users.settings.updateAutoForwarding({ userId: 'me', requestBody: { enabled: false } });
    await t.expectError(() => carol.users.settings.filters.create({ userId: 'me', requestBody: { criteria: { from: 'press@example.net' }, action: { forward: 'nobody@example.net' } } }), gerr(400), 'a filter forwards only to a verified address');
    await carol.users.settings.forwardingAddresses.delete({ userId: 'me', forwardingEmail: email(ctx, 'dave') });
    await t.expectError(() => carol.users.settings.forwardingAddresses.get({ userId: 'me', forwardingEmail: email(ctx, 'dave') }), gerr(404), 'forwarding address removed', { effect: true });

    const alias = await carol.users.settings.sendAs.create({ userId: 'me', requestBody: { sendAsEmail: 'press@example.net', displayName: 'Press' } });
    await carol.users.settings.sendAs.patch({ userId: 'me', sendAsEmail: 'press@example.net', requestBody: { displayName: 'Press Office' } });
    await carol.users.settings.sendAs.update({ userId: 'me', sendAsEmail: 'press@example.net', requestBody: { displayName: 'Press Desk', replyToAddress: email(ctx, 'carol') } });
    const sa = await carol.users.settings.sendAs.get({ userId: 'me', sendAsEmail: 'press@example.net' });
    const salist = await carol.users.settings.sendAs.list({ userId: 'me' });
    t.checkEffect(alias.data.verificationStatus === 'pending' && sa.data.displayName === 'Press Desk' && salist.data.sendAs?.length === 2 && salist.data.sendAs.some((s) => s.isPrimary), 'send-as alias kept beside the primary', salist.data);
    await carol.users.settings.sendAs.verify({ userId: 'me', sendAsEmail: 'press@example.net' });
    // Verifying an alias that is a mailbox in the domain mails its owner a code; confirming it accepts the alias.
    await carol.users.settings.sendAs.create({ userId: 'me', requestBody: { sendAsEmail: email(ctx, 'erin') } });
    await carol.users.settings.sendAs.verify({ userId: 'me', sendAsEmail: email(ctx, 'erin') });
    const erin = t.track(gmailFor(ctx, userToken(ctx, 'erin')), 'gmail');
    const confirmMail = await erin.users.messages.list({ userId: 'me', q: `subject:("Send Mail as ${email(ctx, 'erin')}")` });
    const confirmBody = confirmMail.data.messages?.length ? await erin.users.messages.get({ userId: 'me', id: confirmMail.data.messages[0].id!, format: 'raw' }) : undefined;
    const code = /Confirmation code: (\d+)/.exec(Buffer.from(confirmBody?.data.raw ?? '', 'base64url').toString())?.[1];
    t.checkEffect(!!code, 'sendAs.verify mailed a confirmation code to the alias address', confirmBody?.data.snippet);
    await ctx.control('POST', 'google/act/gmail/confirm-send-as', { email: email(ctx, 'carol'), alias: email(ctx, 'erin'), code });
    const confirmed = await carol.users.settings.sendAs.get({ userId: 'me', sendAsEmail: email(ctx, 'erin') });
    t.check(confirmed.data.verificationStatus === 'accepted', 'the confirmed alias is accepted', confirmed.data);
    await t.expectError(() => carol.users.settings.sendAs.verify({ userId: 'me', sendAsEmail: email(ctx, 'erin') }), gerr(400), 'an accepted alias needs no verification');
    await carol.users.settings.sendAs.delete({ userId: 'me', sendAsEmail: 'press@example.net' });
    await t.expectError(() => carol.users.settings.sendAs.get({ userId: 'me', sendAsEmail: 'press@example.net' }), gerr(404), 'alias deleted', { effect: true });

    await carol.users.settings.delegates.create({ userId: 'me', requestBody: { delegateEmail: email(ctx, 'dave') } });
    const dg = await carol.users.settings.delegates.get({ userId: 'me', delegateEmail: email(ctx, 'dave') });
    const dgl = await carol.users.settings.delegates.list({ userId: 'me' });
    t.checkEffect(dg.data.verificationStatus === 'accepted' && dgl.data.delegates?.length === 1, 'a delegate inside the domain', dgl.data);
    await carol.users.settings.delegates.delete({ userId: 'me', delegateEmail: email(ctx, 'dave') });
    await t.expectError(() => carol.users.settings.delegates.get({ userId: 'me', delegateEmail: email(ctx, 'dave') }), gerr(404), 'delegate removed', { effect: true });

    // A push subscription on the topic (the endpoint need not answer: deliveries are recorded either way).
    await ctx.control('POST', 'google/pubsub/subscriptions', { topic: 'projects/acme/topics/gmail', pushEndpoint: sink(ctx) });
    const w = await carol.users.watch({ userId: 'me', requestBody: { topicName: 'projects/acme/topics/gmail' } });
    t.check(Number(w.data.expiration) > 0 && !!w.data.historyId, 'watch returns the expiration and current historyId', w.data);
    await alice.users.messages.send({ userId: 'me', requestBody: { raw: raw({ To: email(ctx, 'carol'), Subject: 'Watched' }, 'one') } });
    const pushed = (await ctx.control('GET', 'google/pubsub/deliveries')).deliveries as any[];
    const note = JSON.parse(Buffer.from(pushed.at(-1)?.body?.message?.data ?? '', 'base64').toString() || '{}');
    t.check(note.emailAddress === email(ctx, 'carol') && Number(note.historyId) > Number(w.data.historyId), 'the change is published to the topic', note);
    await carol.users.stop({ userId: 'me' });
    const before = pushed.length;
    await alice.users.messages.send({ userId: 'me', requestBody: { raw: raw({ To: email(ctx, 'carol'), Subject: 'Unwatched' }, 'two') } });
    const after = (await ctx.control('GET', 'google/pubsub/deliveries')).deliveries as any[];
    t.checkEffect(after.length === before, 'after stop nothing more is published', after.length);
    await t.expectError(() => carol.users.watch({ userId: 'me', requestBody: { topicName: 'gmail' } }), gerr(400), 'a topic must be a full Pub/Sub name');

    await t.expectError(() => alice.users.messages.list({ userId: email(ctx, 'bob') }), gerr(403, (e) => e?.message === `Delegation denied for ${email(ctx, 'alice')}`), 'another user\'s mailbox → delegation denied');
    const mime = [`To: ${email(ctx, 'bob')}`, 'Subject: Q3 numbers', 'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain', '', 'Numbers attached.', '--b1',
      'Content-Type: text/csv; name="q3.csv"', 'Content-Disposition: attachment; filename="q3.csv"', 'Content-Transfer-Encoding: base64', '', Buffer.from('q,amount\n3,3300\n').toString('base64'), '--b1--', ''].join('\r\n');
    await alice.users.messages.send({ userId: 'me', requestBody: { raw: Buffer.from(mime).toString('base64url') } });
    const withFile = await bob.users.messages.list({ userId: 'me', q: 'has:attachment filename:q3.csv' });
    const full = await bob.users.messages.get({ userId: 'me', id: withFile.data.messages![0].id! });
    const part = full.data.payload?.parts?.find((p) => p.filename === 'q3.csv');
    const att = await bob.users.messages.attachments.get({ userId: 'me', messageId: full.data.id!, id: part!.body!.attachmentId! });
    t.check(Buffer.from(att.data.data!, 'base64url').toString() === 'q,amount\n3,3300\n' && att.data.size === 16, 'the attachment bytes come back', att.data.size);
  },
};

export default scenario;
