// Real Bolt apps in Socket Mode against the twin: mentions, slash command → modal → submission, buttons, App Home, shortcuts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App, LogLevel } from '@slack/bolt';
import type { Listening } from '../../src/server/node.js';
import { startSlack } from './helpers.js';
import { rtWorkspace, until, type RtWorkspace } from './realtime-helpers.js';

let server: Listening;
const cleanup: Array<() => Promise<unknown> | unknown> = [];
beforeAll(async () => {
  server = await startSlack();
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});
afterAll(async () => {
  await server.close();
});

/** A Socket Mode Bolt app pointed at the twin; retries off so failures surface at once. */
async function boltApp(w: RtWorkspace, setup: (app: App) => void): Promise<App> {
  const app = new App({ token: w.creds.botToken, appToken: w.creds.appToken, socketMode: true, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } } });
  setup(app);
  await app.start();
  cleanup.push(async () => {
    await app.stop();
    // stop() resolves before the close handshake ends; wait for the twin to see the socket go.
    await until(async () => (await w.slack('GET', 'socket/connections')).body.connections.length === 0, 'socket closed');
  });
  return app;
}

const ticketModal = (channel: string) => ({
  type: 'modal' as const,
  callback_id: 'ticket_modal',
  private_metadata: channel,
  title: { type: 'plain_text' as const, text: 'New ticket' },
  submit: { type: 'plain_text' as const, text: 'Create' },
  blocks: [
    { type: 'input', block_id: 'title', label: { type: 'plain_text' as const, text: 'Title' }, element: { type: 'plain_text_input', action_id: 'value' } },
    { type: 'input', block_id: 'priority', label: { type: 'plain_text' as const, text: 'Priority' }, element: { type: 'static_select', action_id: 'value', options: ['low', 'high'].map((p) => ({ text: { type: 'plain_text' as const, text: p.toUpperCase() }, value: p })) } },
  ],
});

