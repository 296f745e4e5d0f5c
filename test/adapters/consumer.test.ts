/**
 * The CI slice of the consumer-project check: the packed tarball installs into a fresh project with the newest msw 2.x,
 * its entry points typecheck under strict TypeScript, the bin runs, slack.com is answered in-process and a missing peer
 * is named. The full check (every SDK, vitest in the consumer) is `npm run check:consumer`.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}dist/src/index.js`) && existsSync(`${root}dist/src/index.d.ts`);

describe.skipIf(!built)('packed package in a fresh consumer project', () => {
  it('installs, typechecks, runs the bin and serves slack.com in-process with the newest msw', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/consumer-check.mjs', '--slice', '--skip-build'], { cwd: root, timeout: 300_000 });
    expect(stdout).toMatch(/consumer check: passed/);
    console.log(stdout.trim());
  }, 320_000);
});
if (!built) console.log('[skip] packed package in a fresh consumer project: no dist/ (npm ci or npm run build compiles it)');
