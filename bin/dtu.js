#!/usr/bin/env node
// Runs the compiled CLI (shipped in the package; `npm run build` in a checkout), else the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
if (existsSync(fileURLToPath(compiled)) && !process.env.DTU_FROM_SOURCE) {
  await (await import(compiled.href)).main();
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
