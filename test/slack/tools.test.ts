// Workspace tools through @slack/web-api: reactions/pins/bookmarks rules, search syntax, reminders, DND by the twin clock, modals and App Home.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { triggers } from '../../twins/slack/store.js';
import { startSlack, workspace, slackError, channelId, type Workspace } from './helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

let triggerSeq = 0;

/** A trigger as the realtime side issues one for an interaction (valid three seconds, once). */
async function trigger(ws: Workspace, user: string, ttlSec = 3): Promise<string> {
  const now = Math.floor((await ws.control('GET', 'clock')).epochMs / 1000);
  const id = `${now}.${++triggerSeq}.abc123`;
  triggers(server.twin.tenant(ws.tenant)).put({ id, user, expires: now + ttlSec });
  return id;
}

describe('reactions, pins, bookmarks', () => {
  it('keeps per-person reactions with counts and Slack’s errors', async () => {
    const ws = await workspace(server, 'react');
    const general = await channelId(ws.bot, 'general');
    const welcome = (await ws.bot.conversations.history({ channel: general })).messages!.find((m) => m.text?.startsWith('Welcome'))!;
    expect(welcome.reactions).toEqual([expect.objectContaining({ name: 'wave', count: 2 }), expect.objectContaining({ name: 'tada', count: 1 })]);
    await ws.bot.reactions.add({ channel: general, timestamp: welcome.ts!, name: ':wave:' });
    const after = await ws.bot.reactions.get({ channel: general, timestamp: welcome.ts! });
    expect((after.message as any).reactions[0]).toMatchObject({ name: 'wave', count: 3, users: expect.arrayContaining([ws.creds.botUserId]) });
    expect((await slackError(ws.bot.reactions.add({ channel: general, timestamp: welcome.ts!, name: 'wave' }))).error).toBe('already_reacted');
    expect((await slackError(ws.bot.reactions.add({ channel: general, timestamp: welcome.ts!, name: 'bad name!' }))).error).toBe('invalid_name');
    expect((await slackError(ws.bot.reactions.add({ channel: general, timestamp: '1.2', name: 'ok' }))).error).toBe('message_not_found');
    expect((await slackError(ws.bot.reactions.remove({ channel: general, timestamp: welcome.ts!, name: 'tada' }))).error).toBe('no_reaction');
  });

  it('pins need membership; bookmarks need a link', async () => {
    const ws = await workspace(server, 'pins');
    const general = await channelId(ws.bot, 'general');
    const pinned = await ws.bot.pins.list({ channel: general });
    expect(pinned.items).toHaveLength(1);
    const ts = (pinned.items![0] as any).message.ts;
    expect((await slackError(ws.bot.pins.add({ channel: general, timestamp: ts }))).error).toBe('already_pinned');
    const random = await channelId(ws.bot, 'random');
    const m = await ws.bot.chat.postMessage({ channel: random, text: 'pin me' });
    expect((await slackError(ws.bot.pins.add({ channel: random, timestamp: m.ts! }))).error).toBe('not_in_channel');
    expect((await slackError(ws.bot.bookmarks.add({ channel_id: general, title: 'x', type: 'link', link: 'not a url' }))).error).toBe('invalid_link');
    expect((await slackError(ws.bot.bookmarks.remove({ channel_id: general, bookmark_id: 'Bk0NOPE' }))).error).toBe('not_found');
  });
});

