/** setupTwins: every official SDK on its default vendor URL, answered in-process through msw; Bolt in Socket Mode; tenants; unhandled vendor hosts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import okta from '@okta/okta-sdk-nodejs';
import { WebClient } from '@slack/web-api';
import { App, LogLevel } from '@slack/bolt';
import { Version3Client } from 'jira.js';
import { google } from 'googleapis';
import { setupTwins, vendorHostsOnly, type InProcessTwins } from '../../src/msw.js';

let twins: InProcessTwins<readonly ['okta', 'slack', 'jira', 'google']>;
beforeAll(async () => {
  twins = await setupTwins({ vendors: ['okta', 'slack', 'jira', 'google'], seed: 'msw-test' });
});
afterAll(async () => {
  await twins.close();
});

async function until<T>(fn: () => Promise<T | false | undefined>, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('setupTwins on the vendors’ real hosts', () => {
  it('hands out credentials addressed to the real hosts', () => {
    expect(twins.credentials.okta.orgUrl).toBe('https://dtu.okta.com');
    expect(twins.credentials.slack.apiUrl).toBe('https://slack.com/api/');
    expect(twins.credentials.jira.host).toBe('https://dtu.atlassian.net');
    expect(twins.credentials.google.serviceAccount.token_uri).toBe('https://oauth2.googleapis.com/token');
  });

  it('Okta: the SDK on https://<org>.okta.com creates and reads a user', async () => {
    const { orgUrl, token } = twins.credentials.okta;
    const client = new okta.Client({ orgUrl, token, cacheMiddleware: null });
    const user = await client.userApi.createUser({ body: { profile: { firstName: 'In', lastName: 'Process', email: 'inproc@example.com', login: 'inproc@example.com' } }, activate: false });
    expect((await client.userApi.getUser({ userId: user.id! })).profile!.login).toBe('inproc@example.com');
  });

  it('Slack: WebClient with no slackApiUrl posts and reads back', async () => {
    const web = new WebClient(twins.credentials.slack.botToken, { retryConfig: { retries: 0 } });
    const channel = (await web.conversations.list({ limit: 100 })).channels!.find((c) => c.is_member)!.id!;
    const posted = await web.chat.postMessage({ channel, text: 'from msw' });
    expect(posted.ok).toBe(true);
    const history = await web.conversations.history({ channel, limit: 1 });
    expect(history.messages![0].text).toBe('from msw');
  });

  it('Jira: jira.js on https://<site>.atlassian.net reads the current user', async () => {
    const { host, email, apiToken } = twins.credentials.jira;
    const jira = new Version3Client({ host, authentication: { basic: { email, apiToken } } });
    expect((await jira.myself.getCurrentUser()).emailAddress).toBe(email);
  });

  it('Google: a service account gets its token from oauth2.googleapis.com and uploads to Drive with no rootUrl', async () => {
    const { serviceAccount, adminEmail } = twins.credentials.google;
    const seen: string[] = [];
    const log = ({ request }: { request: Request }) => void seen.push(`${request.method} ${new URL(request.url).host}${new URL(request.url).pathname}`);
    twins.server.events.on('request:start', log);
    try {
      const auth = new google.auth.JWT({ email: serviceAccount.client_email, key: serviceAccount.private_key, scopes: ['https://www.googleapis.com/auth/drive'], subject: adminEmail });
      const drive = google.drive({ version: 'v3', auth });
      const up = await drive.files.create({ requestBody: { name: 'msw.txt' }, media: { mimeType: 'text/plain', body: 'in-process' }, fields: 'id' });
      const body = await drive.files.get({ fileId: up.data.id!, alt: 'media' }, { responseType: 'text' });
      expect(body.data).toBe('in-process');
    } finally {
      twins.server.events.removeListener('request:start', log);
    }
    expect(seen).toEqual(expect.arrayContaining(['POST oauth2.googleapis.com/token', 'POST www.googleapis.com/upload/drive/v3/files']));
  });

  it('Bolt in Socket Mode receives a mention and replies, in-process', async () => {
    const t = await twins.tenant();
    const creds = t.slack;
    const app = new App({ token: creds.botToken, appToken: creds.appToken, socketMode: true, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: creds.apiUrl, retryConfig: { retries: 0 } } });
    app.event('app_mention', async ({ event, say }) => {
      await say({ text: `hi <@${event.user}>`, thread_ts: event.ts });
    });
    await app.start();
    try {
      const web = new WebClient(creds.botToken, { slackApiUrl: creds.apiUrl, retryConfig: { retries: 0 } });
      const channel = (await web.conversations.list({ limit: 100 })).channels!.find((c) => c.is_member)!.id!;
      const person = (await web.users.list({})).members!.find((m) => !m.is_bot && !m.deleted && m.id !== 'USLACKBOT')!.id!;
      const act = await fetch(`https://slack.com/t/${t.tenant}/_dtu/slack/act/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: person, channel, text: `<@${creds.botUserId}> hello` }) });
      const posted = (await act.json()) as { ts: string };
      const replies = await until(async () => {
        const r = await web.conversations.replies({ channel, ts: posted.ts });
        return (r.messages?.length ?? 0) >= 2 && r.messages!;
      }, 'threaded reply');
      expect(replies[1].text).toBe(`hi <@${person}>`);
    } finally {
      await app.stop();
    }
  });

  it('per-test tenants do not see each other’s state', async () => {
    const [a, b] = [await twins.tenant(), await twins.tenant()];
    expect(a.slack.botToken).not.toBe(b.slack.botToken);
    const ca = new okta.Client({ orgUrl: a.okta.orgUrl, token: a.okta.token, cacheMiddleware: null });
    const cb = new okta.Client({ orgUrl: b.okta.orgUrl, token: b.okta.token, cacheMiddleware: null });
    await ca.userApi.createUser({ body: { profile: { firstName: 'A', lastName: 'Only', email: 'a-only@example.com', login: 'a-only@example.com' } }, activate: false });
    const seen = async (c: okta.Client) => {
      const out: string[] = [];
      for await (const u of await c.userApi.listUsers({ search: 'profile.login eq "a-only@example.com"' })) out.push(u!.profile!.login!);
      return out;
    };
    expect(await seen(ca)).toEqual(['a-only@example.com']);
    expect(await seen(cb)).toEqual([]);
    expect(twins.journal(a.tenant).every((e) => e.tenant === a.tenant)).toBe(true);
  });

  it('a vendor host no twin answers is an error, other hosts pass through', () => {
    const calls: string[] = [];
    const print = { error: () => calls.push('error'), warning: () => calls.push('warning') };
    for (const u of ['https://acme.oktapreview.com/api/v1/users', 'https://files.slack.com/upload/v1/x', 'https://gmail.googleapis.com/gmail/v1/users/me/profile', 'https://api.atlassian.com/oauth/token/accessible-resources', 'http://127.0.0.1:9/x']) {
      vendorHostsOnly(new Request(u), print);
    }
    expect(calls).toEqual(['error', 'error', 'error', 'error']);
  });
});
