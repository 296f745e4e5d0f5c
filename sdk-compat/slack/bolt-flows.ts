/** @slack/bolt end-to-end flows against the twin: mention → threaded reply, slash command → modal → submission, App Home, HTTP receiver. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { until } from './wait.js';

const SDK = '@slack/bolt';
const SOCKET_ONLY = { modes: ['socket' as const], modesReason: 'Bolt needs a real WebSocket (Socket Mode) or a real inbound HTTP port for events' };

const clientOptions = (ctx: CompatContext) => ({ slackApiUrl: ctx.credentials.apiUrl, retryConfig: { retries: 0 } });

/** A tracked Socket Mode Bolt app (its `App` methods are the Bolt surface); listener-side WebClients are tracked where the flow uses them. */
async function socketApp(ctx: CompatContext, t: Tracker, setup: (app: App) => void): Promise<App> {
  const app = t.track(new App({ token: ctx.credentials.botToken, appToken: ctx.credentials.appToken, socketMode: true, logLevel: LogLevel.ERROR, clientOptions: clientOptions(ctx) }), 'app');
  setup(app);
  await app.start();
  return app;
}

async function lookups(user: WebClient) {
  const people = (await user.users.list({})).members ?? [];
  const chans = (await user.conversations.list({ types: 'public_channel,private_channel' })).channels ?? [];
  return { person: (n: string) => people.find((m) => m.name === n)!.id!, channel: (n: string) => chans.find((c) => c.name === n)!.id! };
}

async function mentionScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const user = t.track(new WebClient(ctx.credentials.userToken, clientOptions(ctx)), '');
  const { person, channel } = await lookups(user);
  t.check(!!person('bob') && !!channel('engineering'), 'the seeded person and channel are listed');
  const app = await socketApp(ctx, t, (a) =>
    a.event('app_mention', async ({ event, say }) => {
      await say({ text: `Looking into it, <@${event.user}>`, thread_ts: event.ts });
    }),
  );
  try {
    const eng = channel('engineering');
    const posted = await ctx.control('POST', 'slack/act/message', { user: person('bob'), channel: eng, text: `<@${ctx.credentials.botUserId}> the build is red` });
    const replies = await until(async () => {
      const r = await user.conversations.replies({ channel: eng, ts: posted.ts });
      return (r.messages?.length ?? 0) >= 2 && r.messages;
    }, 'threaded reply', t);
    // The reply is the effect of the listener app.event registered and app.start connected.
    t.checkEffect(replies?.[1]?.thread_ts === posted.ts && replies?.[1]?.bot_id === ctx.credentials.botId, 'say({thread_ts}) replied in the thread', replies);
  } finally {
    await app.stop();
  }
}

async function modalScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const user = t.track(new WebClient(ctx.credentials.userToken, clientOptions(ctx)), '');
  const { person, channel } = await lookups(user);
  await ctx.control('PUT', `slack/apps/${ctx.credentials.appId}/config`, { slash_commands: [{ command: '/incident', description: 'Open an incident' }] });
  const app = await socketApp(ctx, t, (a) => {
    a.command('/incident', async ({ ack, body, client }) => {
      await ack();
      await t.track(client, '').views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal', callback_id: 'incident', private_metadata: body.channel_id, title: { type: 'plain_text', text: 'Incident' }, submit: { type: 'plain_text', text: 'Open' },
          blocks: [{ type: 'input', block_id: 'summary', label: { type: 'plain_text', text: 'Summary' }, element: { type: 'plain_text_input', action_id: 'text' } }],
        },
      });
    });
    a.view('incident', async ({ ack, view, client }) => {
      const summary = view.state.values.summary.text.value ?? '';
      if (summary.length < 3) return ack({ response_action: 'errors', errors: { summary: 'Too short' } });
      await ack();
      await t.track(client, '').chat.postMessage({ channel: view.private_metadata, text: `:rotating_light: ${summary}` });
    });
  });
  try {
    const general = channel('general');
    const cmd = await ctx.control('POST', 'slack/act/command', { user: person('carol'), channel: general, command: '/incident', text: '' });
    t.check(cmd.state === 'acked' && cmd.trigger_id, 'the command was acked', cmd);
    const modal = await until(async () => {
      const snap = await ctx.control('GET', 'snapshot');
      return (snap.tenants[ctx.tenant].collections.views ?? []).find((v: any) => v.view.callback_id === 'incident');
    }, 'modal opened with the trigger', t);
    const bad = await ctx.control('POST', 'slack/act/view_submission', { view_id: modal.id, values: { summary: { text: 'x' } } });
    t.check(bad.outcome?.response_action === 'errors' && bad.outcome.errors?.summary === 'Too short', 'response_action errors keeps the modal open with messages', bad.outcome);
    const good = await ctx.control('POST', 'slack/act/view_submission', { view_id: modal.id, values: { summary: { text: 'Database down' } } });
    t.check(good.outcome?.closed?.includes(modal.id), 'an empty ack closes the modal', good.outcome);
    const posted = await until(async () => (await user.conversations.history({ channel: general, limit: 1 })).messages?.[0]?.text === ':rotating_light: Database down', 'confirmation message', t);
    t.check(posted, 'the submission handler posted to the channel');
  } finally {
    await app.stop();
  }
}

