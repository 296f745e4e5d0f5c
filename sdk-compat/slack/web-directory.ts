/** @slack/web-api scenarios for people and workspace tools: users, usergroups, team, emoji, dnd, reminders, views, files, calls, canvases, lists, apps. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { clients, isSlackError } from './web-messaging.js';

const SDK = '@slack/web-api';

async function peopleScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const { bot, user } = clients(ctx, t);
  const all = await bot.users.list({ limit: 3 });
  t.check(all.members?.length === 3 && !!all.response_metadata?.next_cursor, 'users.list pages', all.response_metadata);
  t.check(all.members?.every((m) => m.profile?.email === undefined), 'emails hidden without users:read.email');
  const bob = (await user.users.lookupByEmail({ email: 'bob@acme.test' })).user!;
  await t.expectError(() => bot.users.lookupByEmail({ email: 'bob@acme.test' }), (e) => e?.data?.error === 'missing_scope' && e?.data?.needed === 'users:read.email', 'the bot lacks users:read.email');
  const info = await bot.users.info({ user: bob.id! });
  t.check(info.user?.real_name === 'Bob Baker', 'users.info returns the person', info.user);
  await user.users.setPresence({ presence: 'away' });
  const presence = await user.users.getPresence({});
  t.check(presence.presence === 'away' && presence.manual_away === true, 'manual away sticks', presence);
  await user.users.profile.set({ profile: { status_text: 'In a meeting', status_emoji: ':calendar:' } } as never);
  const profile = await bot.users.profile.get({ user: ctx.credentials.installerUserId });
  t.check(profile.profile?.status_text === 'In a meeting', 'profile.set is visible to others', profile.profile);
  const me = await user.users.identity({});
  t.check((me.user as { id?: string } | undefined)?.id === ctx.credentials.installerUserId, 'users.identity names the token owner', me);
  await user.users.setPhoto({ image: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
  await user.users.deletePhoto({});
  const disc = await user.users.discoverableContacts.lookup({ email: 'carol@acme.test' });
  t.check(disc.is_discoverable === true, 'an active person is discoverable', disc);

  const group = await bot.usergroups.create({ name: 'On-call', handle: 'oncall', description: 'Pager rotation' });
  const gid = group.usergroup!.id!;
  await bot.usergroups.users.update({ usergroup: gid, users: `${bob.id},${ctx.credentials.installerUserId}` });
  const members = await bot.usergroups.users.list({ usergroup: gid });
  t.check(members.users?.length === 2, 'two people on call', members);
  await bot.usergroups.update({ usergroup: gid, description: 'Primary pager rotation' });
  await bot.usergroups.disable({ usergroup: gid });
  const active = await bot.usergroups.list({});
  t.check(!active.usergroups?.some((g) => g.id === gid), 'disabled groups are hidden by default');
  await bot.usergroups.enable({ usergroup: gid });
  await t.expectError(() => bot.usergroups.create({ name: 'Other', handle: 'oncall' }), isSlackError('handle_already_exists'), 'handles are unique');

  const team = await bot.team.info({});
  t.check(team.team?.id === ctx.credentials.teamId && team.team?.domain === 'acme', 'team.info', team.team);
  await bot.team.profile.get({});
  await bot.team.preferences.list();
  await user.team.accessLogs({});
  await user.team.billableInfo({});
  await user.team.integrationLogs({});
  await user.team.billing.info({});
  await bot.team.externalTeams.list({});
  await t.expectError(() => bot.team.externalTeams.disconnect({ target_team: 'T0NOTATEAM' }), isSlackError('team_not_found'), 'no external team to disconnect');
  const emoji = await bot.emoji.list({});
  t.check((emoji.emoji as Record<string, string> | undefined)?.partyparrot !== undefined, 'custom emoji are listed', emoji);
  const botInfo = await bot.bots.info({ bot: ctx.credentials.botId });
  t.check(botInfo.bot?.user_id === ctx.credentials.botUserId, 'bots.info', botInfo);
}

async function personalScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const { bot, user } = clients(ctx, t);
  const r = await user.reminders.add({ text: 'Submit expenses', time: 'in 15 minutes' });
  const rid = r.reminder!.id!;
  t.check((await user.reminders.info({ reminder: rid })).reminder?.text === 'Submit expenses', 'reminders.info');
  t.check((await user.reminders.list({})).reminders?.length === 1, 'one reminder');
  await user.reminders.complete({ reminder: rid });
  await user.reminders.delete({ reminder: rid });
  await t.expectError(() => user.reminders.info({ reminder: rid }), isSlackError('not_found'), 'a deleted reminder is not_found');

  const snooze = await user.dnd.setSnooze({ num_minutes: 30 });
  t.check(snooze.snooze_enabled === true, 'snoozing', snooze);
  const dnd = await bot.dnd.info({ user: ctx.credentials.installerUserId });
  t.check((dnd as { snooze_enabled?: boolean }).snooze_enabled === true, 'dnd.info shows the snooze', dnd);
  await user.dnd.endSnooze();
  await user.dnd.endDnd();
  const teamInfo = await bot.dnd.teamInfo({ users: ctx.credentials.installerUserId } as never);
  t.check((teamInfo.users as Record<string, unknown>)?.[ctx.credentials.installerUserId] !== undefined, 'dnd.teamInfo');

  const home = await bot.views.publish({ user_id: ctx.credentials.installerUserId, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Welcome home' } }] } });
  t.check(home.view?.type === 'home', 'App Home is published', home.view);
  await bot.views.update({ view_id: home.view!.id!, view: { type: 'home', blocks: [{ type: 'divider' }] } });
  await t.expectError(() => bot.views.open({ trigger_id: '123.456.deadbeef', view: { type: 'modal', title: { type: 'plain_text', text: 'Hi' }, blocks: [] } }), isSlackError('invalid_trigger_id'), 'an unknown trigger is invalid_trigger_id');
  await t.expectError(() => bot.views.push({ trigger_id: '123.456.deadbeef', view: { type: 'modal', title: { type: 'plain_text', text: 'Hi' }, blocks: [] } }), isSlackError('invalid_trigger_id'), 'push needs a trigger too');
  await t.expectError(() => bot.dialog.open({ trigger_id: '123.456.deadbeef', dialog: { title: 'Hi', callback_id: 'x', elements: [{ type: 'text', label: 'a', name: 'a' }] } as never }), isSlackError('invalid_trigger_id'), 'dialog.open needs a trigger');
}

async function filesScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const { bot, user } = clients(ctx, t);
  const channels = await bot.conversations.list({ types: 'private_channel' });
  const lab = channels.channels!.find((c) => c.name === 'bot-lab')!.id!;
  const up: any = await bot.files.uploadV2({ channel_id: lab, file: Buffer.from('compat bytes'), filename: 'compat.txt', title: 'Compat', initial_comment: 'a file' });
  const id = up.files[0].files[0].id as string;
  const info = await bot.files.info({ file: id });
  t.check(info.file?.size === 12 && info.file?.groups?.includes(lab), 'the file is shared into #bot-lab', info.file);
  const listed = await bot.files.list({ channel: lab });
  t.check(listed.files?.[0]?.id === id, 'files.list by channel');
  const url = await bot.files.getUploadURLExternal({ filename: 'x.txt', length: 1 });
  await t.expectError(() => bot.files.completeUploadExternal({ files: [{ id: url.file_id! }] }), isSlackError('file_not_found'), 'a file never uploaded cannot complete');
  await t.expectError(() => bot.files.comments.delete({ file: id, id: 'Fc0000' }), isSlackError('cant_delete'), 'file comments are retired');
  const mine: any = await user.files.uploadV2({ channel_id: lab, content: 'shared doc', filename: 'doc.txt' });
  const docId = mine.files[0].files[0].id as string;
  await user.files.sharedPublicURL({ file: docId });
  await user.files.revokePublicURL({ file: docId });
  await bot.files.delete({ file: id });

  const remote = await bot.files.remote.add({ external_id: 'ext-1', external_url: 'https://example.com/doc', title: 'Remote doc' });
  await bot.files.remote.share({ file: remote.file!.id!, channels: lab });
  await bot.files.remote.update({ file: remote.file!.id!, title: 'Remote doc v2' });
  const rinfo = await bot.files.remote.info({ external_id: 'ext-1' });
  t.check(rinfo.file?.title === 'Remote doc v2', 'remote files update', rinfo.file);
  await bot.files.remote.list({});
  await bot.files.remote.remove({ external_id: 'ext-1' });
}

async function collabScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const { bot } = clients(ctx, t);
  const call = await bot.calls.add({ external_unique_id: 'zoom-1', join_url: 'https://example.com/join/1', title: 'Standup', users: [{ slack_id: ctx.credentials.installerUserId }] });
  const cid = call.call!.id!;
  await bot.calls.participants.add({ id: cid, users: [{ external_id: 'guest-1', display_name: 'Guest' }] });
  await bot.calls.participants.remove({ id: cid, users: [{ external_id: 'guest-1', display_name: 'Guest' }] });
  await bot.calls.update({ id: cid, title: 'Standup (running)' });
  const ci = await bot.calls.info({ id: cid });
  t.check(ci.call?.title === 'Standup (running)' && ci.call?.users?.length === 1, 'calls track title and participants', ci.call);
  await bot.calls.end({ id: cid, duration: 900 });
  await t.expectError(() => bot.calls.end({ id: cid }), isSlackError('inactive_call'), 'an ended call is inactive');

  const canvas = await bot.canvases.create({ title: 'Runbook', document_content: { type: 'markdown', markdown: '# Intro\nHello\n## Steps\n1. Page' } });
  const canvasId = canvas.canvas_id!;
  const found = await bot.canvases.sections.lookup({ canvas_id: canvasId, criteria: { contains_text: 'Steps' } });
  t.check(found.sections?.length === 1, 'one section mentions Steps', found);
  await bot.canvases.edit({ canvas_id: canvasId, changes: [{ operation: 'insert_after', section_id: found.sections![0].id!, document_content: { type: 'markdown', markdown: '## Rollback\nRevert' } }] });
  await bot.canvases.access.set({ canvas_id: canvasId, access_level: 'read', user_ids: [ctx.credentials.installerUserId] });
  await bot.canvases.access.delete({ canvas_id: canvasId, user_ids: [ctx.credentials.installerUserId] });
  await bot.canvases.delete({ canvas_id: canvasId });
  const lab = (await bot.conversations.list({ types: 'private_channel' })).channels!.find((c) => c.name === 'bot-lab')!.id!;
  await bot.conversations.canvases.create({ channel_id: lab, document_content: { type: 'markdown', markdown: '# Lab notes' } });

  const thread = await bot.chat.postMessage({ channel: lab, text: 'How can I help?' });
  await bot.assistant.threads.setStatus({ channel_id: lab, thread_ts: thread.ts!, status: 'is thinking…' });
  await bot.assistant.threads.setTitle({ channel_id: lab, thread_ts: thread.ts!, title: 'Help request' });
  await bot.assistant.threads.setSuggestedPrompts({ channel_id: lab, thread_ts: thread.ts!, prompts: [{ title: 'Summarize', message: 'Summarize this channel' }] });

  const list = await bot.slackLists.create({ name: 'Launch tasks' } as never);
  const listId = list.list_id!;
  const item = await bot.slackLists.items.create({ list_id: listId } as never);
  const itemId = (item.item as { id: string }).id;
  await bot.slackLists.items.update({ list_id: listId, cells: [{ row_id: itemId, column_id: 'Col1', rich_text: [] }] } as never);
  const items = await bot.slackLists.items.list({ list_id: listId } as never);
  t.check(items.items?.length === 1, 'one list item', items);
  await bot.slackLists.items.info({ list_id: listId, id: itemId } as never);
  const second = await bot.slackLists.items.create({ list_id: listId } as never);
  await bot.slackLists.items.deleteMultiple({ list_id: listId, ids: [(second.item as { id: string }).id] } as never);
  await bot.slackLists.items.delete({ list_id: listId, id: itemId } as never);
  await bot.slackLists.update({ id: listId, name: 'Launch tasks (Q3)' });
  await bot.slackLists.access.set({ list_id: listId, access_level: 'read', user_ids: [ctx.credentials.installerUserId] } as never);
  await bot.slackLists.access.delete({ list_id: listId, user_ids: [ctx.credentials.installerUserId] } as never);
  const job = await bot.slackLists.download.start({ list_id: listId } as never);
  const dl = await bot.slackLists.download.get({ list_id: listId, job_id: job.job_id } as never);
  t.check(dl.status === 'COMPLETED', 'list export completes', dl);
}

async function platformScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const { bot, user } = clients(ctx, t);
  const manifest = { display_information: { name: 'Compat Helper' }, features: { bot_user: { display_name: 'compat' } }, oauth_config: { scopes: { bot: ['chat:write'] } } };
  await bot.apps.manifest.validate({ manifest } as never);
  await t.expectError(() => bot.apps.manifest.validate({ manifest: { display_information: {} } } as never), isSlackError('invalid_manifest'), 'a nameless manifest is invalid');
  const created = await bot.apps.manifest.create({ manifest } as never);
  const appId = created.app_id!;
  await bot.apps.manifest.update({ app_id: appId, manifest: { ...manifest, display_information: { name: 'Compat Helper 2' } } } as never);
  const exported = await bot.apps.manifest.export({ app_id: appId });
  t.check((exported.manifest as { display_information?: { name?: string } })?.display_information?.name === 'Compat Helper 2', 'exported manifest reflects the update', exported);
  await bot.apps.manifest.delete({ app_id: appId });
  await bot.apps.user.connection.update({ user_id: ctx.credentials.installerUserId, status: 'connected' });

  const lab = (await bot.conversations.list({ types: 'private_channel' })).channels!.find((c) => c.name === 'bot-lab')!.id!;
  const inv = await bot.conversations.inviteShared({ channel: lab, emails: ['partner@example.org'] });
  const invites = await bot.conversations.listConnectInvites({});
  t.check(invites.invites?.some((i) => i.id === inv.invite_id), 'the invite is listed', invites);
  await bot.conversations.approveSharedInvite({ invite_id: inv.invite_id! });
  await t.expectError(() => bot.conversations.approveSharedInvite({ invite_id: inv.invite_id! }), isSlackError('already_approved'), 'approving twice');
  const inv2 = await bot.conversations.inviteShared({ channel: lab, emails: ['other@example.org'] });
  await bot.conversations.declineSharedInvite({ invite_id: inv2.invite_id! });
  await t.expectError(() => bot.conversations.acceptSharedInvite({ channel_name: 'shared', invite_id: 'I0NOPE' }), isSlackError('invalid_link'), 'no invite from another org');
  await t.expectError(() => bot.conversations.externalInvitePermissions.set({ channel: lab, target_team: 'T0OTHER', action: 'upgrade' }), isSlackError('not_supported'), 'no external members to upgrade');
  await bot.conversations.requestSharedInvite.list({});
  await t.expectError(() => bot.conversations.requestSharedInvite.approve({ invite_id: 'I0NOPE' }), isSlackError('invite_not_found'), 'unknown request');
  await t.expectError(() => bot.conversations.requestSharedInvite.deny({ invite_id: 'I0NOPE' }), isSlackError('invite_not_found'), 'unknown request');

  await bot.workflows.featured.add({ channel_id: lab, trigger_ids: ['Ft0001'] });
  await bot.workflows.featured.set({ channel_id: lab, trigger_ids: ['Ft0001', 'Ft0002'] });
  await bot.workflows.featured.remove({ channel_id: lab, trigger_ids: ['Ft0001'] });
  const featured = await bot.workflows.featured.list({ channel_ids: [lab] } as never);
  t.check((featured.featured_workflows as Array<{ triggers: unknown[] }>)?.[0]?.triggers.length === 1, 'one featured workflow left', featured);
  await t.expectError(() => bot.functions.completeSuccess({ function_execution_id: 'Fx0NOPE', outputs: {} }), isSlackError('function_execution_not_found'), 'no running function');
  await t.expectError(() => bot.functions.completeError({ function_execution_id: 'Fx0NOPE', error: 'boom' }), isSlackError('function_execution_not_found'), 'no running function');
  await t.expectError(() => bot.entity.presentDetails({ trigger_id: '1.2.nope' } as never), isSlackError('invalid_trigger_id'), 'entity details need a live trigger');
  const mig = await user.migration.exchange({ users: [ctx.credentials.installerUserId] } as never);
  t.check((mig.user_id_map as Record<string, string>)?.[ctx.credentials.installerUserId] === ctx.credentials.installerUserId, 'ids map to themselves', mig);
  const oidc = await user.openid.connect.userInfo();
  t.check(oidc.sub === ctx.credentials.installerUserId, 'OpenID userInfo names the person', oidc);
  await bot.blocks.validate({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ok' } }] } as never);
  await t.expectError(() => bot.blocks.validate({ blocks: [{ type: 'section', text: { type: 'invalid', text: 'x' } }] } as never),
    (e) => e?.data?.error === 'invalid_blocks' && e?.data?.errors?.[0]?.pointer === '/0/text/type', 'bad blocks are pinpointed');

  // Uninstalling revokes every token of the app, so it comes last.
  await bot.apps.uninstall({ client_id: ctx.credentials.clientId, client_secret: ctx.credentials.clientSecret });
  await t.expectError(() => bot.auth.test(), isSlackError('token_revoked'), 'the bot token is revoked after uninstall');
}

export const scenarios: Scenario[] = [
  { vendor: 'slack', sdk: SDK, name: 'web: people, profiles, presence, usergroups, team, emoji, bots', run: peopleScenario },
  { vendor: 'slack', sdk: SDK, name: 'web: reminders, dnd, App Home and modal triggers', run: personalScenario },
  { vendor: 'slack', sdk: SDK, name: 'web: files.uploadV2, file admin and remote files', run: filesScenario },
  { vendor: 'slack', sdk: SDK, name: 'web: calls, canvases, assistant threads, lists', run: collabScenario },
  { vendor: 'slack', sdk: SDK, name: 'web: manifests, Slack Connect invites, featured workflows, functions, OpenID', run: platformScenario },
];
