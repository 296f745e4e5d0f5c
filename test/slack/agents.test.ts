// Slack Code and agent sessions (https://docs.slack.dev/ai/slack-code/, https://docs.slack.dev/ai/agent-sessions): agents.* through @slack/web-api.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { startSlack, slackError } from './helpers.js';
import { rtWorkspace } from './realtime-helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

describe('code channels (https://docs.slack.dev/ai/slack-code/lifecycle)', () => {
  it('creates a code channel from the message that started the work, idempotently per session_id, and archives it with a summary shared back', async () => {
    const w = await rtWorkspace(server, 'agents-lifecycle');
    const origin = w.channel('engineering');
    const ask = await w.userClient.chat.postMessage({ channel: origin, text: 'Migrate the billing cron, please' });
    const created = await w.bot.agents.conversations.create({ name: '', origin_channel_id: origin, origin_message_ts: ask.ts!, session_id: 'ses_42' } as never);
    const channel = created.channel_id!;
    expect((await w.bot.agents.conversations.create({ name: 'anything', session_id: 'ses_42' })).channel_id).toBe(channel);
    const info = (await w.bot.conversations.info({ channel })).channel!;
    // Named from the origin message; privacy follows the (public) origin channel; the asker is invited.
    expect(info).toMatchObject({ name: 'migrate-the-billing-cron-please', is_private: false, creator: w.creds.botUserId });
    expect((await w.bot.conversations.members({ channel })).members).toEqual([w.creds.botUserId, w.person('alice')]);
    const header = (await w.slack('GET', `agents/${channel}`)).body;
    expect(header.session).toMatchObject({ status: 'active', title: 'Migrate the billing cron, please', initiator_user_id: w.person('alice') });

    expect((await slackError(w.bot.agents.conversations.create({ name: 'x', origin_channel_id: origin } as never))).error).toBe('invalid_arguments');
    expect((await slackError(w.bot.agents.conversations.create({ name: 'x', origin_channel_id: w.channel('leadership'), origin_message_ts: ask.ts! }))).error).toBe('channel_not_found');
    expect((await slackError(w.bot.agents.conversations.create({ name: 'x', origin_channel_id: origin, origin_message_ts: '1.000001' }))).error).toBe('message_not_found');
    expect((await slackError(w.userClient.agents.conversations.create({ name: 'x' }))).error).toBe('not_allowed_token_type');
    expect((await slackError(w.bot.agents.conversations.listViews({ channel_id: origin }))).error).toBe('not_agent_channel');

    const summary = await w.bot.chat.postMessage({ channel, text: 'Done: the cron now runs on the new scheduler.' });
    await w.bot.agents.conversations.archive({ channel_id: channel, summary_message_ts: summary.ts });
    expect((await w.bot.conversations.info({ channel })).channel?.is_archived).toBe(true);
    expect((await slackError(w.bot.agents.conversations.archive({ channel_id: channel }))).error).toBe('already_archived');
    const thread = await w.bot.conversations.replies({ channel: origin, ts: ask.ts! });
    expect(thread.messages?.map((m) => m.text)).toEqual(['Migrate the billing cron, please', 'Done: the cron now runs on the new scheduler.']);
    expect((await w.slack('GET', `agents/${channel}`)).body).toMatchObject({ code_channel: { summary_message: { message_ts: summary.ts } }, session: { status: 'closed' } });
  });

  it('keeps the context bar, per-agent commands and up to five views, with Slack’s limits', async () => {
    const w = await rtWorkspace(server, 'agents-props');
    const channel = (await w.bot.agents.conversations.create({ name: 'Fix flaky tests', is_private: true })).channel_id!;
    expect((await w.bot.conversations.info({ channel })).channel).toMatchObject({ name: 'fix-flaky-tests', is_private: true });
    await w.bot.agents.conversations.setProperties({ channel_id: channel, code_channel: { context_bar_items: [{ key: 'repo', label: 'acme/api', icon: 'folder' }, { key: 'ci', label: 'CI: red', url: 'https://ci.example.com/1', item_type: 'action' }] }, agent_resource: { title: 'PR #7', provider: 'github' } });
    const six = Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, label: `item ${i}` }));
    expect((await slackError(w.bot.agents.conversations.setProperties({ channel_id: channel, code_channel: { context_bar_items: six } }))).error).toBe('invalid_arguments');
    expect((await slackError(w.bot.agents.conversations.setProperties({ channel_id: channel, code_channel: { context_bar_items: [{ key: 'x', label: 'x', icon: 'rocket' }] } }))).error).toBe('invalid_arguments');
    const cmd = await w.bot.agents.conversations.setCommands({ channel_id: channel, commands: [{ name: 'run-tests', description: 'Run the suite' }, { name: 'create-pr' }] });
    expect(cmd).toMatchObject({ channel_id: channel, command_count: 2 });
    expect((await slackError(w.bot.agents.conversations.setCommands({ channel_id: channel, commands: [{ name: 'remind' }] }))).error).toBe('invalid_arguments');
    expect((await slackError(w.bot.agents.conversations.setCommands({ channel_id: channel, commands: [{ name: 'a' }, { name: 'a' }] }))).error).toBe('invalid_arguments');

    const html = await w.bot.agents.conversations.setView({ channel_id: channel, view_key: 'reports/coverage.html', content: '<html>70%</html>' });
    expect(html).toMatchObject({ type: 'html', content_version: 1, view_id: expect.any(String), file_id: expect.stringMatching(/^F/) });
    expect((await w.bot.agents.conversations.setView({ channel_id: channel, view_key: 'reports/coverage.html', content: '<html>80%</html>' }))).toMatchObject({ view_id: html.view_id, content_version: 2 });
    const diff = await w.bot.agents.conversations.setView({ channel_id: channel, type: 'diff', content: '--- a\n+++ b', view_key: 'ignored' });
    expect((await w.bot.agents.conversations.setView({ channel_id: channel, type: 'diff', content: '--- a\n+++ c' })).view_id).toBe(diff.view_id);
    expect((await slackError(w.bot.agents.conversations.setView({ channel_id: channel, view_key: 'big.html', content: 'x'.repeat(1_000_001) }))).error).toBe('content_too_large');
    expect((await slackError(w.bot.agents.conversations.setView({ channel_id: channel, content: '<p>no key</p>' }))).error).toBe('invalid_arguments');
    expect((await slackError(w.bot.agents.conversations.setView({ channel_id: channel, type: 'canvas', view_key: 'plan', canvas_id: 'F0NOPE' }))).error).toBe('canvas_not_found');
    for (const k of ['a', 'b', 'c']) await w.bot.agents.conversations.setView({ channel_id: channel, type: 'block_kit', view_key: k, blocks: [{ type: 'divider' }] });
    expect((await slackError(w.bot.agents.conversations.setView({ channel_id: channel, type: 'block_kit', view_key: 'd', blocks: [{ type: 'divider' }] }))).error).toBe('invalid_arguments');
    const views = (await w.bot.agents.conversations.listViews({ channel_id: channel })).views!;
    expect(views.map((v) => [v.label, v.content_version])).toEqual([['coverage', 2], ['Diff', 2], ['a', 1], ['b', 1], ['c', 1]]);
    expect(await w.bot.agents.conversations.removeView({ channel_id: channel, view_key: 'reports/coverage.html' })).toMatchObject({ channel_id: channel, view_id: html.view_id });
    expect((await slackError(w.bot.agents.conversations.removeView({ channel_id: channel, view_id: html.view_id }))).error).toBe('view_not_found');
    expect((await slackError(w.bot.agents.conversations.removeView({ channel_id: channel, view_key: 'a', view_id: 'T1' }))).error).toBe('invalid_arguments');
    const header = (await w.slack('GET', `agents/${channel}`)).body.code_channel;
    expect(header.context_bar_items.map((i: { key: string; item_type: string }) => [i.key, i.item_type])).toEqual([['repo', 'info'], ['ci', 'action']]);
    expect(header.agent_resource).toEqual({ title: 'PR #7', provider: 'github' });
    expect(header.commands[w.creds.appId].map((c: { name: string }) => c.name)).toEqual(['run-tests', 'create-pr']);
  });

  it('revises a comment-only plan canvas by diff: unchanged sections keep their ids and comment threads (https://docs.slack.dev/reference/methods/agents.conversations.setCanvasContent)', async () => {
    const w = await rtWorkspace(server, 'agents-canvas');
    const channel = (await w.bot.agents.conversations.create({ name: 'Plan the migration' })).channel_id!;
    const canvas = (await w.bot.canvases.create({ title: 'Plan', document_content: { type: 'markdown', markdown: '# Steps\n1. copy data\n# Risks\nnone known' } })).canvas_id!;
    expect((await slackError(w.bot.agents.conversations.getCanvas({ channel, canvas_id: canvas }))).error).toBe('canvas_not_found');
    await w.bot.agents.conversations.setView({ channel_id: channel, type: 'canvas', view_key: 'plan', canvas_id: canvas, access_level: 'comment' });
    const risks = (await w.bot.canvases.sections.lookup({ canvas_id: canvas, criteria: { contains_text: 'Risks' } })).sections![0].id!;
    const steps = (await w.bot.canvases.sections.lookup({ canvas_id: canvas, criteria: { contains_text: 'Steps' } })).sections![0].id!;
    const onRisks = (await w.act('canvas_comment', { user: w.person('alice'), canvas_id: canvas, section_id: risks, text: 'What about downtime?' })).comment;
    await w.act('canvas_comment', { user: w.person('bob'), canvas_id: canvas, reply_to: onRisks.id, text: '+1' });
    await w.act('canvas_comment', { user: w.person('alice'), canvas_id: canvas, section_id: steps, text: 'Step 2?' });

    const first = await w.bot.agents.conversations.setCanvasContent({ channel, canvas_id: canvas, content: '# Steps\n1. copy data\n2. switch traffic\n# Risks\nnone known' });
    expect(first.sections_changed_count).toBe(1);
    const read = await w.bot.agents.conversations.getCanvas({ channel, canvas_id: canvas });
    expect(read.content).toBe('# Steps\n1. copy data\n2. switch traffic\n# Risks\nnone known');
    expect(read.comments?.map((c) => [c.text, c.quoted_text, c.replies?.map((r) => r.text)])).toEqual([['What about downtime?', '# Risks', ['+1']]]);
    expect((await w.bot.agents.conversations.setCanvasContent({ channel, canvas_id: canvas, content: read.content! })).sections_changed_count).toBe(0);
    await w.act('canvas_comment', { user: w.person('alice'), canvas_id: canvas, reply_to: onRisks.id, resolve: true });
    expect((await w.bot.agents.conversations.getCanvas({ channel, canvas_id: canvas })).comments).toEqual([]);
    expect((await w.bot.agents.conversations.getCanvas({ channel, canvas_id: canvas, include_resolved: true })).comments?.[0]).toMatchObject({ is_resolved: true });
  });
});

