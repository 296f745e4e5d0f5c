// The consumer's own (newest) msw serves the twins on the vendors' real hosts; every SDK keeps its default URL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import okta from '@okta/okta-sdk-nodejs';
import { WebClient } from '@slack/web-api';
import { App, LogLevel } from '@slack/bolt';
import { Version3Client } from 'jira.js';
import { google } from 'googleapis';
import { setupTwins, type InProcessTwins } from 'digital-twin-universe/msw';

let twins: InProcessTwins<readonly ['okta', 'slack', 'jira', 'google']>;
beforeAll(async () => {
  twins = await setupTwins({ vendors: ['okta', 'slack', 'jira', 'google'], seed: 'consumer-msw' });
});
afterAll(() => twins.close());

it('Okta, Slack, Jira and Google SDKs on their default hosts', async () => {
  const o = twins.credentials.okta;
  const client = new okta.Client({ orgUrl: o.orgUrl, token: o.token, cacheMiddleware: null });
  expect((await client.userApi.createUser({ body: { profile: { firstName: 'M', lastName: 'Sw', email: 'msw@example.com', login: 'msw@example.com' } }, activate: false })).profile?.login).toBe('msw@example.com');
  const web = new WebClient(twins.credentials.slack.botToken, { retryConfig: { retries: 0 } });
  expect((await web.auth.test()).team_id).toBe(twins.credentials.slack.teamId);
  const j = twins.credentials.jira;
  const jira = new Version3Client({ host: j.host, authentication: { basic: { email: j.email, apiToken: j.apiToken } } });
  expect((await jira.myself.getCurrentUser()).emailAddress).toBe(j.email);
  const sa = twins.credentials.google.serviceAccount;
  const auth = new google.auth.JWT({ email: sa.client_email, key: sa.private_key, scopes: ['https://www.googleapis.com/auth/drive'], subject: twins.credentials.google.adminEmail });
  const drive = google.drive({ version: 'v3', auth });
  const up = await drive.files.create({ requestBody: { name: 'm.txt' }, media: { mimeType: 'text/plain', body: 'newest msw' }, fields: 'id' });
  expect((await drive.files.get({ fileId: up.data.id ?? '', alt: 'media' }, { responseType: 'text' })).data).toBe('newest msw');
});

it('a Bolt Socket Mode app answers a mention in-process', async () => {
  const t = await twins.tenant();
  const app = new App({ token: t.slack.botToken, appToken: t.slack.appToken, socketMode: true, logLevel: LogLevel.ERROR, clientOptions: { retryConfig: { retries: 0 } } });
  app.event('app_mention', async ({ event, say }) => {
    await say({ text: 'pong', thread_ts: event.ts });
  });
  await app.start();
  try {
    const web = new WebClient(t.slack.botToken, { slackApiUrl: t.slack.apiUrl, retryConfig: { retries: 0 } });
    const channel = (await web.conversations.list()).channels?.find((c) => c.name === 'general')?.id ?? '';
    const person = (await web.users.list({})).members?.find((m) => !m.is_bot && !m.deleted && m.id !== 'USLACKBOT')?.id ?? '';
    const res = await fetch(`https://slack.com/t/${t.tenant}/_dtu/slack/act/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: person, channel, text: `<@${t.slack.botUserId}> ping` }) });
    const { ts } = (await res.json()) as { ts: string };
    let reply: string | undefined;
    for (let i = 0; i < 100 && !reply; i++) {
      reply = (await web.conversations.replies({ channel, ts })).messages?.[1]?.text;
      if (!reply) await new Promise((r) => setTimeout(r, 100));
    }
    expect(reply).toBe('pong');
  } finally {
    await app.stop();
  }
});
