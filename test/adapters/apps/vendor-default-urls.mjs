// An app that knows nothing of twins: every SDK on its vendor's default URL. Run under the redirect, it must reach the twins.
import okta from '@okta/okta-sdk-nodejs';
import { WebClient } from '@slack/web-api';
import { SocketModeClient } from '@slack/socket-mode';
import { Version3Client } from 'jira.js';
import { google } from 'googleapis';

const creds = JSON.parse(process.env.APP_CREDS);
const out = {};

const o = new okta.Client({ orgUrl: 'https://dtu-redirect.okta.com', token: creds.okta.token, cacheMiddleware: null });
out.okta = (await o.userApi.createUser({ body: { profile: { firstName: 'Re', lastName: 'Direct', email: 'redirect@example.com', login: 'redirect@example.com' } }, activate: false })).profile.login;

const web = new WebClient(creds.slack.botToken, { retryConfig: { retries: 0 } });
out.slack = (await web.auth.test()).team_id;

const sm = new SocketModeClient({ appToken: creds.slack.appToken, clientOptions: { retryConfig: { retries: 0 } } });
await sm.start();
out.socketMode = 'connected';
await sm.disconnect();

const jira = new Version3Client({ host: 'https://dtu-redirect.atlassian.net', authentication: { basic: { email: creds.jira.email, apiToken: creds.jira.apiToken } } });
out.jira = (await jira.myself.getCurrentUser()).emailAddress;

const sa = creds.google.serviceAccount;
const auth = new google.auth.JWT({ email: sa.client_email, key: sa.private_key, scopes: ['https://www.googleapis.com/auth/drive'], subject: creds.google.adminEmail });
const drive = google.drive({ version: 'v3', auth });
const up = await drive.files.create({ requestBody: { name: 'redirected.txt' }, media: { mimeType: 'text/plain', body: 'via --import' }, fields: 'id' });
out.google = (await drive.files.get({ fileId: up.data.id, alt: 'media' }, { responseType: 'text' })).data;

process.stdout.write(JSON.stringify(out));
