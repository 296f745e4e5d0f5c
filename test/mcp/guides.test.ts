/** Every `ts` code block in the agent guides runs, as written, against a fresh tenant of a running suite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTwins, type Started } from '../../src/start.js';
import { envVars } from '../../src/mcp/env-vars.js';
import { isVendor } from '../../src/vendors.js';
import { runnableBlocks } from '../helpers/code-blocks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const guides = join(root, 'docs', 'agents');
const scratch = join(root, '.cache', 'guide-blocks');


let suite: Started;
beforeAll(async () => {
  suite = await startTwins({ portBase: 0 });
  mkdirSync(scratch, { recursive: true });
}, 60_000);
afterAll(() => suite?.close());

const files = readdirSync(guides).filter((f) => f.endsWith('.md'));

describe('agent guides', () => {
  it('has a guide per twin and an index linking them', () => {
    expect(files.sort()).toEqual(['google.md', 'index.md', 'jira.md', 'okta.md', 'slack.md']);
    const index = readFileSync(join(guides, 'index.md'), 'utf8');
    for (const v of ['okta', 'slack', 'jira', 'google']) expect(index).toContain(`](${v}.md)`);
  });

  for (const file of files) {
    const vendor = file.replace(/\.md$/, '');
    const blocks = runnableBlocks(readFileSync(join(guides, file), 'utf8'));
    blocks.forEach((code, i) => {
      it(`${file} block ${i + 1} runs against the ${vendor} twin`, async () => {
        if (!isVendor(vendor)) throw new Error(`${file}: runnable blocks belong in a twin's guide`);
        const tenant = `guide-${vendor}-${i}`;
        const base = `${suite.urls[vendor]}/t/${tenant}`;
        const creds = (await (await fetch(`${base}/_dtu/credentials`)).json()) as Record<string, unknown>;
        Object.assign(process.env, envVars(vendor, creds, base));
        const path = join(scratch, `${vendor}-${i}.ts`);
        writeFileSync(path, `${code}\nexport {};\n`);
        await import(`${path}?t=${Date.now()}`);
      }, 60_000);
    });
  }
});
