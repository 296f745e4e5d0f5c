// Runs in parallel with the other tenants file: each test takes its own tenant from the shared twins.
import { beforeAll, expect, it } from 'vitest';
import okta from '@okta/okta-sdk-nodejs';
import { WebClient } from '@slack/web-api';
import { Version3Client } from 'jira.js';
import { google } from 'googleapis';
import { connectTwins, dtuMatchers, type RunningTwins } from 'digital-twin-universe/vitest';

expect.extend(dtuMatchers);
let twins: RunningTwins<readonly ['okta', 'slack', 'jira', 'google']>;
beforeAll(async () => {
  twins = await connectTwins();
});

it('a: the same Okta login in every tenant, never a conflict', async () => {
  const t = await twins.tenant();
  const client = new okta.Client({ orgUrl: t.okta.orgUrl, token: t.okta.token, cacheMiddleware: null });
  const user = await client.userApi.createUser({ body: { profile: { firstName: 'Par', lastName: 'Allel', email: 'parallel@example.com', login: 'parallel@example.com' } }, activate: false });
  expect(user.profile?.login).toBe('parallel@example.com');
  expect(await twins.journal(t.tenant)).toHaveReceived({ vendor: 'okta', method: 'POST', path: '/api/v1/users', status: 200, times: 1 });
});

it('a: Slack, Jira and Google over a socket, in a tenant of its own', async () => {
  const t = await twins.tenant();
  const web = new WebClient(t.slack.botToken, { slackApiUrl: t.slack.apiUrl, retryConfig: { retries: 0 } });
  const general = (await web.conversations.list()).channels?.find((c) => c.name === 'general');
  await web.chat.postMessage({ channel: general?.id ?? '', text: 'file a' });
  const jira = new Version3Client({ host: t.jira.host, authentication: { basic: { email: t.jira.email, apiToken: t.jira.apiToken } } });
  const issue = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'file a' } });
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: t.google.accessToken });
  const drive = google.drive({ version: 'v3', auth, rootUrl: t.google.rootUrl });
  await drive.files.create({ requestBody: { name: 'file-a.txt' }, media: { mimeType: 'text/plain', body: 'a' } }, { rootUrl: t.google.rootUrl });
  const journal = await twins.journal(t.tenant);
  expect(journal).toHaveReceived({ vendor: 'slack', method: 'chat.postMessage', body: { text: 'file a' }, times: 1 });
  expect(journal).toHaveReceived({ vendor: 'jira', method: 'POST', path: '/rest/api/3/issue', times: 1 });
  expect(journal).toHaveReceived({ vendor: 'google', method: 'POST', path: '/upload/drive/v3/files', times: 1 });
  expect(issue.key).toMatch(/^ENG-\d+$/);
});
