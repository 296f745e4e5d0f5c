/** Every TypeScript block in the README runs as written (package imports mapped to the sources, default ports to the test's twins). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startTwins, DEFAULT_PORT_BASE, type Started } from '../src/start.js';
import { VENDORS } from '../src/vendors.js';
import { runnableBlocks } from './helpers/code-blocks.js';

const run = promisify(execFile);
const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');


const ENTRIES: Record<string, string> = { '': 'index', '/msw': 'msw', '/register': 'register', '/vitest': 'vitest', '/testcontainers': 'testcontainers' };

function localize(code: string, urls: Started['urls']): string {
  let out = code.replace(/from 'digital-twin-universe(\/[a-z]+)?'/g, (_m, sub: string | undefined) => `from '${pathToFileURL(fileURLToPath(new URL(`src/${ENTRIES[sub ?? '']}.ts`, root))).href}'`);
  VENDORS.forEach((v, i) => (out = out.replaceAll(`http://127.0.0.1:${DEFAULT_PORT_BASE + i}`, urls[v]!)));
  return out;
}

const blocks = runnableBlocks(readme);
let started: Started;
beforeAll(async () => {
  started = await startTwins({ portBase: 0, seed: 'readme' });
});
afterAll(async () => {
  await started?.close();
});

describe('README code blocks', () => {
  it('has one runnable block per vendor, each with its own credentials and imports', () => {
    const sdk = ['@okta/okta-sdk-nodejs', '@slack/web-api', 'jira.js', 'googleapis'];
    for (const [i, pkg] of sdk.entries()) {
      const block = blocks.find((b) => b.includes(`from '${pkg}'`) && b.includes(`127.0.0.1:${DEFAULT_PORT_BASE + i}/_dtu/credentials`));
      expect(block, pkg).toBeDefined();
    }
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  it('runs every block to completion', async () => {
    const dir = fileURLToPath(new URL('reports/readme-blocks/', root));
    mkdirSync(dir, { recursive: true });
    const files = blocks.map((b, i) => {
      const f = `${dir}block-${i + 1}.mts`;
      writeFileSync(f, localize(b, started.urls));
      return f;
    });
    const failures: string[] = [];
    // Two at a time: each block starts an SDK or twins of its own.
    for (let i = 0; i < files.length; i += 2) {
      await Promise.all(
        files.slice(i, i + 2).map(async (f) => {
          try {
            await run(process.execPath, ['--import', 'tsx', f], { cwd: fileURLToPath(root), timeout: 60_000 });
          } catch (e) {
            failures.push(`${f}: ${(e as { stderr?: string }).stderr?.split('\n').slice(0, 8).join('\n') ?? e}`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
