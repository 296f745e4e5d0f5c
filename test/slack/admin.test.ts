// Enterprise administration through @slack/web-api: provisioning, roles, channel management and settings, seen through the regular Web API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { startSlack, workspace, slackError, channelId, personClient } from './helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

describe('admin.users (docs.slack.dev/reference/methods/admin.users.invite)', () => {
  it('provisions, promotes, deactivates and restores a person', async () => {
    const ws = await workspace(server, 'admin-users');
    const team_id = ws.creds.teamId;
    const eng = await channelId(ws.bot, 'engineering');
    await ws.admin.admin.users.invite({ team_id, email: 'grace@acme.test', channel_ids: eng, real_name: 'Grace Hopper' } as never);
    const grace = (await ws.userClient.users.lookupByEmail({ email: 'grace@acme.test' })).user!;
    expect(grace).toMatchObject({ real_name: 'Grace Hopper', deleted: false });
    expect((await ws.bot.conversations.members({ channel: eng })).members).toContain(grace.id);
    expect((await slackError(ws.admin.admin.users.invite({ team_id, email: 'not-an-email', channel_ids: eng } as never))).error).toBe('invalid_email');
    expect((await slackError(ws.admin.admin.users.invite({ team_id: 'T0OTHER', email: 'x@acme.test', channel_ids: eng } as never))).error).toBe('team_not_found');
    await ws.admin.admin.users.setAdmin({ team_id, user_id: grace.id! });
    expect((await ws.bot.users.info({ user: grace.id! })).user?.is_admin).toBe(true);
    await ws.admin.admin.users.remove({ team_id, user_id: grace.id! });
    expect((await ws.bot.users.info({ user: grace.id! })).user?.deleted).toBe(true);
    expect((await ws.bot.conversations.members({ channel: eng })).members).not.toContain(grace.id);
    const listed = await ws.admin.admin.users.list({ team_id, is_active: false } as never);
    expect((listed.users as Array<{ id: string }>).map((u) => u.id)).toEqual(expect.arrayContaining([grace.id]));
    expect((await slackError(ws.admin.admin.users.remove({ team_id, user_id: ws.creds.installerUserId }))).error).toBe('cannot_remove_primary_owner');
  });

  it('needs an admin scope and an admin person', async () => {
    const ws = await workspace(server, 'admin-perm');
    expect((await slackError(ws.userClient.admin.users.list({ team_id: ws.creds.teamId } as never))).error).toBe('missing_scope');
    expect((await slackError(ws.bot.admin.users.list({ team_id: ws.creds.teamId } as never))).error).toBe('not_allowed_token_type');
    const { apps } = await import('../../twins/slack/store.js');
    const adminApp = apps(server.twin.tenant(ws.tenant)).find((a) => a.name === 'Org Admin Console')!;
    const { issueToken } = await import('../../twins/slack/model/tokens.js');
    const carol = await personClient(server, ws, 'carol');
    const tok = issueToken(server.twin.tenant(ws.tenant), 'user', adminApp, carol.userId, ['admin.users:read'], ws.creds.teamId);
    expect((await slackError(ws.client(tok.token).admin.users.list({ team_id: ws.creds.teamId } as never))).error).toBe('not_an_admin');
  });

  it('approves invite requests into real accounts', async () => {
    const ws = await workspace(server, 'admin-invreq');
    const reqs = (await ws.admin.admin.inviteRequests.list({ team_id: ws.creds.teamId } as never)).invite_requests as Array<{ id: string; email: string }>;
    await ws.admin.admin.inviteRequests.approve({ team_id: ws.creds.teamId, invite_request_id: reqs[0].id } as never);
    expect((await ws.userClient.users.lookupByEmail({ email: reqs[0].email })).user?.deleted).toBe(false);
    expect((await slackError(ws.admin.admin.inviteRequests.approve({ team_id: ws.creds.teamId, invite_request_id: reqs[0].id } as never))).error).toBe('already_reviewed');
  });
});

describe('admin.conversations', () => {
  it('creates, restricts posting, converts, archives and deletes channels the Web API sees', async () => {
    const ws = await workspace(server, 'admin-conv');
    const created = await ws.admin.admin.conversations.create({ name: 'all-hands', is_private: false, team_id: ws.creds.teamId });
    const id = created.channel_id!;
    expect((await ws.bot.conversations.info({ channel: id })).channel?.name).toBe('all-hands');
    await ws.admin.admin.conversations.invite({ channel_id: id, user_ids: ws.creds.botUserId } as never);
    await ws.bot.chat.postMessage({ channel: id, text: 'before the lock' });
    await ws.admin.admin.conversations.setConversationPrefs({ channel_id: id, prefs: JSON.stringify({ who_can_post: 'type:admin' }) } as never);
    expect((await slackError(ws.bot.chat.postMessage({ channel: id, text: 'after' }))).error).toBe('restricted_action');
    await ws.admin.admin.conversations.convertToPrivate({ channel_id: id });
    expect((await ws.bot.conversations.info({ channel: id })).channel).toMatchObject({ is_private: true });
    // The admin who created it is not a member, so the private channel is now hidden from her.
    expect((await slackError(ws.userClient.conversations.info({ channel: id }))).error).toBe('channel_not_found');
    expect((await slackError(ws.admin.admin.conversations.convertToPrivate({ channel_id: id }))).error).toBe('channel_already_private');
    await ws.admin.admin.conversations.archive({ channel_id: id });
    expect((await slackError(ws.admin.admin.conversations.archive({ channel_id: id }))).error).toBe('already_archived');
    await ws.admin.admin.conversations.delete({ channel_id: id });
    expect((await slackError(ws.bot.conversations.info({ channel: id }))).error).toBe('channel_not_found');
    const general = await channelId(ws.bot, 'general');
    expect((await slackError(ws.admin.admin.conversations.archive({ channel_id: general }))).error).toBe('cant_archive_general');
  });

  it('searches with sort and an opaque cursor', async () => {
    const ws = await workspace(server, 'admin-search');
    const first = await ws.admin.admin.conversations.search({ limit: 2, sort: 'name', sort_dir: 'asc' } as never);
    expect((first.conversations as Array<{ name: string }>).map((c) => c.name)).toEqual(['bot-lab', 'engineering']);
    const second = await ws.admin.admin.conversations.search({ limit: 2, sort: 'name', sort_dir: 'asc', cursor: first.next_cursor } as never);
    expect((second.conversations as Array<{ name: string }>).map((c) => c.name)).toEqual(['general', 'leadership']);
    expect((await slackError(ws.admin.admin.conversations.search({ cursor: 'junk' } as never))).error).toBe('invalid_cursor');
  });
});