describe('Bolt in Socket Mode', () => {
  it('app_mention → say() replies in the thread', async () => {
    const w = await rtWorkspace(server, 'bolt-mention');
    await boltApp(w, (app) => {
      app.event('app_mention', async ({ event, say }) => {
        await say({ text: `On it, <@${event.user}>!`, thread_ts: event.ts });
      });
    });
    const alice = w.person('alice');
    const channel = w.channel('engineering');
    const posted = await w.act('message', { user: alice, channel, text: `<@${w.creds.botUserId}> please deploy` });
    const replies = await until(async () => {
      const r = await w.userClient.conversations.replies({ channel, ts: posted.ts });
      return (r.messages?.length ?? 0) >= 2 && r.messages!;
    }, 'threaded reply');
    expect(replies[1]).toMatchObject({ text: `On it, <@${alice}>!`, thread_ts: posted.ts, user: w.creds.botUserId, bot_id: w.creds.botId });
    const deliveries = (await w.slack('GET', 'deliveries?kind=events_api')).body.deliveries;
    expect(deliveries.every((d: any) => d.state === 'acked' && d.attempts.length === 1)).toBe(true);
  });

  it('app.message matches a person’s message; the bot’s own reply does not loop back', async () => {
    const w = await rtWorkspace(server, 'bolt-message');
    let handled = 0;
    await boltApp(w, (app) => {
      app.message('ping', async ({ say }) => {
        handled++;
        await say('pong ping');
      });
    });
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'ping' });
    await until(async () => (await w.userClient.conversations.history({ channel: w.channel('bot-lab'), limit: 1 })).messages?.[0]?.text === 'pong ping', 'pong');
    await until(async () => (await w.slack('GET', 'deliveries?kind=events_api')).body.deliveries.filter((d: any) => d.state === 'acked').length === 2, 'both messages acked');
    expect(handled).toBe(1);
  });

  it('slash command → views.open(trigger_id) → view_submission with errors, then success', async () => {
    const w = await rtWorkspace(server, 'bolt-modal');
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { slash_commands: [{ command: '/ticket', description: 'File a ticket' }] });
    const submissions: any[] = [];
    await boltApp(w, (app) => {
      app.command('/ticket', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: ticketModal(body.channel_id) });
      });
      app.view('ticket_modal', async ({ ack, view, body, client }) => {
        submissions.push(view.state.values);
        const title = view.state.values.title.value.value;
        if (!title) return ack({ response_action: 'errors', errors: { title: 'A title is required' } });
        await ack();
        await client.chat.postMessage({ channel: view.private_metadata, text: `Ticket "${title}" (${view.state.values.priority.value.selected_option?.value}) filed by <@${body.user.id}>` });
      });
    });
    const carol = w.person('carol');
    const channel = w.channel('engineering');
    const cmd = await w.act('command', { user: carol, channel, command: '/ticket', text: '' });
    expect(cmd).toMatchObject({ ok: true, state: 'acked', ack: {} });
    const snap = async () => (await (await fetch(`${w.base}/_dtu/snapshot`)).json()).tenants[w.tenant].collections.views as any[];
    const modal = await until(async () => (await snap())?.find((v) => v.view.callback_id === 'ticket_modal'), 'modal opened');
    expect(modal.user_id).toBe(carol);
    const bad = await w.act('view_submission', { view_id: modal.id, values: { title: { value: '' }, priority: { value: 'high' } } });
    expect(bad).toMatchObject({ state: 'acked', ack: { response_action: 'errors' }, outcome: { response_action: 'errors', errors: { title: 'A title is required' }, view_id: modal.id } });
    expect((await snap()).some((v) => v.id === modal.id)).toBe(true);
    const good = await w.act('view_submission', { view_id: modal.id, values: { title: { value: 'Printer on fire' }, priority: { value: 'high' } } });
    expect(good).toMatchObject({ state: 'acked', outcome: { response_action: 'none', closed: [modal.id] } });
    expect(submissions[1]).toEqual({ title: { value: { type: 'plain_text_input', value: 'Printer on fire' } }, priority: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'HIGH' }, value: 'high' } } } });
    expect((await snap() ?? []).some((v) => v.id === modal.id)).toBe(false);
    await until(async () => (await w.userClient.conversations.history({ channel, limit: 1 })).messages?.[0]?.text === `Ticket "Printer on fire" (high) filed by <@${carol}>`, 'confirmation posted');
  });

  it('view_submission acks can update, push and clear the modal stack', async () => {
    const w = await rtWorkspace(server, 'bolt-stack');
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { shortcuts: [{ callback_id: 'wizard', type: 'global' }] });
    const step = (n: number) => ({ type: 'modal' as const, callback_id: `step${n}`, title: { type: 'plain_text' as const, text: `Step ${n}` }, submit: { type: 'plain_text' as const, text: 'Next' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `step ${n}` } }] });
    await boltApp(w, (app) => {
      app.shortcut('wizard', async ({ ack, shortcut, client }) => {
        await ack();
        await client.views.open({ trigger_id: shortcut.trigger_id, view: step(1) });
      });
      app.view('step1', async ({ ack }) => ack({ response_action: 'update', view: step(2) }));
      app.view('step2', async ({ ack }) => ack({ response_action: 'push', view: step(3) }));
      app.view('step3', async ({ ack }) => ack({ response_action: 'clear' }));
    });
    const dan = w.person('dan');
    expect((await w.act('shortcut', { user: dan, callback_id: 'wizard' })).state).toBe('acked');
    const views = async () => ((await (await fetch(`${w.base}/_dtu/snapshot`)).json()).tenants[w.tenant].collections.views ?? []) as any[];
    const first = await until(async () => (await views()).find((v) => v.view.callback_id === 'step1'), 'step 1');
    const upd = await w.act('view_submission', { view_id: first.id, values: {} });
    expect(upd.outcome).toEqual({ response_action: 'update', view_id: first.id });
    expect((await views()).find((v) => v.id === first.id).view.callback_id).toBe('step2');
    const push = await w.act('view_submission', { view_id: first.id, values: {} });
    expect(push.outcome.response_action).toBe('push');
    const pushed = (await views()).find((v) => v.id === push.outcome.view_id);
    expect(pushed).toMatchObject({ previous_view_id: first.id, root_view_id: first.id, view: { callback_id: 'step3' } });
    const stale = await w.slack('POST', 'act/view_submission', { view_id: first.id, values: {} });
    expect(stale.status).toBe(409);
    const clear = await w.act('view_submission', { view_id: pushed.id, values: {} });
    expect(clear.outcome).toEqual({ response_action: 'clear', closed: [first.id, pushed.id] });
    expect(await views()).toEqual([]);
  });

  it('an external select asks app.options() for choices (block_suggestion)', async () => {
    const w = await rtWorkspace(server, 'bolt-options');
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { shortcuts: [{ callback_id: 'assign', type: 'global' }] });
    await boltApp(w, (app) => {
      app.shortcut('assign', async ({ ack, shortcut, client }) => {
        await ack();
        await client.views.open({
          trigger_id: shortcut.trigger_id,
          view: { type: 'modal', callback_id: 'assign_modal', title: { type: 'plain_text', text: 'Assign' }, submit: { type: 'plain_text', text: 'Save' }, blocks: [{ type: 'input', block_id: 'who', label: { type: 'plain_text', text: 'Assignee' }, element: { type: 'external_select', action_id: 'assignee', min_query_length: 1 } }] },
        });
      });
      app.options('assignee', async ({ ack, options }) => {
        const names = ['alice', 'alfred', 'bob'].filter((n) => n.startsWith(options.value));
        await ack({ options: names.map((n) => ({ text: { type: 'plain_text', text: n }, value: n })) });
      });
    });
    await w.act('shortcut', { user: w.person('alice'), callback_id: 'assign' });
    const modal = await until(async () => ((await (await fetch(`${w.base}/_dtu/snapshot`)).json()).tenants[w.tenant].collections.views ?? []).find((v: any) => v.view.callback_id === 'assign_modal'), 'modal');
    const res = await w.act('options', { user: w.person('alice'), view_id: modal.id, action_id: 'assignee', value: 'al' });
    expect(res.state).toBe('acked');
    expect(res.outcome.options.map((o: any) => o.value)).toEqual(['alice', 'alfred']);
  });

  it('a button click → block_actions; respond() through response_url replaces the message', async () => {
    const w = await rtWorkspace(server, 'bolt-button');
    const clicks: any[] = [];
    await boltApp(w, (app) => {
      app.action('approve', async ({ ack, body, action, respond }) => {
        await ack();
        clicks.push({ body, action });
        await respond({ replace_original: true, text: `Approved by <@${body.user.id}>` });
      });
    });
    const channel = w.channel('engineering');
    const posted = await w.bot.chat.postMessage({
      channel, text: 'Deploy request',
      blocks: [{ type: 'actions', block_id: 'decide', elements: [{ type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, value: 'deploy-42', style: 'primary' }] }],
    });
    const bob = w.person('bob');
    const res = await w.act('block_action', { user: bob, channel, message_ts: posted.ts, action_id: 'approve' });
    expect(res.state).toBe('acked');
    const [{ body, action }] = clicks;
    expect(body).toMatchObject({ type: 'block_actions', user: { id: bob, username: 'bob' }, container: { type: 'message', message_ts: posted.ts, channel_id: channel }, channel: { id: channel, name: 'engineering' }, message: { ts: posted.ts, text: 'Deploy request' }, response_url: res.response_url, trigger_id: res.trigger_id });
    expect(action).toMatchObject({ type: 'button', action_id: 'approve', block_id: 'decide', value: 'deploy-42', text: { type: 'plain_text', text: 'Approve' }, style: 'primary', action_ts: expect.any(String) });
    await until(async () => (await w.userClient.conversations.history({ channel, latest: posted.ts, inclusive: true, limit: 1 })).messages?.[0]?.text === `Approved by <@${bob}>`, 'message replaced');
  });

  it('buttons on an ephemeral message: is_ephemeral container, and respond() replaces the person’s copy', async () => {
    const w = await rtWorkspace(server, 'bolt-ephemeral');
    await boltApp(w, (app) => {
      app.action('dismiss', async ({ ack, body, respond }) => {
        await ack();
        expect((body as any).container.is_ephemeral).toBe(true);
        await respond({ replace_original: true, text: 'Dismissed' });
      });
    });
    const alice = w.person('alice');
    const channel = w.channel('engineering');
    const eph = await w.bot.chat.postEphemeral({ channel, user: alice, text: 'Tip', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'dismiss', text: { type: 'plain_text', text: 'Dismiss' } }] }] });
    const bob = await w.slack('POST', 'act/block_action', { user: w.person('bob'), channel, message_ts: eph.message_ts, action_id: 'dismiss' });
    expect(bob.status).toBe(404);
    const res = await w.act('block_action', { user: alice, channel, message_ts: eph.message_ts, action_id: 'dismiss' });
    expect(res.state).toBe('acked');
    await until(async () => (await w.slack('GET', `act/ephemeral?user=${alice}`)).body.messages[0]?.text === 'Dismissed', 'ephemeral replaced');
  });

  it('opening App Home fires app_home_opened; the app publishes the Home tab', async () => {
    const w = await rtWorkspace(server, 'bolt-home');
    await boltApp(w, (app) => {
      app.event('app_home_opened', async ({ event, client }) => {
        if (event.tab !== 'home') return;
        await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Welcome home, <@${event.user}>` } }] } });
      });
    });
    const erin = w.person('erin');
    const opened = await w.act('app_home', { user: erin, app_id: w.creds.appId });
    expect(opened.channel).toMatch(/^D/);
    const views = async () => ((await (await fetch(`${w.base}/_dtu/snapshot`)).json()).tenants[w.tenant].collections.views ?? []) as any[];
    const home = await until(async () => (await views()).find((v) => v.type === 'home' && v.user_id === erin), 'home published');
    expect(home.view.blocks[0].text.text).toBe(`Welcome home, <@${erin}>`);
    await w.act('app_home', { user: erin, app_id: w.creds.appId });
    const second = await until(async () => (await w.slack('GET', 'deliveries?kind=events_api')).body.deliveries.filter((d: any) => d.payload.event.type === 'app_home_opened')[1], 'second open');
    expect(second.payload.event).toMatchObject({ type: 'app_home_opened', user: erin, channel: opened.channel, tab: 'home', view: { id: home.id, type: 'home' } });
  });

  it('slash command ack payloads become the command’s response (ephemeral or in_channel)', async () => {
    const w = await rtWorkspace(server, 'bolt-command-ack');
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { slash_commands: [{ command: '/whisper' }, { command: '/shout' }] });
    await boltApp(w, (app) => {
      app.command('/whisper', async ({ ack, command }) => ack({ text: `psst: ${command.text}` }));
      app.command('/shout', async ({ ack, command }) => ack({ response_type: 'in_channel', text: command.text.toUpperCase() }));
    });
    const alice = w.person('alice');
    const channel = w.channel('general');
    const quiet = await w.act('command', { user: alice, channel, command: '/whisper', text: 'secret' });
    expect(quiet).toMatchObject({ state: 'acked', ack: { text: 'psst: secret' }, outcome: { response: 'ephemeral' } });
    expect((await w.slack('GET', `act/ephemeral?user=${alice}`)).body.messages).toMatchObject([{ text: 'psst: secret', channel }]);
    const loud = await w.act('command', { user: alice, channel, command: '/shout', text: 'hello all' });
    expect(loud.outcome.response).toBe('in_channel');
    const history = (await w.userClient.conversations.history({ channel, limit: 2 })).messages!;
    expect(history.map((m) => m.text)).toEqual(['HELLO ALL', '/shout hello all']);
    expect(history[0]).toMatchObject({ bot_id: w.creds.botId });
  });
});
