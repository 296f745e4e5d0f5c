#!/usr/bin/env node
// Runs the compiled CLI when it exists (npm install builds it), else the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
if (existsSync(fileURLToPath(compiled)) && !process.env.DTU_FROM_SOURCE) {
  await (await import(compiled.href)).main();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await (await import(new URL('../src/cli/main.ts', import.meta.url).href)).main();
}