describe('admin.teams / admin.emoji', () => {
  it('renames the workspace (team.info follows) and manages custom emoji (emoji.list follows)', async () => {
    const ws = await workspace(server, 'admin-team');
    await ws.admin.admin.teams.settings.setName({ team_id: ws.creds.teamId, name: 'Acme Global' });
    expect((await ws.bot.team.info({})).team?.name).toBe('Acme Global');
    expect((await slackError(ws.admin.admin.teams.settings.setDiscoverability({ team_id: ws.creds.teamId, discoverability: 'public' as never }))).error).toBe('invalid_discoverability');
    await ws.admin.admin.emoji.add({ name: 'ship', url: 'https://example.com/ship.png' });
    expect((await slackError(ws.admin.admin.emoji.add({ name: 'ship', url: 'https://example.com/ship.png' }))).error).toBe('error_name_taken');
    expect(((await ws.bot.emoji.list({})).emoji as Record<string, string>).ship).toBe('https://example.com/ship.png');
    await ws.admin.admin.emoji.remove({ name: 'ship' });
    expect(((await ws.bot.emoji.list({})).emoji as Record<string, string>).ship).toBeUndefined();
  });
});

describe('admin.barriers (https://slack.com/help/articles/360056171734-Create-information-barriers-in-Slack)', () => {
  it('validates barriers as the reference says, then blocks new DMs, group DMs and calls across them while channels stay open', async () => {
    const ws = await workspace(server, 'admin-barriers');
    const groups = (await ws.bot.usergroups.list({})).usergroups!;
    const eng = groups.find((g) => g.handle === 'eng')!.id!;
    const support = groups.find((g) => g.handle === 'support')!.id!;
    const people = (await ws.bot.users.list({})).members!;
    const [bob, dan] = ['bob', 'dan'].map((n) => people.find((m) => m.name === n)!.id!);
    const create = (args: Record<string, unknown>) => ws.admin.admin.barriers.create({ primary_usergroup_id: eng, barriered_from_usergroup_ids: [support], restricted_subjects: ['im', 'mpim', 'call'], ...args } as never);
    // "Currently you must pass all three im,mpim,call" (https://docs.slack.dev/reference/methods/admin.barriers.create).
    expect((await slackError(create({ restricted_subjects: ['im'] }))).error).toBe('invalid_restricted_subjects');
    expect((await slackError(create({ primary_usergroup_id: 'S0NOPE' }))).error).toBe('primary_usergroup_not_found');
    expect((await slackError(create({ barriered_from_usergroup_ids: ['S0NOPE'] }))).error).toBe('barriered_from_usergroups_not_found');
    // The fixture has an alice–bob DM (both eng); an alice–dan DM would be a new one across the barrier.
    const dmBefore = (await ws.userClient.conversations.open({ users: bob })).channel!.id!;
    const barrier = (await create({})).barrier as { id: string; primary_usergroup: { id: string }; restricted_subjects: string[] };
    expect(barrier).toMatchObject({ id: expect.stringMatching(/^Ba/), primary_usergroup: { id: eng }, restricted_subjects: ['im', 'mpim', 'call'] });
    expect((await slackError(create({ primary_usergroup_id: support, barriered_from_usergroup_ids: [eng] }))).error).toBe('barrier_already_exists');

    expect((await slackError(ws.userClient.conversations.open({ users: dan }))).error).toBe('user_not_visible');
    expect((await slackError(ws.userClient.conversations.open({ users: `${bob},${dan}` }))).error).toBe('user_not_visible');
    expect((await slackError(ws.userClient.chat.postMessage({ channel: dan, text: 'hi' }))).error).toBe('restricted_action');
    expect((await slackError(ws.userClient.calls.add({ external_unique_id: 'c-1', join_url: 'https://calls.example.com/1', users: [{ slack_id: dan }] } as never))).error).toBe('not_authorized');
    // Same side of the barrier, and channels, are unaffected.
    await ws.userClient.chat.postMessage({ channel: dmBefore, text: 'eng to eng is fine' });
    await ws.userClient.chat.postMessage({ channel: await channelId(ws.bot, 'general'), text: 'everyone can still talk here' });

    await ws.admin.admin.barriers.delete({ barrier_id: barrier.id });
    expect((await ws.admin.admin.barriers.list({})).barriers).toEqual([]);
    const dm = await ws.userClient.conversations.open({ users: dan });
    await ws.userClient.chat.postMessage({ channel: dm.channel!.id!, text: 'now we can talk' });
  });
});
