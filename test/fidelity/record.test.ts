// The recording proxy against a tiny local upstream: valid HAR 1.2, secrets redacted, binary and gzip handled, nothing lost on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRecorder, type Recorder } from '../../src/fidelity/recorder.js';
import type { Har, HarEntry } from '../../src/fidelity/har.js';
import { loadRecording } from '../../src/fidelity/recording.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]);
let upstream: Server;
let upstreamUrl: string;
let dir: string;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const url = new URL(req.url!, upstreamUrl);
      if (url.pathname === '/api/v1/users' && req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['sid=abc123; Path=/; HttpOnly', 'JSESSIONID=XYZ; Secure'], link: `<${upstreamUrl}/api/v1/users?after=00u2&limit=1>; rel="next"` });
        res.end(JSON.stringify({ id: '00u1', echo: JSON.parse(body), sawAuth: req.headers.authorization, sawHost: req.headers.host }));
      } else if (url.pathname === '/bin') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(PNG);
      } else if (url.pathname === '/gz') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify({ zipped: true, refresh_token: 'rt-secret' })));
      } else if (url.pathname === '/api/oauth.v2.access') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, access_token: 'xoxb-1234-5678-abcdef', got: Object.fromEntries(new URLSearchParams(body)) }));
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end(`no ${url.pathname}${url.search}`);
      }
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'dtu-record-'));
});
afterAll(async () => {
  await new Promise((r) => upstream.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const readHar = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Har;
const header = (h: Array<{ name: string; value: string }>, n: string) => h.filter((x) => x.name.toLowerCase() === n).map((x) => x.value);

/** The fields HAR 1.2 requires on every entry. */
function expectValidHar(har: Har) {
  expect(har.log.version).toBe('1.2');
  expect(har.log.creator).toEqual({ name: 'dtu', version: expect.any(String) });
  for (const e of har.log.entries as HarEntry[]) {
    expect(Number.isNaN(Date.parse(e.startedDateTime))).toBe(false);
    expect(e.time).toBeGreaterThanOrEqual(0);
    expect(e.request).toMatchObject({ method: expect.any(String), url: expect.stringMatching(/^http/), httpVersion: expect.stringMatching(/^HTTP\//), cookies: [], headers: expect.any(Array), queryString: expect.any(Array), headersSize: -1, bodySize: expect.any(Number) });
    expect(e.response).toMatchObject({ status: expect.any(Number), statusText: expect.any(String), httpVersion: expect.any(String), cookies: [], headers: expect.any(Array), content: { size: expect.any(Number), mimeType: expect.any(String) }, redirectURL: expect.any(String), headersSize: -1, bodySize: expect.any(Number) });
    expect(e.cache).toEqual({});
    for (const k of ['send', 'wait', 'receive'] as const) expect(e.timings[k]).toBeGreaterThanOrEqual(0);
  }
}

describe('dtu record (startRecorder)', () => {
  let rec: Recorder;
  let file: string;
  beforeAll(async () => {
    file = join(dir, 'okta.har');
    rec = await startRecorder({ upstream: upstreamUrl, out: file, vendor: 'okta', redact: ['apiSecret'] });
  });
  afterAll(() => rec.close());

  it('forwards to the upstream and writes each exchange before the client sees it', async () => {
    expect(rec.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${rec.url}/api/v1/users?activate=true&token=qtok&key=AIzaSyA-abcdefghijklmnopqrstuvwxyz01234`, {
      method: 'POST',
      headers: { authorization: 'SSWS 00abcdefSECRET', cookie: 'sid=abc; other=1', 'content-type': 'application/json' },
      body: JSON.stringify({ profile: { login: 'a@example.com' }, credentials: { password: { value: 'Sup3r!' } }, apiSecret: 's3', client_assertion: 'eyJ...' }),
    });
    const body = (await res.json()) as Record<string, any>;
    expect(body.sawAuth).toBe('SSWS 00abcdefSECRET'); // the upstream gets the real thing
    expect(body.sawHost).toBe(new URL(upstreamUrl).host);
    expect(res.headers.get('link')).toBe(`<${rec.url}/api/v1/users?after=00u2&limit=1>; rel="next"`); // pagination stays on the proxy
    const har = readHar(file); // already on disk: no close needed
    expectValidHar(har);
    const e = har.log.entries[0];
    expect(har.log._dtu).toEqual({ vendor: 'okta', upstream: upstreamUrl });
    expect(e.request.url).toBe(`${upstreamUrl}/api/v1/users?activate=true&token=REDACTED&key=REDACTED`);
    expect(e.request.queryString).toEqual([{ name: 'activate', value: 'true' }, { name: 'token', value: 'REDACTED' }, { name: 'key', value: 'REDACTED' }]);
    expect(header(e.request.headers, 'authorization')).toEqual(['SSWS REDACTED']);
    expect(header(e.request.headers, 'cookie')).toEqual(['sid=REDACTED; other=REDACTED']);
    expect(JSON.parse(e.request.postData!.text)).toEqual({ profile: { login: 'a@example.com' }, credentials: { password: { value: 'REDACTED' } }, apiSecret: 'REDACTED', client_assertion: 'REDACTED' });
    expect(header(e.response.headers, 'set-cookie')).toEqual(['sid=REDACTED; Path=/; HttpOnly', 'JSESSIONID=REDACTED; Secure']);
    expect(header(e.response.headers, 'link')[0]).toContain(upstreamUrl); // the recording keeps what the upstream said
    expect(JSON.parse(e.response.content.text!)).toMatchObject({ id: '00u1', sawAuth: 'SSWS REDACTED', echo: { credentials: { password: { value: 'REDACTED' } } } });
    expect(JSON.stringify(har)).not.toMatch(/SECRET|Sup3r|qtok|abc123|XYZ|AIza/);
  });

  it('keeps binary bodies as base64 and decodes gzip for the recording only', async () => {
    const bin = Buffer.from(await (await fetch(`${rec.url}/bin`)).arrayBuffer());
    expect(bin.equals(PNG)).toBe(true);
    expect(await (await fetch(`${rec.url}/gz`)).json()).toEqual({ zipped: true, refresh_token: 'rt-secret' });
    const [, b, g] = readHar(file).log.entries;
    expect(b.response.content).toEqual({ size: PNG.length, mimeType: 'image/png', text: PNG.toString('base64'), encoding: 'base64' });
    expect(JSON.parse(g.response.content.text!)).toEqual({ zipped: true, refresh_token: 'REDACTED' });
    expect(g.response.bodySize).toBeLessThan(g.response.content.size + 40); // transferred (compressed) size kept apart
  });

  it('redacts form bodies and Slack tokens anywhere', async () => {
    await fetch(`${rec.url}/api/oauth.v2.access`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': 'v0=abc' }, body: 'code=c1&client_secret=shh&client_id=123.456' });
    const e = readHar(file).log.entries[3];
    expect(e.request.postData).toMatchObject({ mimeType: 'application/x-www-form-urlencoded', text: 'code=c1&client_secret=REDACTED&client_id=123.456' });
    expect(e.request.postData!.params).toContainEqual({ name: 'client_secret', value: 'REDACTED' });
    expect(header(e.request.headers, 'x-slack-signature')).toEqual(['REDACTED']);
    expect(JSON.parse(e.response.content.text!)).toMatchObject({ access_token: 'REDACTED', got: { client_secret: 'REDACTED', code: 'c1' } });
    expect(e.response.content.text).not.toContain('xoxb-1234');
  });

  it('reads back as a recording, with the upstream vendor and base', () => {
    const r = loadRecording(file);
    expect(r).toMatchObject({ format: 'har', vendor: 'okta' });
    expect(r.exchanges).toHaveLength(4);
    expect(r.exchanges[1].response.bodyBase64).toBe(PNG.toString('base64'));
    expect(r.exchanges[0].request.headers.authorization).toBe('SSWS REDACTED');
  });
});

describe('dtu record (CLI)', () => {
  it('prints its URL, records, and flushes on SIGTERM', async () => {
    const out = join(dir, 'cli.har');
    const child = spawn(process.execPath, ['bin/dtu.js', 'record', '--vendor', 'slack', '--upstream', `${upstreamUrl}/`, '--out', out, '--redact', 'code'], {
      env: { ...process.env, DTU_FROM_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (c: Buffer) => {
        buf += c.toString();
        if (buf.includes('\n')) resolve(buf.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`exited early (${code})`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await fetch(`${url}/api/oauth.v2.access`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=c2' });
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const har = readHar(out);
    expect(har.log.entries).toHaveLength(1);
    expect(har.log.entries[0].request.postData?.text).toBe('code=REDACTED');
  }, 30_000);
});
