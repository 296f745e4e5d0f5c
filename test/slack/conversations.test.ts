// Conversations through @slack/web-api: listing, pagination, membership, lifecycle and DMs, with Slack's error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { startSlack, workspace, slackError, channelId, personClient } from './helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

const userByName = async (ws: Awaited<ReturnType<typeof workspace>>, name: string) => {
  const res = await ws.bot.users.list({});
  const u = res.members!.find((m) => m.name === name);
  if (!u?.id) throw new Error(`no user ${name}`);
  return u.id;
};

describe('conversations.list and pagination', () => {
  it('lists public channels by default and hides private ones the caller is not in', async () => {
    const ws = await workspace(server, 'conv-list');
    const pub = await ws.bot.conversations.list({});
    expect(pub.channels!.map((c) => c.name)).toEqual(expect.arrayContaining(['general', 'random', 'engineering', 'old-project']));
    expect(pub.channels!.every((c) => c.is_private === false)).toBe(true);
    const priv = await ws.bot.conversations.list({ types: 'private_channel' });
    // The bot is in #bot-lab but not in #leadership.
    expect(priv.channels!.map((c) => c.name)).toEqual(['bot-lab']);
    const live = await ws.bot.conversations.list({ exclude_archived: true });
    expect(live.channels!.some((c) => c.name === 'old-project')).toBe(false);
  });

  it('pages with client.paginate and opaque next_cursor values (docs.slack.dev/apis/web-api/pagination)', async () => {
    const ws = await workspace(server, 'conv-page');
    const names: string[] = [];
    let pages = 0;
    for await (const page of ws.bot.paginate('conversations.list', { limit: 2, types: 'public_channel' }) as AsyncIterable<any>) {
      pages++;
      names.push(...((page.channels as Array<{ name: string }>) ?? []).map((c) => c.name));
      const cursor = (page.response_metadata as { next_cursor?: string } | undefined)?.next_cursor;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9+/=]+$/);
    }
    expect(pages).toBe(2);
    expect(new Set(names).size).toBe(4);
  });

  it('refuses a junk cursor with invalid_cursor', async () => {
    const ws = await workspace(server, 'conv-cursor');
    expect((await slackError(ws.bot.conversations.list({ cursor: 'not-a-cursor!!' }))).error).toBe('invalid_cursor');
    expect((await slackError(ws.bot.conversations.list({ cursor: Buffer.from('team:CNOPE').toString('base64') }))).error).toBe('invalid_cursor');
  });

  it('refuses unknown types with invalid_types', async () => {
    const ws = await workspace(server, 'conv-types');
    expect((await slackError(ws.bot.conversations.list({ types: 'public_channel,nonsense' }))).error).toBe('invalid_types');
  });
});

describe('conversations.info / members', () => {
  it('counts members with include_num_members and reports is_member from the caller', async () => {
    const ws = await workspace(server, 'conv-info');
    const eng = await channelId(ws.bot, 'engineering');
    const info = await ws.bot.conversations.info({ channel: eng, include_num_members: true });
    expect(info.channel).toMatchObject({ id: eng, name: 'engineering', is_channel: true, is_private: false, is_member: true, num_members: 4 });
    const members = await ws.bot.conversations.members({ channel: eng });
    expect(members.members).toContain(ws.creds.botUserId);
    expect((await slackError(ws.bot.conversations.info({ channel: 'C0000000000' }))).error).toBe('channel_not_found');
  });
});

