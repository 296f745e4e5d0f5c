// People through @slack/web-api: directory, emails and scopes, profiles, presence, usergroups, team info.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { startSlack, workspace, slackError, personClient } from './helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

describe('users', () => {
  it('lists everyone including bots and the deactivated user, paging with client.paginate', async () => {
    const ws = await workspace(server, 'users-list');
    const names: string[] = [];
    for await (const page of ws.bot.paginate('users.list', { limit: 3 }) as AsyncIterable<any>) names.push(...page.members.map((m: { name: string }) => m.name));
    expect(names).toEqual(['alice', 'bob', 'carol', 'dan', 'erin', 'frank', 'dtubot', 'standup']);
    const all = await ws.userClient.users.list({});
    const frank = all.members!.find((m) => m.name === 'frank')!;
    const bot = all.members!.find((m) => m.name === 'dtubot')!;
    expect(frank.deleted).toBe(true);
    expect(bot).toMatchObject({ is_bot: true, profile: { bot_id: ws.creds.botId, api_app_id: ws.creds.appId } });
    expect(all.members!.find((m) => m.name === 'erin')).toMatchObject({ is_restricted: true });
  });

  it('shows emails only to tokens with users:read.email (docs.slack.dev/reference/scopes/users.read.email)', async () => {
    const ws = await workspace(server, 'users-email');
    const alice = ws.creds.installerUserId;
    expect((await ws.bot.users.info({ user: alice })).user?.profile?.email).toBeUndefined();
    expect((await ws.userClient.users.info({ user: alice })).user?.profile?.email).toBe('alice@acme.test');
    expect((await slackError(ws.bot.users.info({ user: 'U00000NOPE0' }))).error).toBe('user_not_found');
    expect((await slackError(ws.userClient.users.lookupByEmail({ email: 'nobody@acme.test' }))).error).toBe('users_not_found');
  });

  it('sets profile fields (users.profile.set) and refuses editing others unless admin', async () => {
    const ws = await workspace(server, 'users-profile');
    const set = await ws.userClient.users.profile.set({ profile: { status_text: 'Heads down', status_emoji: ':headphones:', title: 'CEO' } } as never);
    expect(set.profile).toMatchObject({ status_text: 'Heads down', title: 'CEO' });
    expect((await ws.bot.users.info({ user: ws.creds.installerUserId })).user?.profile?.title).toBe('CEO');
    await ws.userClient.users.profile.set({ name: 'display_name', value: 'ally' } as never);
    expect((await ws.bot.users.profile.get({ user: ws.creds.installerUserId })).profile?.display_name).toBe('ally');
    const carol = await personClient(server, ws, 'carol');
    expect((await slackError(carol.client.users.profile.set({ user: ws.creds.installerUserId, profile: { title: 'x' } } as never))).error).toBe('not_admin');
    expect((await slackError(ws.userClient.users.profile.set({ profile: { status_text: 'x'.repeat(101) } } as never))).error).toBe('too_long');
    expect((await slackError(ws.bot.users.profile.set({ profile: { title: 'bot' } } as never))).error).toBe('not_allowed_token_type');
  });

  it('tracks manual presence', async () => {
    const ws = await workspace(server, 'users-presence');
    expect((await ws.userClient.users.getPresence({})).presence).toBe('active');
    await ws.userClient.users.setPresence({ presence: 'away' });
    expect(await ws.bot.users.getPresence({ user: ws.creds.installerUserId })).toMatchObject({ presence: 'away' });
    expect((await slackError(ws.userClient.users.setPresence({ presence: 'busy' as never }))).error).toBe('invalid_presence');
  });
});

describe('usergroups', () => {
  it('creates, fills, disables and re-enables a group with Slack’s uniqueness rules', async () => {
    const ws = await workspace(server, 'groups');
    const existing = await ws.bot.usergroups.list({ include_users: true });
    const eng = existing.usergroups!.find((g) => g.handle === 'eng')!;
    expect(eng.users).toHaveLength(3);
    expect((await slackError(ws.bot.usergroups.create({ name: 'Engineering' }))).error).toBe('name_already_exists');
    expect((await slackError(ws.bot.usergroups.create({ name: 'Eng 2', handle: 'eng' }))).error).toBe('handle_already_exists');
    expect((await slackError(ws.bot.usergroups.create({ name: 'Here', handle: 'here' }))).error).toBe('forbidden_handle');
    const g = (await ws.bot.usergroups.create({ name: 'Designers', handle: 'design' })).usergroup!;
    await ws.bot.usergroups.users.update({ usergroup: g.id!, users: ws.creds.installerUserId });
    expect((await ws.bot.usergroups.users.list({ usergroup: g.id! })).users).toEqual([ws.creds.installerUserId]);
    expect((await slackError(ws.bot.usergroups.users.update({ usergroup: g.id!, users: ws.creds.botUserId }))).error).toBe('invalid_users');
    await ws.bot.usergroups.disable({ usergroup: g.id! });
    expect((await ws.bot.usergroups.list({})).usergroups!.some((x) => x.id === g.id)).toBe(false);
    expect((await ws.bot.usergroups.list({ include_disabled: true })).usergroups!.find((x) => x.id === g.id)?.date_delete).toBeGreaterThan(0);
    await ws.bot.usergroups.enable({ usergroup: g.id! });
    expect((await slackError(ws.bot.usergroups.users.list({ usergroup: 'S0000NOPE' }))).error).toBe('no_such_subteam');
  });
});

describe('team', () => {
  it('describes the workspace (team.info) and its bot (bots.info)', async () => {
    const ws = await workspace(server, 'team');
    const t = await ws.bot.team.info({});
    expect(t.team).toMatchObject({ id: ws.creds.teamId, name: 'Acme Corp', domain: 'acme', enterprise_id: ws.creds.enterpriseId });
    expect((await slackError(ws.bot.team.info({ team: 'T0OTHER' }))).error).toBe('team_not_found');
    expect((await ws.bot.bots.info({})).bot).toMatchObject({ id: ws.creds.botId, app_id: ws.creds.appId, user_id: ws.creds.botUserId });
    const billable = await ws.userClient.team.billableInfo({});
    expect(Object.values(billable.billable_info as Record<string, { billing_active: boolean }>).filter((b) => !b.billing_active)).toHaveLength(1);
  });
});