describe('search.messages (slack.com/help/articles/202528808)', () => {
  it('matches words, from:, in:, and sees only what the person can see', async () => {
    const ws = await workspace(server, 'search');
    const all = await ws.userClient.search.messages({ query: 'deploying' });
    expect(all.messages?.matches?.map((m) => m.text)).toEqual(['Deploying v2.3 to production now']);
    expect((all.messages?.matches?.[0] as any).channel.name).toBe('engineering');
    const byBob = await ws.userClient.search.messages({ query: 'from:@bob' });
    expect(byBob.messages?.matches?.every((m) => m.username === 'bob')).toBe(true);
    expect(byBob.messages?.total).toBe(3);
    const inRandom = await ws.userClient.search.messages({ query: 'coffee in:#random' });
    expect(inRandom.messages?.total).toBe(1);
    const none = await ws.userClient.search.messages({ query: 'coffee in:#general' });
    expect(none.messages?.total).toBe(0);
    const paged = await ws.userClient.search.messages({ query: 'the', count: 1, page: 2, sort: 'timestamp' });
    expect(paged.messages?.paging).toMatchObject({ count: 1, page: 2 });
    expect((await slackError(ws.userClient.search.messages({ query: '' }))).error).toBe('no_query');
    // Erin (a guest) is in no channels but #general; she cannot find #leadership’s message.
    const { personClient } = await import('./helpers.js');
    const erin = await personClient(server, ws, 'erin');
    expect((await erin.client.search.messages({ query: 'Q3 planning' })).messages?.total).toBe(0);
    expect((await ws.userClient.search.messages({ query: 'Q3 planning' })).messages?.total).toBe(1);
  });

  it('ranks by score (how often the words occur), newest first among equals, and pages through the ranking', async () => {
    // https://docs.slack.dev/reference/methods/search.messages — sort: score (default) or timestamp; sort_dir: asc or desc.
    const ws = await workspace(server, 'search-rank');
    const general = await channelId(ws.bot, 'general');
    const texts = ['rankword once', 'rankword rankword twice', 'rankword once more', 'rankword rankword rankword thrice', 'another rankword'];
    const ts: string[] = [];
    for (const text of texts) ts.push((await ws.bot.chat.postMessage({ channel: general, text })).ts!);
    const q = (args: Record<string, unknown>) => ws.userClient.search.messages({ query: 'rankword', ...args } as any);
    const byScore = await q({ count: 100 });
    expect(byScore.messages?.total).toBe(5);
    expect(byScore.messages?.matches?.map((m) => m.text)).toEqual([texts[3], texts[1], texts[4], texts[2], texts[0]]);
    const scoreAsc = await q({ count: 100, sort_dir: 'asc' });
    expect(scoreAsc.messages?.matches?.map((m) => m.text)).toEqual([texts[0], texts[2], texts[4], texts[1], texts[3]]);
    const newest = await q({ sort: 'timestamp', count: 2, page: 2 });
    expect(newest.messages?.matches?.map((m) => m.ts)).toEqual([ts[2], ts[1]]);
    expect(newest.messages?.paging).toEqual({ count: 2, total: 5, page: 2, pages: 3 });
    expect(newest.messages?.pagination).toMatchObject({ total_count: 5, page: 2, per_page: 2, page_count: 3, first: 3, last: 4 });
    const last = await q({ sort: 'timestamp', sort_dir: 'asc', count: 2, page: 3 });
    expect(last.messages?.matches?.map((m) => m.ts)).toEqual([ts[4]]);
    expect((await q({ count: 2, page: 9 })).messages?.matches).toEqual([]);
  });
});

