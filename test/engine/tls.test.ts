// `--tls` twins: HTTPS and WSS on free ports with a certificate from a seeded local CA, verified by clients that trust only that CA.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTwins, type Started } from '../../src/start.js';
import { tlsMaterial } from '../../src/server/tls.js';

let dir: string;
let started: Started;
let ca: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dtu-tls-test-'));
  started = await startTwins({ twins: ['jira', 'slack'], portBase: 0, tls: true, seed: 'tls-test', dataDir: dir });
  ca = readFileSync(started.caFile!, 'utf8');
}, 60_000);
afterAll(async () => {
  await started?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One HTTPS request that trusts `trust` alone (no rejectUnauthorized=false anywhere). */
function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; trust?: string } = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, ca: init.trust ?? ca }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('dtu start --tls', () => {
  it('serves https on the free port and publishes the CA file', () => {
    expect(started.urls.jira).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(started.urls.slack).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(started.caFile!.startsWith(dir)).toBe(true);
    expect(ca).toContain('-----BEGIN CERTIFICATE-----');
    // Only the leaf's key is kept, readable by its owner alone; the CA's key is never written.
    const leafKey = readFileSync(started.caFile!.replace(/ca\.pem$/, 'key.pem'), 'utf8');
    expect(leafKey).toContain('PRIVATE KEY');
    expect(statSync(started.caFile!.replace(/ca\.pem$/, 'key.pem')).mode & 0o077).toBe(0);
    expect(ca).not.toContain('PRIVATE KEY');
  });

  it('Jira self URLs come out https, from the request (jira.js live tests match ^https://)', async () => {
    const creds = (await call(`${started.urls.jira}/_dtu/credentials`)).body;
    expect(creds.host).toBe(started.urls.jira);
    const auth = `Basic ${Buffer.from(`${creds.email}:${creds.apiToken}`).toString('base64')}`;
    const me = await call(`${started.urls.jira}/rest/api/3/myself`, { headers: { authorization: auth } });
    expect(me.status).toBe(200);
    expect(me.body.self).toMatch(new RegExp(`^${started.urls.jira}/rest/api/3/user\\?accountId=`));
  });

  it('the certificate names localhost too, and a client trusting another CA refuses it', async () => {
    const port = new URL(started.urls.jira!).port;
    expect((await call(`https://localhost:${port}/_dtu/health`)).status).toBe(200);
    const other = (await tlsMaterial('another-seed', dir)).ca;
    await expect(call(`${started.urls.jira}/_dtu/health`, { trust: other })).rejects.toMatchObject({ code: expect.stringMatching(/CERT|SIGNATURE|ISSUER/) });
  }, 30_000);

  it('Slack rtm.connect hands out a wss:// URL whose socket says hello (https://api.slack.com/methods/rtm.connect)', async () => {
    const creds = (await call(`${started.urls.slack}/_dtu/credentials`)).body;
    const res = await call(`${creds.apiUrl}rtm.connect`, { method: 'POST', headers: { authorization: `Bearer ${creds.botToken}` } });
    expect(res.body).toMatchObject({ ok: true, url: expect.stringMatching(/^wss:\/\/127\.0\.0\.1:\d+\/rtm\/\?ticket=/) });
    const ws = new WebSocket(res.body.url, { ca });
    try {
      const first = await new Promise<unknown>((resolve, reject) => {
        ws.once('message', (m) => resolve(JSON.parse(String(m))));
        ws.once('error', reject);
      });
      expect(first).toEqual({ type: 'hello' });
    } finally {
      ws.close();
    }
  });

  it('one seed, one CA: the material is the same wherever it is made', async () => {
    const again = mkdtempSync(join(tmpdir(), 'dtu-tls-test-'));
    try {
      const m = await tlsMaterial('tls-test', again);
      expect(m.ca).toBe(ca);
      expect(m.cert).toBe(readFileSync(started.caFile!.replace(/ca\.pem$/, 'cert.pem'), 'utf8'));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
    // Two RSA keys from the seeded source in pure JS: seconds alone, over half a minute on a loaded machine.
  }, 120_000);
});