async function homeScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const user = t.track(new WebClient(ctx.credentials.userToken, clientOptions(ctx)), '');
  const { person } = await lookups(user);
  const app = await socketApp(ctx, t, (a) =>
    a.event('app_home_opened', async ({ event, client }) => {
      await t.track(client, '').views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Hi <@${event.user}>` } }] } });
    }),
  );
  try {
    const dan = person('dan');
    const opened = await ctx.control('POST', 'slack/act/app_home', { user: dan, app_id: ctx.credentials.appId });
    t.check(String(opened.channel).startsWith('D'), 'App Home lives in the DM with the bot', opened);
    const home = await until(async () => {
      const snap = await ctx.control('GET', 'snapshot');
      return (snap.tenants[ctx.tenant].collections.views ?? []).find((v: any) => v.type === 'home' && v.user_id === dan);
    }, 'home view published', t);
    t.check(home?.view.blocks[0].text.text === `Hi <@${dan}>`, 'the Home tab shows the published view', home);
  } finally {
    await app.stop();
  }
}

async function httpScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const user = t.track(new WebClient(ctx.credentials.userToken, clientOptions(ctx)), '');
  const { person, channel } = await lookups(user);
  const receiver = new HTTPReceiver({ signingSecret: ctx.credentials.signingSecret, logLevel: LogLevel.ERROR });
  const app = new App({ token: ctx.credentials.botToken, receiver, logLevel: LogLevel.ERROR, clientOptions: clientOptions(ctx) });
  app.message('status', async ({ message, say }) => {
    await say({ text: 'All systems go', thread_ts: (message as { ts: string }).ts });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    // Setting the request URL runs url_verification against Bolt, as Slack's app settings do.
    const cfg = await ctx.control('PUT', `slack/apps/${ctx.credentials.appId}/config`, { socket_mode: false, request_url: url });
    t.check(cfg.event_subscriptions?.request_url === url, 'Bolt answered url_verification', cfg);
    const lab = channel('bot-lab');
    const posted = await ctx.control('POST', 'slack/act/message', { user: person('alice'), channel: lab, text: 'status' });
    const replies = await until(async () => {
      const r = await user.conversations.replies({ channel: lab, ts: posted.ts });
      return (r.messages?.length ?? 0) >= 2 && r.messages;
    }, 'reply over HTTP', t);
    t.check(replies?.[1]?.text === 'All systems go', 'Bolt verified the signature and replied', replies);
  } finally {
    await app.stop();
  }
}

export const scenarios: Scenario[] = [
  { vendor: 'slack', sdk: SDK, name: 'bolt: app_mention → say() in thread (Socket Mode)', ...SOCKET_ONLY, run: mentionScenario },
  { vendor: 'slack', sdk: SDK, name: 'bolt: slash command → views.open → view_submission (errors, then close)', ...SOCKET_ONLY, run: modalScenario },
  { vendor: 'slack', sdk: SDK, name: 'bolt: app_home_opened → views.publish', ...SOCKET_ONLY, run: homeScenario },
  { vendor: 'slack', sdk: SDK, name: 'bolt: HTTPReceiver — url_verification and signed events', ...SOCKET_ONLY, run: httpScenario },
];