describe('channel lifecycle', () => {
  it('creates, renames, sets topic and purpose, archives and unarchives a channel', async () => {
    const ws = await workspace(server, 'conv-life');
    const created = await ws.bot.conversations.create({ name: 'launch-plan' });
    const id = created.channel!.id!;
    expect(created.channel).toMatchObject({ name: 'launch-plan', is_member: true, creator: ws.creds.botUserId });
    expect((await slackError(ws.bot.conversations.create({ name: 'launch-plan' }))).error).toBe('name_taken');
    expect((await slackError(ws.bot.conversations.create({ name: 'has spaces!' }))).error).toBe('invalid_name_specials');

    const renamed = await ws.bot.conversations.rename({ channel: id, name: 'launch-2025' });
    expect(renamed.channel).toMatchObject({ name: 'launch-2025', previous_names: ['launch-plan'] });
    const topic = await ws.bot.conversations.setTopic({ channel: id, topic: 'Go live Friday' });
    expect((topic.channel as { topic: { value: string } }).topic.value).toBe('Go live Friday');
    await ws.bot.conversations.setPurpose({ channel: id, purpose: 'Coordinate the launch' });
    const info = await ws.bot.conversations.info({ channel: id });
    expect(info.channel?.purpose?.value).toBe('Coordinate the launch');

    await ws.bot.conversations.archive({ channel: id });
    expect((await slackError(ws.bot.chat.postMessage({ channel: id, text: 'hello?' }))).error).toBe('is_archived');
    expect((await slackError(ws.bot.conversations.archive({ channel: id }))).error).toBe('already_archived');
    await ws.bot.conversations.unarchive({ channel: id });
    expect((await slackError(ws.bot.conversations.unarchive({ channel: id }))).error).toBe('not_archived');
    await ws.bot.chat.postMessage({ channel: id, text: 'back in business' });
  });

  it('joins and leaves public channels; cannot leave #general', async () => {
    const ws = await workspace(server, 'conv-join');
    const random = await channelId(ws.bot, 'random');
    expect((await slackError(ws.bot.conversations.history({ channel: random }))).error).toBe('not_in_channel');
    const joined = await ws.bot.conversations.join({ channel: random });
    expect(joined.channel?.is_member).toBe(true);
    const history = await ws.bot.conversations.history({ channel: random });
    expect(history.messages?.[0]).toMatchObject({ subtype: 'channel_join', user: ws.creds.botUserId });
    const again = await ws.bot.conversations.join({ channel: random });
    expect(again.response_metadata?.warnings).toContain('already_in_channel');
    await ws.bot.conversations.leave({ channel: random });
    expect((await slackError(ws.bot.conversations.leave({ channel: await channelId(ws.bot, 'general') }))).error).toBe('cant_leave_general');
  });

  it('invites and kicks with Slack’s membership errors', async () => {
    const ws = await workspace(server, 'conv-invite');
    const eng = await channelId(ws.bot, 'engineering');
    const dan = await userByName(ws, 'dan');
    const bob = await userByName(ws, 'bob');
    expect((await slackError(ws.bot.conversations.invite({ channel: eng, users: ws.creds.botUserId }))).error).toBe('cant_invite_self');
    expect((await slackError(ws.bot.conversations.invite({ channel: eng, users: bob }))).error).toBe('already_in_channel');
    expect((await slackError(ws.bot.conversations.invite({ channel: eng, users: 'U00NOBODY00' }))).error).toBe('user_not_found');
    await ws.bot.conversations.invite({ channel: eng, users: dan });
    expect((await ws.bot.conversations.members({ channel: eng })).members).toContain(dan);
    expect((await slackError(ws.bot.conversations.kick({ channel: eng, user: ws.creds.botUserId }))).error).toBe('cant_kick_self');
    await ws.bot.conversations.kick({ channel: eng, user: dan });
    expect((await slackError(ws.bot.conversations.kick({ channel: eng, user: dan }))).error).toBe('not_in_channel');
  });

  it('only admins or the creator may kick with a user token (restricted_action)', async () => {
    const ws = await workspace(server, 'conv-restricted');
    const eng = await channelId(ws.bot, 'engineering');
    const carol = await personClient(server, ws, 'carol');
    const bob = await userByName(ws, 'bob');
    // Carol is a plain member of #engineering, which Bob created.
    expect((await slackError(carol.client.conversations.kick({ channel: eng, user: bob }))).error).toBe('restricted_action');
    // Alice is the workspace owner and may kick anyone.
    await ws.userClient.conversations.kick({ channel: eng, user: carol.userId });
    expect((await ws.bot.conversations.members({ channel: eng })).members).not.toContain(carol.userId);
  });
});

describe('DMs and MPIMs', () => {
  it('opens (and reuses) a DM, opens an MPIM, closes and marks', async () => {
    const ws = await workspace(server, 'conv-dm');
    const carol = await userByName(ws, 'carol');
    const bob = await userByName(ws, 'bob');
    const dm = await ws.bot.conversations.open({ users: carol });
    const again = await ws.bot.conversations.open({ users: carol, return_im: true });
    expect(again.channel?.id).toBe(dm.channel?.id);
    expect(again.channel?.is_im).toBe(true);
    const posted = await ws.bot.chat.postMessage({ channel: dm.channel!.id!, text: 'psst' });
    await ws.bot.conversations.mark({ channel: dm.channel!.id!, ts: posted.ts! });
    const info = await ws.bot.conversations.info({ channel: dm.channel!.id! });
    expect(info.channel?.last_read).toBe(posted.ts);
    const mpim = await ws.bot.conversations.open({ users: `${carol},${bob}` });
    expect((mpim.channel as { is_mpim?: boolean }).is_mpim).toBe(true);
    expect(mpim.channel?.id).toMatch(/^G/);
    await ws.bot.conversations.close({ channel: dm.channel!.id! });
    const closed = await ws.bot.conversations.close({ channel: dm.channel!.id! });
    expect(closed.already_closed).toBe(true);
    expect((await slackError(ws.bot.conversations.open({} as never))).error).toBe('users_list_not_supplied');
    expect((await slackError(ws.bot.conversations.close({ channel: await channelId(ws.bot, 'general') }))).error).toBe('method_not_supported_for_channel_type');
  });
});

describe('conversations.history windows', () => {
  it('filters by oldest/latest/inclusive and pages newest-first with has_more', async () => {
    const ws = await workspace(server, 'conv-hist');
    const lab = await channelId(ws.bot, 'bot-lab');
    const ts: string[] = [];
    for (const t of ['one', 'two', 'three', 'four']) ts.push((await ws.bot.chat.postMessage({ channel: lab, text: t })).ts!);
    const window = await ws.bot.conversations.history({ channel: lab, oldest: ts[0], latest: ts[3] });
    expect(window.messages!.map((m) => m.text)).toEqual(['three', 'two']);
    const incl = await ws.bot.conversations.history({ channel: lab, oldest: ts[0], latest: ts[3], inclusive: true });
    expect(incl.messages!.map((m) => m.text)).toEqual(['four', 'three', 'two', 'one']);
    const first = await ws.bot.conversations.history({ channel: lab, limit: 3 });
    expect(first.has_more).toBe(true);
    expect(first.messages!.map((m) => m.text)).toEqual(['four', 'three', 'two']);
    const rest = await ws.bot.conversations.history({ channel: lab, limit: 3, cursor: first.response_metadata!.next_cursor });
    expect(rest.messages!.map((m) => m.text)).toEqual(['one', 'Testing the bot here']);
    expect(rest.has_more).toBe(false);
  });
});
