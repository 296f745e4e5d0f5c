// --data-dir under failure: kill -9 during concurrent writes, a full disk, a read-only directory, a corrupt state file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crashLoop } from '../../scripts/reliability/crash-loop.js';
import { createVendorTwin } from '../../src/vendors.js';
import type { Twin } from '../../src/core/twin.js';
import { readPersistedTenant } from '../../src/core/registry.js';
import { call, credentialsOf } from './helpers.js';

describe('kill -9 during concurrent writes', () => {
  it('keeps every acknowledged write and every file parses (2 kills here; scripts/reliability/crash-loop.ts runs 50)', async () => {
    const report = await crashLoop({ kills: 2, writers: 4 });
    expect(report.kills, `seed ${report.seed}`).toBe(2);
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.missing, `seed ${report.seed}`).toEqual([]);
    expect(report.unparsable, `seed ${report.seed}`).toEqual([]);
    expect(report.verified).toBe(report.acknowledged);
  }, 120_000);
});

/** A tiny tmpfs, when this machine lets us mount one (root on Linux); otherwise the tests below skip and say so. */
function mountTmpfs(sizeKb: number): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'dtu-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}
const unmount = (dir: string) => {
  try {
    execFileSync('umount', [dir], { stdio: 'ignore' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const probe = mountTmpfs(64);
if (probe) unmount(probe);
else console.warn('persistence tests: cannot mount a tmpfs here (needs root on Linux); full-disk and read-only cases skipped');

async function postMessage(twin: Twin, creds: Record<string, any>, text: string) {
  return call(twin, 'POST', '/t/disk/api/chat.postMessage', { headers: { authorization: `Bearer ${creds.botToken}` }, body: { channel: creds.generalChannel ?? '#general', text } });
}

describe.skipIf(!probe)('a data dir that cannot be written', () => {
  const mounts: string[] = [];
  afterAll(() => mounts.forEach(unmount));

  it('full disk: the write is refused with a clear 503 in the vendor format, the file on disk stays whole, and it is retried once space returns', async () => {
    const dir = mountTmpfs(1024)!;
    mounts.push(dir);
    const twin = await createVendorTwin('slack', { dataDir: dir });
    const creds = await credentialsOf(twin, 'disk');
    const first = await postMessage(twin, creds, 'before the disk filled');
    expect(first.json.ok, first.text).toBe(true);
    // Fill the disk, leaving less room than the tenant file needs.
    const file = join(dir, 'slack', 'disk.json');
    const size = readFileSync(file).byteLength;
    try {
      writeFileSync(join(dir, 'filler'), Buffer.alloc(1024 * 1024));
    } catch {
      // ENOSPC while filling is the point
    }
    const refused = await postMessage(twin, creds, 'while the disk is full');
    expect(refused.status).toBe(503);
    expect(refused.json).toMatchObject({ ok: false, error: 'fatal_error' });
    expect(refused.json.detail).toMatch(/ENOSPC/);
    // What a restart would read (the whole file and its log) still holds the earlier write, and the whole file is untouched.
    expect(JSON.stringify(readPersistedTenant(file))).toContain('before the disk filled');
    expect(JSON.stringify(readPersistedTenant(file))).not.toContain('while the disk is full');
    expect(readFileSync(file).byteLength).toBe(size);

    rmSync(join(dir, 'filler'));
    const after = await postMessage(twin, creds, 'after space returned');
    expect(after.json.ok).toBe(true);
    const text = JSON.stringify(readPersistedTenant(file));
    expect(text).toContain('after space returned');
    // The refused change was kept in memory and reaches the disk with the next write.
    expect(text).toContain('while the disk is full');
    await twin.close();
  });

  it('read-only: writes answer 503 with EROFS and leave the file intact; a twin will not start on it', async () => {
    const dir = mountTmpfs(1024)!;
    mounts.push(dir);
    const twin = await createVendorTwin('slack', { dataDir: dir });
    const creds = await credentialsOf(twin, 'disk');
    expect((await postMessage(twin, creds, 'while writable')).json.ok).toBe(true);
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const refused = await postMessage(twin, creds, 'while read-only');
    expect(refused.status).toBe(503);
    expect(refused.json.detail).toMatch(/EROFS/);
    expect(JSON.stringify(readPersistedTenant(join(dir, 'slack', 'disk.json')))).toContain('while writable');
    await expect(createVendorTwin('slack', { dataDir: dir })).rejects.toThrow(/data dir .* is not writable \(EROFS\)/);
    twin.registry.stop();
  });
});

describe('a corrupt state file', () => {
  it('stops the twin with a message naming the file, and does not overwrite it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtu-corrupt-'));
    mkdirSync(join(dir, 'jira'));
    writeFileSync(join(dir, 'jira', 'site.json'), '{"version":1,"collections":{"issues":[{"id":"1"');
    await expect(createVendorTwin('jira', { dataDir: dir })).rejects.toThrow(/site\.json cannot be read as tenant state/);
    expect(readFileSync(join(dir, 'jira', 'site.json'), 'utf8')).toBe('{"version":1,"collections":{"issues":[{"id":"1"');
    rmSync(dir, { recursive: true, force: true });
  });
});
