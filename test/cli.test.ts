import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/dtu.js', import.meta.url));

function run(args: string[]): { child: ChildProcess; firstLine: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DTU_FROM_SOURCE: '1' } });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before output: ${err}`)));
  });
  // Tests that only await the exit code never read the first line; its rejection is expected then.
  firstLine.catch(() => {});
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, firstLine, exit };
}

describe('dtu CLI', () => {
  it('starts all four twins on consecutive ports and prints one JSON line of base URLs', async () => {
    // Port base 0 asks for ephemeral ports, so parallel test runs never collide.
    const p = run(['start', '--port-base', '0', '--json']);
    try {
      const urls = JSON.parse(await p.firstLine) as Record<string, string>;
      expect(Object.keys(urls)).toEqual(['okta', 'slack', 'jira', 'google']);
      for (const [twin, url] of Object.entries(urls)) {
        const health = await (await fetch(`${url}/_dtu/health`)).json();
        expect(health).toMatchObject({ ok: true, twin });
      }
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exit).toBe(0);
  });

  it('--tls serves https and names the CA file in --json; a client trusting that CA alone gets through', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtu-cli-tls-'));
    const p = run(['start', 'jira', '--port-base', '0', '--json', '--tls', '--data-dir', dir]);
    try {
      const out = JSON.parse(await p.firstLine) as { jira: string; caFile: string };
      expect(out.jira).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(out.caFile.startsWith(dir)).toBe(true);
      const status = await new Promise<number>((resolve, reject) => {
        request(`${out.jira}/_dtu/health`, { ca: readFileSync(out.caFile) }, (res) => resolve(res.resume().statusCode!)).on('error', reject).end();
      });
      expect(status).toBe(200);
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exit).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('persists state with --data-dir, flushes on SIGTERM and serves it again after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtu-cli-'));
    const first = run(['start', 'okta', '--port-base', '0', '--json', '--data-dir', dir]);
    const { okta } = JSON.parse(await first.firstLine) as { okta: string };
    const creds = await (await fetch(`${okta}/_dtu/credentials`)).json();
    const headers = { authorization: `SSWS ${creds.token}`, 'content-type': 'application/json', accept: 'application/json' };
    const created = await fetch(`${okta}/api/v1/users?activate=false`, { method: 'POST', headers, body: JSON.stringify({ profile: { firstName: 'Per', lastName: 'Sist', email: 'persist@example.com', login: 'persist@example.com' } }) });
    expect(created.status).toBe(200);
    const user = await created.json();
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);

    const second = run(['start', 'okta', '--port-base', '0', '--json', '--data-dir', dir]);
    try {
      const again = JSON.parse(await second.firstLine) as { okta: string };
      const res = await fetch(`${again.okta}/api/v1/users/${user.id}`, { headers });
      expect(res.status).toBe(200);
      expect((await res.json()).profile.login).toBe('persist@example.com');
    } finally {
      second.child.kill('SIGTERM');
    }
    expect(await second.exit).toBe(0);
  });

  it('rejects unknown twins and bad flags with usage and exit code 2', async () => {
    const p = run(['start', 'salesforce']);
    expect(await p.exit).toBe(2);
    const q = run(['frobnicate']);
    expect(await q.exit).toBe(2);
  });
});

/** Runs the CLI to completion and returns its exit code and output. */
async function complete(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DTU_FROM_SOURCE: '1', ...env } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out, err };
}

describe('dtu CLI manners', () => {
  it('--help on every subcommand, --version, and the README synopsis is the CLI’s own', async () => {
    const { HELP, usage } = await import('../src/cli/help.js');
    for (const cmd of Object.keys(HELP)) {
      const r = await complete([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.out).toContain(`usage: ${HELP[cmd].synopsis}`);
    }
    const v = await complete(['--version']);
    expect(v.out.trim()).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const synopsis = /### CLI\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(synopsis).toBe(usage().replace(/^usage:\n/, '').split('\n\n')[0].replace(/^ {2}/gm, '') + '\n');
  }, 120_000);

  it('names unknown commands and flags, exit 2', async () => {
    const a = await complete(['frobnicate']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/unknown command "frobnicate"/);
    const b = await complete(['start', '--portbase', '0']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/--portbase/);
  });

  it('one-line errors with exit 1: port in use, unreadable seed, missing recording', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as AddressInfo).port;
    try {
      const busy = await complete(['start', 'okta', '--port-base', String(port)]);
      expect(busy.code).toBe(1);
      expect(busy.err.trim()).toBe(`dtu start: port ${port} on 127.0.0.1 is already in use; pick another --port-base (0 = free ports)`);
    } finally {
      taken.close();
    }
    const dir = mkdtempSync(join(tmpdir(), 'dtu-cli-'));
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    const seeds = await Promise.all([complete(['start', 'okta', '--port-base', '0', '--seed', join(dir, 'absent.json')]), complete(['start', 'okta', '--port-base', '0', '--seed', join(dir, 'bad.json')]), complete(['start', '--port-base', '0', '--seed', 'nonesuch'])]);
    expect(seeds.map((s) => s.code)).toEqual([1, 1, 1]);
    expect(seeds[0].err.trim()).toBe(`dtu start: cannot read seed file ${join(dir, 'absent.json')}: no such file`);
    expect(seeds[1].err).toMatch(/^dtu start: seed file .*bad\.json is not valid JSON/);
    expect(seeds[2].err).toMatch(/^dtu start: no fixture "nonesuch" for okta/);
    for (const s of seeds) expect(s.err.trim().split('\n')).toHaveLength(1);
    const diff = await complete(['diff', join(dir, 'missing.har')]);
    expect(diff.code).toBe(1);
    expect(diff.err.trim()).toBe(`dtu diff: no such file: ${join(dir, 'missing.har')}`);
  }, 60_000);

  it('dtu env prints each SDK’s variables for running twins, with a Google key file whose token_uri is the twin', async () => {
    const p = run(['start', '--port-base', '0', '--json']);
    try {
      const urls = JSON.parse(await p.firstLine) as Record<string, string>;
      const dir = mkdtempSync(join(tmpdir(), 'dtu-env-'));
      const args = ['env', '--json', '--key-file', join(dir, 'sa.json'), ...Object.entries(urls).flatMap(([v, u]) => [`--${v}-url`, u])];
      const r = await complete(args);
      expect(r.code, r.err).toBe(0);
      const vars = JSON.parse(r.out);
      expect(vars).toMatchObject({ OKTA_CLIENT_ORGURL: urls.okta, JIRA_HOST: urls.jira, SLACK_API_URL: `${urls.slack}/api/`, GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'sa.json'), DTU_GOOGLE_URL: urls.google });
      for (const k of ['OKTA_CLIENT_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'JIRA_EMAIL', 'JIRA_API_TOKEN']) expect(vars[k], k).toMatch(/\S{6,}/);
      expect(JSON.parse(readFileSync(join(dir, 'sa.json'), 'utf8'))).toMatchObject({ type: 'service_account', token_uri: `${urls.google}/token` });
      const shell = await complete(['env', '--shell', '--url', urls.okta.replace(/:\d+$/, ':1')]);
      expect(shell.code).toBe(1);
      expect(shell.err).toMatch(/^dtu env: no twin answered/);
      const dotenv = await complete(['env', '--dotenv', '--okta-url', urls.okta, '--tenant', 'envtest']);
      expect(dotenv.out).toMatch(new RegExp(`^OKTA_CLIENT_ORGURL="${urls.okta}/t/envtest"$`, 'm'));
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exit).toBe(0);
  }, 60_000);
});
