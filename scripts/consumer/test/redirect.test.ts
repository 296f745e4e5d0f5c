// An unchanged app, every SDK on its default vendor URL, reaches the twins through node --import digital-twin-universe/register.
import { expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connectTwins } from 'digital-twin-universe/vitest';

it('redirects fetch, node-fetch, axios, gaxios and the Socket Mode WebSocket', async () => {
  const twins = await connectTwins();
  const t = await twins.tenant();
  const env = { ...process.env, ...twins.env(), APP_CREDS: JSON.stringify(t) };
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'digital-twin-universe/register', 'vendor-default-urls.mjs'], { env, timeout: 60_000 });
  expect(JSON.parse(stdout)).toEqual({ okta: 'redirect@example.com', slack: t.slack.teamId, socketMode: 'connected', jira: t.jira.email, google: 'via --import' });
});

it('an entry point whose peer is missing names it', async () => {
  await expect(import('digital-twin-universe/testcontainers')).rejects.toThrow(/optional peer dependency "testcontainers"/);
});
