/** startTwins / connectTwins / tenants / toHaveReceived, driven by the official SDKs over real sockets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { Version3Client } from 'jira.js';
import { connectTwins, dtuMatchers, received, startTwins, twinsGlobalSetup, type RunningTwins } from '../../src/vitest.js';

expect.extend(dtuMatchers);

let twins: RunningTwins<readonly ['slack', 'jira']>;
beforeAll(async () => {
  twins = await startTwins({ vendors: ['slack', 'jira'], seed: 'helpers' });
});
afterAll(async () => {
  await twins.close();
});

const slack = (c: { botToken: string; apiUrl: string }) => new WebClient(c.botToken, { slackApiUrl: c.apiUrl, retryConfig: { retries: 0 } });

describe('startTwins', () => {
  it('serves each twin on an ephemeral port with credentials for its default tenant', async () => {
    expect(Object.keys(twins.urls)).toEqual(['slack', 'jira']);
    expect(twins.urls.slack).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(twins.credentials.slack.apiUrl).toBe(`${twins.urls.slack}/api/`);
    expect(twins.env()).toEqual({ DTU_SLACK_URL: twins.urls.slack, DTU_JIRA_URL: twins.urls.jira });
  });

  it('a tenant per test: state, journal and reset stay inside it', async () => {
    const a = await twins.tenant();
    const b = await twins.tenant();
    const web = slack(a.slack);
    const member = (await web.conversations.list({ limit: 100 })).channels!.find((c) => c.is_member)!;
    const channel = member.id!;
    await web.chat.postMessage({ channel, text: 'only in a' });
    const journalA = await twins.journal(a.tenant);
    expect(journalA).toHaveReceived({ vendor: 'slack', method: 'chat.postMessage', body: { channel, text: 'only in a' } });
    expect(journalA).toHaveReceived({ vendor: 'slack', method: 'POST', path: '/api/chat.postMessage', status: 200, times: 1 });
    expect(await twins.journal(b.tenant)).not.toHaveReceived({ method: 'chat.postMessage' });
    const inB = (await slack(b.slack).conversations.list({ limit: 100 })).channels!.find((c) => c.name === member.name)!.id!;
    expect((await slack(b.slack).conversations.history({ channel: inB, limit: 5 })).messages!.some((m) => m.text === 'only in a')).toBe(false);
    await twins.reset(a.tenant);
    expect((await web.conversations.history({ channel, limit: 5 })).messages!.some((m) => m.text === 'only in a')).toBe(false);
  });

  it('the matcher names what it looked for and what it saw', async () => {
    const t = await twins.tenant();
    const jira = new Version3Client({ host: t.jira.host, authentication: { basic: { email: t.jira.email, apiToken: t.jira.apiToken } } });
    await jira.myself.getCurrentUser();
    const journal = await twins.journal(t.tenant);
    expect(received(journal, { vendor: 'jira', path: /myself$/ })).toHaveLength(1);
    const res = dtuMatchers.toHaveReceived.call({}, journal, { vendor: 'jira', method: 'createIssue' });
    expect(res.pass).toBe(false);
    expect(res.message()).toMatch(/createIssue[\s\S]*found 0[\s\S]*jira GET \/rest\/api\/3\/myself/);
  });

  it('connectTwins carries the admin token of twins that guard their control plane', async () => {
    const { startTwins: startOnPorts } = await import('../../src/start.js');
    const guarded = await startOnPorts({ twins: ['jira'], portBase: 0, adminToken: 'admin-secret' });
    try {
      await expect(connectTwins({ jira: guarded.urls.jira! })).rejects.toThrow(/HTTP 401/);
      const connected = await connectTwins({ jira: guarded.urls.jira! }, { adminToken: 'admin-secret' });
      expect(connected.credentials.jira.email).toMatch(/@/);
      await connected.reset();
    } finally {
      await guarded.close();
    }
  });

  it('connectTwins reaches twins a global setup published in the environment', async () => {
    const setup = twinsGlobalSetup({ vendors: ['jira'], seed: 'global' });
    const provided: Record<string, unknown> = {};
    const saved = process.env.DTU_JIRA_URL;
    const teardown = await setup({ provide: (k, v) => (provided[k] = v) });
    try {
      expect(provided.dtu).toEqual({ jira: process.env.DTU_JIRA_URL });
      const connected = await connectTwins();
      expect(connected.credentials.jira.host).toBe(process.env.DTU_JIRA_URL);
    } finally {
      await teardown();
      if (saved === undefined) delete process.env.DTU_JIRA_URL;
      else process.env.DTU_JIRA_URL = saved;
    }
  });
});
