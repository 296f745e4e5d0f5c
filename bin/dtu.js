#!/usr/bin/env node
// Runs the built CLI (shipped in the package; `npm run build` in a checkout), else the TypeScript sources through tsx.
// `dtu start`, whose start-up time users wait on, runs from one CommonJS bundle (scripts/bundle.mjs) compiled with
// the V8 code cache the build made beside it, so the twins' code is not compiled again at every start (a cache made
// by another Node version is refused by V8, and the bundle compiles as it would without one). Other commands, some
// of which find files beside their own modules (the compat scenarios), run from the compiled modules.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const startBundle = fileURLToPath(new URL('../dist/bundle/start.cjs', import.meta.url));
const compiled = new URL('../dist/src/cli/main.js', import.meta.url);

if (!process.env.DTU_FROM_SOURCE && process.argv[2] === 'start' && existsSync(startBundle)) {
  await runStartBundle();
  preferSmallHeap();
} else if (!process.env.DTU_FROM_SOURCE && existsSync(fileURLToPath(compiled))) {
  await (await import(compiled.href)).main();
  if (process.argv[2] === 'start') preferSmallHeap();
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
  if (process.argv[2] === 'start') preferSmallHeap();
}

/**
 * Running twins keep their heap near what is live. V8 lets the old generation grow by a factor it picks from its
 * collector's speed against the allocation rate, up to 4× what survived the last full collection when the heap
 * limit is 2 GiB or more (any machine with 16 GiB of memory); under a steady load most of what a twin promotes
 * there is soon garbage (journal entries, log events, records created then deleted), so RSS climbed to 3–5× idle.
 * `--heap-growing-percent=30` fixes the factor at 1.3, the one V8 uses when it optimizes for memory (see
 * docs/decisions/0009 for the soak figures and the CPU per request). It is set once the twins are listening,
 * after the V8 code cache (which checks the flags) was read or written. A value given to node
 * (`NODE_OPTIONS=--heap-growing-percent=0` restores V8's own choice) wins.
 */
function preferSmallHeap() {
  const given = `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`;
  if (!/heap[-_]growing[-_]percent/.test(given)) v8.setFlagsFromString('--heap-growing-percent=30');
}

async function runStartBundle() {
  // V8 accepts a code cache only from its own version (and flags): one file per Node version, the build's first;
  // one twin started alone reads a cache of its own code (smaller to load), any other set the cache of all four.
  // The twins are the arguments that name one: an option's value that did would only pick the larger cache.
  const named = new Set(process.argv.slice(3).filter((a) => ['okta', 'slack', 'jira', 'google'].includes(a)));
  const cacheFile = startBundle.replace(/\.cjs$/, `.${process.version}.${named.size === 1 ? [...named][0] : 'all'}.cache`);
  // The build's own run (scripts/bundle.mjs) names its URLs file here: it answers one health check per twin, then writes the cache.
  const making = process.env.DTU_WRITE_CODE_CACHE;
  const cachedData = !making && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(startBundle, 'utf8')), {
    filename: startBundle,
    cachedData,
    // Optional peers (the MCP SDK) are imported on first use, as from any module.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(startBundle), module, startBundle, dirname(startBundle));
  await module.exports.main();
  if (making) {
    const urls = JSON.parse(readFileSync(making, 'utf8'));
    for (const url of Object.values(urls)) await (await fetch(`${url}/_dtu/health`)).text();
    writeFileSync(cacheFile, script.createCachedData());
    process.exit(0);
  }
  // Under a Node version the build did not run, the first start leaves the cache for the next (where it may write).
  if (!cachedData) {
    try {
      writeFileSync(cacheFile, script.createCachedData());
    } catch {
      // a read-only install starts as it would without a cache
    }
  }
}
