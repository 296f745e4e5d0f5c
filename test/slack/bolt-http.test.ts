// Bolt in HTTP mode (HTTPReceiver on an ephemeral port) receiving the twin's signed events, commands and interactions.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
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

/** Starts a Bolt app on 127.0.0.1:<ephemeral> and points the twin's app at it (url_verification included). */
async function httpBolt(w: RtWorkspace, setup: (app: App) => void, signingSecret = w.creds.signingSecret): Promise<{ app: App; url: string }> {
  const receiver = new HTTPReceiver({ signingSecret, logLevel: LogLevel.ERROR });
  const app = new App({ token: w.creds.botToken, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } } });
  setup(app);
  const http = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  cleanup.push(() => app.stop());
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/slack/events`;
  return { app, url };
}

describe('Bolt with HTTPReceiver', () => {
  it('passes url_verification, then receives signed events and replies through the Web API', async () => {
    const w = await rtWorkspace(server, 'bolt-http-events');
    const seen: any[] = [];
    const { url } = await httpBolt(w, (app) => {
      app.event('app_mention', async ({ event, say, body }) => {
        seen.push(body);
        await say({ text: 'HTTP says hi', thread_ts: event.ts });
      });
    });
    const res = await w.slack('PUT', `apps/${w.creds.appId}/config`, { socket_mode: false, request_url: url });
    expect(res.status).toBe(200);
    const channel = w.channel('engineering');
    const posted = await w.act('message', { user: w.person('bob'), channel, text: `<@${w.creds.botUserId}> status?` });
    const replies = await until(async () => {
      const r = await w.userClient.conversations.replies({ channel, ts: posted.ts });
      return (r.messages?.length ?? 0) >= 2 && r.messages!;
    }, 'reply over HTTP');
    expect(replies[1]).toMatchObject({ text: 'HTTP says hi', thread_ts: posted.ts, bot_id: w.creds.botId });
    expect(seen[0]).toMatchObject({ type: 'event_callback', api_app_id: w.creds.appId, event: { type: 'app_mention', ts: posted.ts } });
    // The reply can land before the app's ack of the message event does, so wait for every delivery to settle.
    const deliveries = await until(async () => {
      const ds = (await w.slack('GET', 'deliveries?kind=events_api')).body.deliveries;
      return ds.length >= 2 && ds.every((d: any) => d.state !== 'pending' && d.state !== 'in_flight') && ds;
    }, 'deliveries settled');
    expect(deliveries.every((d: any) => d.state === 'acked' && d.attempts[0].via === 'http' && d.attempts[0].status === 200)).toBe(true);
  });

  it('an app with the wrong signing secret rejects the twin’s requests (401) and Slack retries', async () => {
    const w = await rtWorkspace(server, 'bolt-http-badsig');
    let handled = 0;
    const { url } = await httpBolt(w, (app) => app.event('message', async () => void handled++), 'a-different-secret');
    const refused = await w.slack('PUT', `apps/${w.creds.appId}/config`, { socket_mode: false, request_url: url });
    expect(refused).toMatchObject({ status: 422, body: { error: { message: 'url_verification_failed', status: 401 } } });
    expect((await w.slack('PUT', `apps/${w.creds.appId}/config`, { socket_mode: false, request_url: url, skip_verification: true })).status).toBe(200);
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'unverifiable' });
    const d = await until(async () => {
      const x = (await w.slack('GET', 'deliveries?kind=events_api')).body.deliveries[0];
      return x?.attempts.length >= 2 && x;
    }, 'retry after 401');
    expect(d.attempts[0]).toMatchObject({ via: 'http', status: 401, outcome: 'http_error' });
    expect(handled).toBe(0);
  });

  it('slash command over HTTP: ack({response_type:"in_channel"}) is posted, respond() later reaches the person', async () => {
    const w = await rtWorkspace(server, 'bolt-http-command');
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { socket_mode: false, slash_commands: [{ command: '/standup' }] });
    const { url } = await httpBolt(w, (app) => {
      app.command('/standup', async ({ ack, command, respond }) => {
        await ack({ response_type: 'in_channel', text: `Standup started by <@${command.user_id}>` });
        await respond({ text: 'Only you see this follow-up' });
      });
    });
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { request_url: url });
    const dan = w.person('dan');
    const channel = w.channel('general');
    const res = await w.act('command', { user: dan, channel, command: '/standup', text: '' });
    expect(res).toMatchObject({ state: 'acked', outcome: { response: 'in_channel' } });
    expect((await w.userClient.conversations.history({ channel, limit: 1 })).messages?.[0]?.text).toBe(`Standup started by <@${dan}>`);
    const eph = await until(async () => (await w.slack('GET', `act/ephemeral?user=${dan}`)).body.messages[0], 'respond() ephemeral');
    expect(eph).toMatchObject({ text: 'Only you see this follow-up', channel });
  });

  it('a modal submission over HTTP gets the response_action from the HTTP body', async () => {
    const w = await rtWorkspace(server, 'bolt-http-modal');
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { socket_mode: false, shortcuts: [{ callback_id: 'feedback', type: 'global' }] });
    const { url } = await httpBolt(w, (app) => {
      app.shortcut('feedback', async ({ ack, shortcut, client }) => {
        await ack();
        await client.views.open({
          trigger_id: shortcut.trigger_id,
          view: { type: 'modal', callback_id: 'feedback_modal', title: { type: 'plain_text', text: 'Feedback' }, submit: { type: 'plain_text', text: 'Send' }, blocks: [{ type: 'input', block_id: 'msg', label: { type: 'plain_text', text: 'Message' }, element: { type: 'plain_text_input', action_id: 'text' } }] },
        });
      });
      app.view('feedback_modal', async ({ ack, view }) => {
        const text = view.state.values.msg.text.value ?? '';
        await ack(text.length < 5 ? { response_action: 'errors', errors: { msg: 'Say a little more' } } : undefined);
      });
    });
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { request_url: url });
    await w.act('shortcut', { user: w.person('carol'), callback_id: 'feedback' });
    const views = async () => ((await (await fetch(`${w.base}/_dtu/snapshot`)).json()).tenants[w.tenant].collections.views ?? []) as any[];
    const modal = await until(async () => (await views()).find((v) => v.view.callback_id === 'feedback_modal'), 'modal');
    const short = await w.act('view_submission', { view_id: modal.id, values: { msg: { text: 'meh' } } });
    expect(short.outcome).toEqual({ response_action: 'errors', errors: { msg: 'Say a little more' }, view_id: modal.id });
    const ok = await w.act('view_submission', { view_id: modal.id, values: { msg: { text: 'Great twin!' } } });
    expect(ok.outcome).toEqual({ response_action: 'none', closed: [modal.id] });
  });
});
