/** @slack/web-api scenarios for Enterprise administration: admin.users/inviteRequests, admin.conversations, admin.teams/emoji/usergroups/roles/barriers/apps and friends. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { clients, isSlackError } from './web-messaging.js';

const SDK = '@slack/web-api';

async function adminUsers(ctx: CompatContext, t: Tracker): Promise<void> {
  const { admin, user, bot } = clients(ctx, t);
  const team_id = ctx.credentials.teamId as string;
  const general = (await bot.conversations.list({})).channels!.find((c) => c.name === 'general')!.id!;
  await admin.admin.users.invite({ team_id, email: 'new.person@acme.test', channel_ids: [general], real_name: 'New Person' } as never);
  const listed = await admin.admin.users.list({ team_id, limit: 100 } as never);
  const fresh = (listed.users as Array<{ id: string; email: string }>).find((u) => u.email === 'new.person@acme.test');
  t.check(!!fresh, 'the invited person is provisioned', listed.users);
  const members = await bot.conversations.members({ channel: general });
  t.check(members.members?.includes(fresh!.id), 'and placed in their channel');
  await t.expectError(() => admin.admin.users.invite({ team_id, email: 'new.person@acme.test', channel_ids: [general] } as never), isSlackError('already_in_team'), 'inviting twice is already_in_team');
  await admin.admin.users.setAdmin({ team_id, user_id: fresh!.id });
  t.check((await bot.users.info({ user: fresh!.id })).user?.is_admin === true, 'setAdmin is visible in users.info');
  await admin.admin.users.setOwner({ team_id, user_id: fresh!.id });
  await admin.admin.users.setRegular({ team_id, user_id: fresh!.id });
  const future = Math.floor(Date.parse((await ctx.control('GET', 'clock')).now) / 1000) + 86400 * 30;
  await admin.admin.users.setExpiration({ team_id, user_id: fresh!.id, expiration_ts: future } as never);
  const exp = await admin.admin.users.getExpiration({ team_id, user_id: fresh!.id } as never);
  t.check(exp.user?.expiration_ts === future, 'expiration round-trips', exp);
  await admin.admin.users.remove({ team_id, user_id: fresh!.id });
  t.check((await bot.users.info({ user: fresh!.id })).user?.deleted === true, 'removed people are deactivated');
  await admin.admin.users.assign({ team_id, user_id: fresh!.id, channel_ids: general } as never);
  t.check((await bot.users.info({ user: fresh!.id })).user?.deleted === false, 'assign brings them back');
  await t.expectError(() => user.admin.users.list({ team_id } as never), (e) => e?.data?.error === 'missing_scope', 'a token without admin scopes is missing_scope');

  const sessions = await admin.admin.users.session.list({ user_id: ctx.credentials.installerUserId } as never);
  const sid = (sessions.active_sessions as Array<{ session_id: number }>)[0].session_id;
  await admin.admin.users.session.invalidate({ team_id, session_id: String(sid) } as never);
  await admin.admin.users.session.reset({ user_id: fresh!.id });
  await admin.admin.users.session.resetBulk({ user_ids: [fresh!.id] } as never);
  await admin.admin.users.session.setSettings({ user_ids: [fresh!.id], duration: 3600 } as never);
  const settings = await admin.admin.users.session.getSettings({ user_ids: [fresh!.id, ctx.credentials.installerUserId] } as never);
  t.check((settings.session_settings as unknown[])?.length === 1 && (settings.no_settings_applied as string[])?.length === 1, 'settings for one of two', settings);
  await admin.admin.users.session.clearSettings({ user_ids: [fresh!.id] } as never);
  await admin.admin.users.unsupportedVersions.export({} as never);

  const pending = await admin.admin.inviteRequests.list({ team_id } as never);
  const reqs = pending.invite_requests as Array<{ id: string; email: string }>;
  t.check(reqs.length === 2, 'two pending invite requests from the fixture', reqs);
  await admin.admin.inviteRequests.approve({ team_id, invite_request_id: reqs[0].id } as never);
  await admin.admin.inviteRequests.deny({ team_id, invite_request_id: reqs[1].id } as never);
  await t.expectError(() => admin.admin.inviteRequests.deny({ team_id, invite_request_id: reqs[1].id } as never), isSlackError('already_reviewed'), 'a reviewed request cannot be reviewed again');
  const approved = await admin.admin.inviteRequests.approved.list({ team_id } as never);
  t.check((approved.approved_requests as unknown[])?.length === 1, 'one approved request');
  await admin.admin.inviteRequests.denied.list({ team_id } as never);
  t.check(!!(await user.users.lookupByEmail({ email: reqs[0].email })).user, 'the approved invitee exists');
}

async function adminConversations(ctx: CompatContext, t: Tracker): Promise<void> {
  const { admin, bot } = clients(ctx, t);
  const team_id = ctx.credentials.teamId as string;
  const created = await admin.admin.conversations.create({ name: 'org-announcements', is_private: false, team_id, description: 'Org news' });
  const id = created.channel_id!;
  await admin.admin.conversations.invite({ channel_id: id, user_ids: [ctx.credentials.botUserId] } as never);
  await admin.admin.conversations.rename({ channel_id: id, name: 'org-news' });
  const found = await admin.admin.conversations.search({ query: 'org-news' } as never);
  t.check((found.conversations as Array<{ id: string }>)?.[0]?.id === id, 'search finds the renamed channel', found);
  await admin.admin.conversations.setConversationPrefs({ channel_id: id, prefs: { who_can_post: 'type:admin' } } as never);
  const prefs = await admin.admin.conversations.getConversationPrefs({ channel_id: id });
  t.check((prefs.prefs as { who_can_post?: { type?: string[] } })?.who_can_post?.type?.[0] === 'admin', 'prefs round-trip', prefs);
  await t.expectError(() => bot.chat.postMessage({ channel: id, text: 'hi' }), isSlackError('restricted_action'), 'only admins may post once who_can_post is admin');
  await admin.admin.conversations.getTeams({ channel_id: id });
  await admin.admin.conversations.setTeams({ channel_id: id, target_team_ids: [team_id] } as never);
  await admin.admin.conversations.setCustomRetention({ channel_id: id, duration_days: 90 });
  const ret = await admin.admin.conversations.getCustomRetention({ channel_id: id });
  t.check(ret.duration_days === 90 && ret.is_policy_enabled === true, 'custom retention', ret);
  await admin.admin.conversations.removeCustomRetention({ channel_id: id });
  await admin.admin.conversations.restrictAccess.addGroup({ channel_id: id, group_id: 'S0IDPGROUP' });
  const groups = await admin.admin.conversations.restrictAccess.listGroups({ channel_id: id });
  t.check(groups.group_ids?.[0] === 'S0IDPGROUP', 'restricted groups', groups);
  await admin.admin.conversations.restrictAccess.removeGroup({ channel_id: id, group_id: 'S0IDPGROUP', team_id });
  await admin.admin.conversations.convertToPrivate({ channel_id: id });
  await admin.admin.conversations.convertToPublic({ channel_id: id });
  await admin.admin.conversations.archive({ channel_id: id });
  t.check((await bot.conversations.info({ channel: id })).channel?.is_archived === true, 'admin archive is visible to the bot');
  await admin.admin.conversations.unarchive({ channel_id: id });
  const now = Math.floor(Date.parse((await ctx.control('GET', 'clock')).now) / 1000);
  const idle = await admin.admin.conversations.lookup({ last_message_activity_before: now + 60, team_ids: [team_id] } as never);
  t.check((idle.channel_ids ?? []).length > 0, 'idle channels are found', idle);
  await t.expectError(() => admin.admin.conversations.disconnectShared({ channel_id: id }), isSlackError('not_supported'), 'the channel is not shared');
  await admin.admin.conversations.ekm.listOriginalConnectedChannelInfo({});
  const extra = await admin.admin.conversations.create({ name: 'temp-a', is_private: true, team_id });
  const extra2 = await admin.admin.conversations.create({ name: 'temp-b', is_private: false, team_id });
  const extra3 = await admin.admin.conversations.create({ name: 'temp-c', is_private: false, team_id });
  await admin.admin.conversations.bulkArchive({ channel_ids: [extra.channel_id!] } as never);
  await admin.admin.conversations.bulkMove({ channel_ids: [extra2.channel_id!], target_team_id: team_id } as never);
  await admin.admin.conversations.bulkDelete({ channel_ids: [extra2.channel_id!] } as never);
  await admin.admin.conversations.delete({ channel_id: extra3.channel_id! });
  await t.expectError(() => bot.conversations.info({ channel: extra3.channel_id! }), isSlackError('channel_not_found'), 'deleted channels are gone');
}

async function adminOrg(ctx: CompatContext, t: Tracker): Promise<void> {
  const { admin, bot } = clients(ctx, t);
  const team_id = ctx.credentials.teamId as string;
  await admin.admin.emoji.add({ name: 'compat', url: 'https://example.com/compat.png' });
  await admin.admin.emoji.addAlias({ name: 'compat2', alias_for: 'compat' });
  await admin.admin.emoji.rename({ name: 'compat', new_name: 'compat_one' });
  const emoji = await admin.admin.emoji.list({});
  t.check((emoji.emoji as Record<string, unknown>)?.compat_one !== undefined, 'renamed emoji listed', emoji);
  t.check(((await bot.emoji.list({})).emoji as Record<string, string>)?.compat2 === 'alias:compat', 'aliases show in emoji.list');
  await admin.admin.emoji.remove({ name: 'compat2' });

  const groups = await bot.usergroups.list({});
  const eng = groups.usergroups!.find((g) => g.handle === 'eng')!.id!;
  const general = (await bot.conversations.list({})).channels!.find((c) => c.name === 'general')!.id!;
  await admin.admin.usergroups.addChannels({ usergroup_id: eng, channel_ids: [general] } as never);
  const chans = await admin.admin.usergroups.listChannels({ usergroup_id: eng, include_num_members: true } as never);
  t.check((chans.channels as Array<{ id: string }>)?.[0]?.id === general, 'usergroup default channels', chans);
  await admin.admin.usergroups.removeChannels({ usergroup_id: eng, channel_ids: [general] } as never);
  await admin.admin.usergroups.addTeams({ usergroup_id: eng, team_ids: [team_id] } as never);

  await admin.admin.teams.settings.setName({ team_id, name: 'Acme Inc' });
  await admin.admin.teams.settings.setDescription({ team_id, description: 'We make everything' });
  await admin.admin.teams.settings.setDiscoverability({ team_id, discoverability: 'open' });
  await admin.admin.teams.settings.setIcon({ team_id, image_url: 'https://example.com/icon.png' });
  await admin.admin.teams.settings.setDefaultChannels({ team_id, channel_ids: [general] } as never);
  const settings = await admin.admin.teams.settings.info({ team_id });
  t.check((settings.team as { name?: string })?.name === 'Acme Inc', 'settings.info reflects the rename', settings);
  t.check((await bot.team.info({})).team?.name === 'Acme Inc', 'and team.info too');
  const newTeam = await admin.admin.teams.create({ team_domain: 'acme-labs', team_name: 'Acme Labs' });
  const teams = await admin.admin.teams.list({});
  t.check((teams.teams as Array<{ id: string }>)?.some((x) => x.id === newTeam.team), 'the new team is listed', teams);
  const admins = await admin.admin.teams.admins.list({ team_id });
  t.check(admins.admin_ids?.includes(ctx.credentials.installerUserId), 'admins.list');
  await admin.admin.teams.owners.list({ team_id });

  await admin.admin.roles.addAssignments({ role_id: 'Rl0A', entity_ids: [team_id], user_ids: [ctx.credentials.installerUserId] } as never);
  const roles = await admin.admin.roles.listAssignments({ role_ids: ['Rl0A'] } as never);
  t.check((roles.role_assignments as unknown[])?.length === 1, 'one role assignment', roles);
  await admin.admin.roles.removeAssignments({ role_id: 'Rl0A', entity_ids: [team_id], user_ids: [ctx.credentials.installerUserId] } as never);

  const support = groups.usergroups!.find((g) => g.handle === 'support')!.id!;
  const barrier = await admin.admin.barriers.create({ primary_usergroup_id: eng, barriered_from_usergroup_ids: [support], restricted_subjects: ['im', 'mpim', 'call'] } as never);
  const bid = (barrier.barrier as { id: string }).id;
  // "Currently you must pass all three im,mpim,call" (https://docs.slack.dev/reference/methods/admin.barriers.update).
  await t.expectError(() => admin.admin.barriers.update({ barrier_id: bid, primary_usergroup_id: eng, barriered_from_usergroup_ids: [support], restricted_subjects: ['im'] } as never), (e) => e?.data?.error === 'invalid_restricted_subjects', 'a barrier restricts all three subjects');
  await admin.admin.barriers.update({ barrier_id: bid, primary_usergroup_id: eng, barriered_from_usergroup_ids: [support], restricted_subjects: ['im', 'mpim', 'call'] } as never);
  t.check(((await admin.admin.barriers.list({})).barriers as unknown[])?.length === 1, 'one barrier');
  await admin.admin.barriers.delete({ barrier_id: bid });

  const appId = ctx.credentials.appId as string;
  await admin.admin.apps.approve({ app_id: appId, team_id } as never);
  const approved = await admin.admin.apps.approved.list({});
  t.check((approved.approved_apps as Array<{ app: { id: string } }>)?.[0]?.app.id === appId, 'approved apps', approved);
  await admin.admin.apps.clearResolution({ app_id: appId } as never);
  await admin.admin.apps.restrict({ app_id: appId, team_id } as never);
  await admin.admin.apps.restricted.list({} as never);
  await admin.admin.apps.requests.list({} as never);
  await t.expectError(() => admin.admin.apps.requests.cancel({ request_id: 'Ar0NOPE' } as never), isSlackError('invalid_request_id'), 'no such request');
  await admin.admin.apps.activities.list({});
  await admin.admin.apps.config.set({ app_id: appId, workflow_auth_strategy: 'end_user_only' } as never);
  const cfg = await admin.admin.apps.config.lookup({ app_ids: [appId] } as never);
  t.check(cfg.configs?.[0]?.workflow_auth_strategy === 'end_user_only', 'app config round-trips', cfg);

  await admin.admin.auth.policy.assignEntities({ entity_ids: [ctx.credentials.installerUserId], entity_type: 'USER', policy_name: 'email_password' } as never);
  const ents = await admin.admin.auth.policy.getEntities({ policy_name: 'email_password' } as never);
  t.check(ents.entity_total_count === 1, 'one entity on the policy', ents);
  await admin.admin.auth.policy.removeEntities({ entity_ids: [ctx.credentials.installerUserId], entity_type: 'USER', policy_name: 'email_password' } as never);
  await admin.admin.functions.list({ app_ids: [appId] } as never);
  await admin.admin.functions.permissions.lookup({ function_ids: ['Fn0001'] } as never);
  await t.expectError(() => admin.admin.functions.permissions.set({ function_id: 'Fn0NOPE', visibility: 'everyone' } as never), isSlackError('function_not_found'), 'no deployed functions');
  await admin.admin.workflows.search({});
  await admin.admin.workflows.permissions.lookup({ workflow_ids: ['Wf0001'] } as never);
  await t.expectError(() => admin.admin.workflows.collaborators.add({ collaborator_ids: [ctx.credentials.installerUserId], workflow_ids: ['Wf0NOPE'] } as never), isSlackError('workflow_not_found'), 'no workflows');
  await t.expectError(() => admin.admin.workflows.collaborators.remove({ collaborator_ids: [ctx.credentials.installerUserId], workflow_ids: ['Wf0NOPE'] } as never), isSlackError('workflow_not_found'), 'no workflows');
  await t.expectError(() => admin.admin.workflows.unpublish({ workflow_ids: ['Wf0NOPE'] } as never), isSlackError('workflow_not_found'), 'no workflows');
  const file = await admin.admin.analytics.getFile({ type: 'member', date: '2024-01-01' } as never);
  t.check(JSON.stringify(file).includes(ctx.credentials.installerUserId), 'the gzipped analytics file lists members', Object.keys(file));
  const other = (await bot.apps.manifest.create({ manifest: { display_information: { name: 'Throwaway' } } } as never)).app_id!;
  await admin.admin.apps.uninstall({ app_id: other, team_ids: [team_id] } as never);
}

export const scenarios: Scenario[] = [
  { vendor: 'slack', sdk: SDK, name: 'web admin: people provisioning, roles, expiration, sessions, invite requests', run: adminUsers },
  { vendor: 'slack', sdk: SDK, name: 'web admin: conversation management, prefs, retention, bulk actions', run: adminConversations },
  { vendor: 'slack', sdk: SDK, name: 'web admin: emoji, usergroups, team settings, roles, barriers, apps, policies, analytics', run: adminOrg },
];
