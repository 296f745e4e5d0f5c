/** @slack/web-api scenarios for Slack Code and agent sessions: agents.conversations.* and agents.sessions.*. */
import { WebClient } from '@slack/web-api';
import type { CompatContext, Scenario, Tracker } from '../types.js';

const SDK = '@slack/web-api';

const isSlackError = (code: string) => (e: any) => e?.data?.error === code;

function make(ctx: CompatContext, t: Tracker, token: string): WebClient {
  return t.track(new WebClient(token, { slackApiUrl: ctx.credentials.apiUrl, retryConfig: { retries: 0 } }), '');
}

async function channelByName(web: WebClient, name: string): Promise<string> {
  const c = (await web.conversations.list({ types: 'public_channel,private_channel' })).channels?.find((x) => x.name === name);
  if (!c?.id) throw new Error(`no channel ${name}`);
  return c.id;
}

/** The code channel lifecycle of https://docs.slack.dev/ai/slack-code/lifecycle, from the asking message to the archived channel. */
async function codeChannelScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const bot = make(ctx, t, ctx.credentials.botToken);
  const user = make(ctx, t, ctx.credentials.userToken);
  const eng = await channelByName(bot, 'engineering');
  const ask = await user.chat.postMessage({ channel: eng, text: 'Can you upgrade the payment SDK?' });
  const created = await bot.agents.conversations.create({ name: 'Upgrade the payment SDK', origin_channel_id: eng, origin_message_ts: ask.ts!, session_id: 'compat-ses' });
  const channel = created.channel_id!;
  t.check(channel, 'create returns the code channel', created);
  t.check((await bot.agents.conversations.create({ name: 'again', session_id: 'compat-ses' })).channel_id === channel, 'the same session_id returns the same channel');
  t.check((await bot.conversations.members({ channel })).members?.includes(ctx.credentials.installerUserId), 'the asker is invited');
  await t.expectError(() => bot.agents.conversations.setView({ channel_id: eng, view_key: 'x', content: '<p/>' }), isSlackError('not_agent_channel'), 'views need a code channel');

  const status = await bot.agents.sessions.setStatus({ channel_id: channel, status: 'processing' });
  t.check(status.status === 'processing' && status.title === 'Upgrade the payment SDK', 'the channel session takes the status', status);
  await t.expectError(() => bot.agents.sessions.setStatus({ channel_id: channel, thread_ts: ask.ts!, status: 'active' }), isSlackError('thread_ts_not_allowed'), 'a code channel session has no thread');
  await bot.agents.conversations.setProperties({ channel_id: channel, code_channel: { context_bar_items: [{ key: 'repo', label: 'acme/payments', icon: 'folder' }] }, agent_resource: { title: 'PR #12', provider: 'github' } });
  const cmds = await bot.agents.conversations.setCommands({ channel_id: channel, commands: [{ name: 'run-tests', description: 'Run the test suite' }] });
  t.check(cmds.command_count === 1, 'one command registered', cmds);
  await t.expectError(() => bot.agents.conversations.setCommands({ channel_id: channel, commands: [{ name: 'remind' }] }), isSlackError('invalid_arguments'), 'builtin commands cannot be shadowed');

  const html = await bot.agents.conversations.setView({ channel_id: channel, view_key: 'reports/coverage.html', content: '<html>81%</html>' });
  await bot.agents.conversations.setView({ channel_id: channel, type: 'diff', content: '--- a/sdk\n+++ b/sdk' });
  const plan = await bot.canvases.create({ title: 'Plan', document_content: { type: 'markdown', markdown: '# Steps\n1. bump\n# Risks\nnone' } });
  await bot.agents.conversations.setView({ channel_id: channel, type: 'canvas', view_key: 'plan', canvas_id: plan.canvas_id!, access_level: 'comment' });
  const views = await bot.agents.conversations.listViews({ channel_id: channel });
  t.check(views.views?.map((v) => v.label).join() === 'coverage,Diff,plan', 'three views listed, labelled', views.views);
  const risks = (await bot.canvases.sections.lookup({ canvas_id: plan.canvas_id!, criteria: { contains_text: 'Risks' } })).sections?.[0]?.id;
  await ctx.control('POST', 'slack/act/canvas_comment', { user: ctx.credentials.installerUserId, canvas_id: plan.canvas_id, section_id: risks, text: 'Rollback plan?' });
  const revised = await bot.agents.conversations.setCanvasContent({ channel, canvas_id: plan.canvas_id!, content: '# Steps\n1. bump\n2. release\n# Risks\nnone' });
  t.check(revised.sections_changed_count === 1, 'only the changed section is edited', revised);
  const read = await bot.agents.conversations.getCanvas({ channel, canvas_id: plan.canvas_id! });
  t.check(read.content?.includes('2. release') && read.comments?.[0]?.text === 'Rollback plan?', 'the comment on the unchanged section survives', read);
  const removed = await bot.agents.conversations.removeView({ channel_id: channel, view_key: 'reports/coverage.html' });
  t.check(removed.view_id === html.view_id, 'removeView names the view it removed', removed);

  await bot.agents.sessions.rename({ channel_id: channel, title: 'Payment SDK v5' });
  t.check((await bot.conversations.info({ channel })).channel?.name === 'payment-sdk-v5', 'renaming the session renames the channel');
  const summary = await bot.chat.postMessage({ channel, text: 'Upgraded to v5; all tests pass.' });
  await bot.agents.conversations.archive({ channel_id: channel, summary_message_ts: summary.ts });
  const replies = await bot.conversations.replies({ channel: eng, ts: ask.ts! });
  t.check(replies.messages?.[1]?.text === 'Upgraded to v5; all tests pass.', 'the summary is shared back on the origin message', replies.messages);
}