describe('agent sessions (https://docs.slack.dev/ai/agent-sessions)', () => {
  it('sets status on thread sessions, creating them on first use; renames; the stop button reaches the app', async () => {
    const w = await rtWorkspace(server, 'agents-sessions');
    const lab = w.channel('bot-lab');
    const ask = await w.userClient.chat.postMessage({ channel: lab, text: '@dtubot summarize this week' });
    const set = await w.bot.agents.sessions.setStatus({ channel_id: lab, thread_ts: ask.ts!, status: 'processing', title: 'Weekly summary', initiator_user_id: w.person('alice') });
    expect(set).toMatchObject({ status: 'processing', agent_status: 'processing', title: 'Weekly summary' });
    expect(set.response_metadata?.warnings).toBeUndefined();
    // Title only counts on creation; rename changes it.
    expect((await w.bot.agents.sessions.setStatus({ channel_id: lab, thread_ts: ask.ts!, status: 'processing', title: 'ignored' })).title).toBe('Weekly summary');
    expect((await w.bot.agents.sessions.rename({ channel_id: lab, thread_ts: ask.ts!, title: 'This week, summarized' })).title).toBe('This week, summarized');
    expect((await slackError(w.bot.agents.sessions.setStatus({ channel_id: lab, status: 'active' }))).error).toBe('thread_ts_required');
    expect((await slackError(w.bot.agents.sessions.setStatus({ channel_id: lab, thread_ts: ask.ts!, status: 'done' }))).error).toBe('invalid_status');
    expect((await slackError(w.bot.agents.sessions.setStatus({ channel_id: w.channel('random'), thread_ts: '1.000001', status: 'active' }))).error).toBe('not_authorized');
    expect((await slackError(w.bot.agents.sessions.setStatus({ channel_id: lab, thread_ts: '2.000001', status: 'active', initiator_user_id: w.person('bob') }))).error).toBe('user_not_found');
    expect((await slackError(w.bot.agents.sessions.rename({ channel_id: lab, thread_ts: '3.000001', title: 'x' }))).error).toBe('session_not_found');

    // The stop button: the app's streaming reply in the thread stops, and the app hears agent_session_stopped.
    const stream = await w.bot.chat.startStream({ channel: lab, thread_ts: ask.ts!, markdown_text: 'Reading…' } as never);
    const stop = await w.act('agent_stop', { user: w.person('alice'), channel: lab, thread_ts: ask.ts! });
    expect(stop.event).toEqual({ type: 'agent_session_stopped', channel: lab, thread_ts: ask.ts, user: w.person('alice'), streaming_message_ts: [stream.ts] });
    const { deliveries } = (await w.slack('GET', 'deliveries?kind=events_api')).body;
    expect(deliveries.at(-1).payload.event).toMatchObject({ type: 'agent_session_stopped', streaming_message_ts: [stream.ts] });
    expect((await slackError(w.bot.chat.appendStream({ channel: lab, ts: stream.ts!, markdown_text: 'more' } as never))).error).toBe('message_not_in_streaming_state');
    await w.bot.agents.sessions.setStatus({ channel_id: lab, thread_ts: ask.ts!, status: 'active' });
    expect((await w.slack('POST', 'act/agent_stop', { user: w.person('alice'), channel: lab, thread_ts: ask.ts })).status).toBe(409);

    // Unsubscribed from agent_session_stopped: Slack warns that the stop button cannot work.
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { bot_events: ['app_mention'] });
    const warned = await w.bot.agents.sessions.setStatus({ channel_id: lab, thread_ts: ask.ts!, status: 'closed' });
    expect(warned.response_metadata?.warnings).toEqual(['missing_agent_session_stopped_event_subscription']);
  });

  it('a code channel has one channel-level session; renaming it renames the channel', async () => {
    const w = await rtWorkspace(server, 'agents-channel-session');
    const channel = (await w.bot.agents.conversations.create({ name: 'Refactor auth' })).channel_id!;
    expect((await slackError(w.bot.agents.sessions.setStatus({ channel_id: channel, thread_ts: '1.000001', status: 'processing' }))).error).toBe('thread_ts_not_allowed');
    expect((await w.bot.agents.sessions.setStatus({ channel_id: channel, status: 'suspended' })).title).toBe('Refactor auth');
    await w.bot.agents.sessions.rename({ channel_id: channel, title: 'Refactor auth (phase 2)' });
    expect((await w.bot.conversations.info({ channel })).channel).toMatchObject({ name: 'refactor-auth-phase-2', previous_names: ['refactor-auth'] });
    await w.bot.agents.conversations.create({ name: 'taken' });
    expect((await slackError(w.bot.agents.sessions.rename({ channel_id: channel, title: 'Taken' }))).error).toBe('name_taken');
    // Display overrides stay until replaced or cleared (chat:write.customize, which the fixture's bot holds).
    await w.bot.agents.sessions.setStatus({ channel_id: channel, status: 'active', username: 'Auth Agent', icon_emoji: ':lock:' });
    expect((await w.slack('GET', `agents/${channel}`)).body.session).toMatchObject({ status: 'active', username: 'Auth Agent', icon_emoji: ':lock:' });
  });
});
