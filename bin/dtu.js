#!/usr/bin/env node
// Runs the built CLI (shipped in the package; `npm run build` in a checkout), else the TypeScript sources through tsx.
// `dtu start`, whose start-up time users wait on, runs from the bundle (scripts/bundle.mjs); other commands, some of
// which find files beside their own modules (the compat scenarios), run from the compiled modules.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entries = process.argv[2] === 'start' ? ['../dist/bundle/cli.js', '../dist/src/cli/main.js'] : ['../dist/src/cli/main.js'];
const built = entries.map((e) => new URL(e, import.meta.url)).find((u) => existsSync(fileURLToPath(u)));
if (built && !process.env.DTU_FROM_SOURCE) {
  await (await import(built.href)).main();
} else {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    process.stderr.write('dtu: no compiled CLI (dist/) and no tsx to run the sources; run `npm run build` in this checkout\n');
    process.exit(1);
  }
  tsx.register();
  await (await import(new URL('../src/cli/main.ts', import.meta.url).href)).main();
}