describe('reminders and dnd', () => {
  it('parses reminder times and refuses reminders for others', async () => {
    const ws = await workspace(server, 'remind');
    const now = Math.floor((await ws.control('GET', 'clock')).epochMs / 1000);
    const r = await ws.userClient.reminders.add({ text: 'stretch', time: 'in 2 hours' });
    expect(r.reminder).toMatchObject({ text: 'stretch', recurring: false, user: ws.creds.installerUserId });
    expect(r.reminder!.time! - now).toBeGreaterThanOrEqual(7199);
    const rec = await ws.userClient.reminders.add({ text: 'standup', time: 'every weekday at 9am' });
    expect(rec.reminder?.recurring).toBe(true);
    expect((await slackError(ws.userClient.reminders.complete({ reminder: rec.reminder!.id! }))).error).toBe('cannot_complete_recurring');
    expect((await slackError(ws.userClient.reminders.add({ text: 'x', time: 'whenever' }))).error).toBe('cannot_parse');
    const bob = (await ws.bot.users.list({})).members!.find((m) => m.name === 'bob')!.id!;
    expect((await slackError(ws.userClient.reminders.add({ text: 'x', time: 'in 5 minutes', user: bob }))).error).toBe('cannot_add_others');
    expect((await slackError(ws.bot.reminders.list({}))).error).toBe('not_allowed_token_type');
  });

  it('ends a snooze when the twin clock passes its end', async () => {
    const ws = await workspace(server, 'dnd');
    await ws.userClient.dnd.setSnooze({ num_minutes: 10 });
    expect((await ws.bot.dnd.info({ user: ws.creds.installerUserId }) as any).snooze_enabled).toBe(true);
    try {
      await ws.control('POST', 'clock', { advanceMs: 11 * 60_000 });
      expect((await ws.bot.dnd.info({ user: ws.creds.installerUserId }) as any).snooze_enabled).toBe(false);
      expect((await slackError(ws.userClient.dnd.endSnooze({}))).error).toBe('snooze_not_active');
    } finally {
      await ws.control('POST', 'clock', { advanceMs: -11 * 60_000 });
    }
  });
});

describe('views (docs.slack.dev/surfaces/modals)', () => {
  const modal = (title = 'Request') => ({ type: 'modal' as const, title: { type: 'plain_text' as const, text: title }, submit: { type: 'plain_text' as const, text: 'Send' }, blocks: [{ type: 'input', label: { type: 'plain_text', text: 'Why?' }, element: { type: 'plain_text_input', action_id: 'why' } }] });

  it('opens a modal with a fresh trigger once, pushes and updates it', async () => {
    const ws = await workspace(server, 'views');
    const t1 = await trigger(ws, ws.creds.installerUserId);
    const opened = await ws.bot.views.open({ trigger_id: t1, view: modal() as never });
    expect(opened.view).toMatchObject({ type: 'modal', app_id: ws.creds.appId, title: { text: 'Request' }, root_view_id: opened.view!.id });
    expect((await slackError(ws.bot.views.open({ trigger_id: t1, view: modal() as never }))).error).toBe('exchanged_trigger_id');
    const pushed = await ws.bot.views.push({ trigger_id: await trigger(ws, ws.creds.installerUserId), view: modal('Step 2') as never });
    expect(pushed.view).toMatchObject({ previous_view_id: opened.view!.id, root_view_id: opened.view!.id });
    const updated = await ws.bot.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: modal('Updated') as never });
    expect(updated.view?.title?.text).toBe('Updated');
    expect((await slackError(ws.bot.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: modal() as never }))).error).toBe('hash_conflict');
  });

  it('refuses expired triggers and invalid views with Slack’s errors', async () => {
    const ws = await workspace(server, 'views-bad');
    const stale = await trigger(ws, ws.creds.installerUserId, -1);
    expect((await slackError(ws.bot.views.open({ trigger_id: stale, view: modal() as never }))).error).toBe('expired_trigger_id');
    const fresh = await trigger(ws, ws.creds.installerUserId);
    const bad = await slackError(ws.bot.views.open({ trigger_id: fresh, view: { type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [] } as never }));
    expect(bad.error).toBe('invalid_arguments');
    expect(bad.data.response_metadata.messages[0]).toMatch(/\[json-pointer:\/view\/title\/text\]/);
  });

  it('publishes one App Home per user and app', async () => {
    const ws = await workspace(server, 'views-home');
    const home = { type: 'home' as const, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hi' } }] };
    const first = await ws.bot.views.publish({ user_id: ws.creds.installerUserId, view: home as never });
    const second = await ws.bot.views.publish({ user_id: ws.creds.installerUserId, view: home as never });
    expect(second.view?.id).toBe(first.view?.id);
    expect(second.view?.hash).not.toBe(first.view?.hash);
    expect((await slackError(ws.bot.views.publish({ user_id: 'U0NOBODY', view: home as never }))).error).toBe('user_not_found');
  });
});