/** A thread session in an ordinary channel, and the stop button. */
async function threadSessionScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const bot = make(ctx, t, ctx.credentials.botToken);
  const user = make(ctx, t, ctx.credentials.userToken);
  const lab = await channelByName(bot, 'bot-lab');
  const ask = await user.chat.postMessage({ channel: lab, text: 'summarize the incident' });
  await bot.agents.sessions.setStatus({ channel_id: lab, thread_ts: ask.ts!, status: 'processing', title: 'Incident summary' });
  await t.expectError(() => bot.agents.sessions.setStatus({ channel_id: lab, status: 'active' }), isSlackError('thread_ts_required'), 'a channel session needs its thread');
  await t.expectError(() => bot.agents.sessions.rename({ channel_id: lab, thread_ts: '1.000001', title: 'x' }), isSlackError('session_not_found'), 'no session in that thread');
  const stream = await bot.chat.startStream({ channel: lab, thread_ts: ask.ts!, markdown_text: 'Reading the timeline…' } as never);
  const stop = await ctx.control('POST', 'slack/act/agent_stop', { user: ctx.credentials.installerUserId, channel: lab, thread_ts: ask.ts });
  t.check(stop.event?.type === 'agent_session_stopped' && stop.event.streaming_message_ts?.[0] === stream.ts, 'the stop button stops the stream and tells the app', stop);
  const renamed = await bot.agents.sessions.rename({ channel_id: lab, thread_ts: ask.ts!, title: 'Incident 42 summary' });
  t.check(renamed.title === 'Incident 42 summary', 'rename returns the title', renamed);
  const done = await bot.agents.sessions.setStatus({ channel_id: lab, thread_ts: ask.ts!, status: 'closed' });
  t.check(done.status === 'closed' && done.title === 'Incident 42 summary', 'the session closes under its new title', done);
}

export const scenarios: Scenario[] = [
  { vendor: 'slack', sdk: SDK, name: 'web: Slack Code — code channel lifecycle, context bar, commands, views, plan canvas', run: codeChannelScenario },
  { vendor: 'slack', sdk: SDK, name: 'web: agent sessions — thread status, rename, stop button', run: threadSessionScenario },
];
