/** `node --import …/register`: an unchanged app using every SDK's default vendor URL reaches twins on local ports. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startTwins, type Started } from '../../src/start.js';
import { fetchCredentials } from '../../src/credentials.js';
import { VENDORS } from '../../src/vendors.js';
import { redirectTarget, targetsFromEnv, NoTwinError } from '../../src/redirect.js';

const run = promisify(execFile);
const register = fileURLToPath(new URL('../../src/register.ts', import.meta.url));
const app = fileURLToPath(new URL('./apps/vendor-default-urls.mjs', import.meta.url));

describe('redirect targets', () => {
  it('DTU_URL is the first port of a dtu start layout; per-vendor URLs win and may carry a tenant prefix', () => {
    const t = targetsFromEnv({ DTU_URL: 'http://127.0.0.1:7010', DTU_JIRA_URL: 'http://127.0.0.1:9000/t/acme' });
    expect(t).toEqual({ okta: 'http://127.0.0.1:7010', slack: 'http://127.0.0.1:7011', jira: 'http://127.0.0.1:9000/t/acme', google: 'http://127.0.0.1:7013' });
    expect(redirectTarget(new URL('https://acme.atlassian.net/rest/api/3/myself?x=1'), t)!.href).toBe('http://127.0.0.1:9000/t/acme/rest/api/3/myself?x=1');
    expect(redirectTarget(new URL('wss://wss-primary.slack.com/link/?ticket=1'), t)!.href).toBe('ws://127.0.0.1:7011/link/?ticket=1');
    expect(redirectTarget(new URL('https://example.com/'), t)).toBeUndefined();
    expect(() => redirectTarget(new URL('https://oauth2.googleapis.com/token'), { okta: 'http://127.0.0.1:1' })).toThrow(NoTwinError);
  });
});

describe('node --import register', () => {
  let started: Started;
  beforeAll(async () => {
    started = await startTwins({ portBase: 0, seed: 'redirect' });
  });
  afterAll(async () => {
    await started?.close();
  });

  it('sends fetch, node-fetch, axios, gaxios and the Socket Mode WebSocket to the twins', async () => {
    const creds: Record<string, unknown> = {};
    for (const v of VENDORS) creds[v] = await fetchCredentials(fetch, v, started.urls[v]!);
    const env: Record<string, string> = { ...process.env, APP_CREDS: JSON.stringify(creds) } as Record<string, string>;
    for (const v of VENDORS) env[`DTU_${v.toUpperCase()}_URL`] = started.urls[v]!;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--import', register, app], { env, timeout: 60_000 });
    const out = JSON.parse(stdout);
    expect(out).toEqual({ okta: 'redirect@example.com', slack: (creds.slack as { teamId: string }).teamId, socketMode: 'connected', jira: (creds.jira as { email: string }).email, google: 'via --import' });
  }, 90_000);
});
