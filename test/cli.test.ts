import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
