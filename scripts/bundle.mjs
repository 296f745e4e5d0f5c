/**
 * The build's second step (after tsc): the CLI bundled into dist/bundle/start.cjs for `dtu start`, so a cold
 * start reads one file instead of resolving ~300 modules, with V8 code caches of a start of each twin and of
 * all four beside it (dist/bundle/start.<node version>.<twin or all>.cache, see bin/dtu.js); dist/fixtures-checked.json, the committed fixtures checked against their schemas here rather than at
 * every start; and dist/digests/, each twin's spec digest in the lazy form `loadDigest` reads while the
 * committed digest is unchanged (src/core/digest.ts). `bin/dtu.js` runs the bundle for `dtu start` when it exists.
 *
 * CommonJS rather than ES modules: Node 20 keeps no compiled code of an ES module between runs (22.1 added
 * `module.enableCompileCache`), while a script compiles with a code cache on every version; compiling the
 * twins' code was about a third of a cold start. A twin's modules still run only when that twin starts
 * (esbuild wraps what is imported dynamically in functions called on first import).
 *
 *   node scripts/bundle.mjs        (part of `npm run build`)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * The package's own dependencies are bundled (fewer files to open at start); everything else stays a package
 * import, above all the optional peers (msw, testcontainers, the SDKs, the MCP SDK) that resolve where the user
 * installed them, and ws's optional native helpers.
 */
const bundled = new Set(Object.keys(pkg.dependencies));
const runtimeDependenciesOnly = {
  name: 'runtime-dependencies-only',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return bundled.has(name) ? undefined : { external: true };
    });
  },
};
const out = join(root, 'dist', 'bundle');
rmSync(out, { recursive: true, force: true });
/** The other commands run from the compiled modules (tsc's output), and `dtu compat` reaches msw, whose adapter awaits at its top level. */
const otherCommandsCompiled = {
  name: 'other-commands-compiled',
  setup(b) {
    b.onResolve({ filter: /^\.\/(compat|record|diff|mcp|env)\.js$/ }, (args) => (args.importer.endsWith(join('src', 'cli', 'main.ts')) ? { path: `../src/cli/${args.path.slice(2)}`, external: true } : undefined));
  },
};
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  plugins: [otherCommandsCompiled, runtimeDependenciesOnly],
  // The sources are ES modules: `import.meta.url` is the bundle's own URL (the project root is found from it).
  define: { 'import.meta.url': '__dtuModuleUrl' },
  banner: { js: "const __dtuModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  outfile: join(out, 'start.cjs'),
  logLevel: 'warning',
});

// The compiled fixture check (tsc's output), run on every committed fixture; a malformed one fails the build.
const { checkFixture, checkedDigest, CHECKED_FIXTURES } = await import(new URL('../dist/src/core/fixtures.js', import.meta.url).href);
const checked = {};
for (const vendor of ['okta', 'slack', 'jira', 'google']) {
  for (const name of readdirSync(join(root, 'fixtures', vendor)).filter((f) => f.endsWith('.json') && f !== 'schema.json')) {
    const text = readFileSync(join(root, 'fixtures', vendor, name), 'utf8');
    const invalid = checkFixture(vendor, JSON.parse(text));
    if (invalid) throw new Error(`fixtures/${vendor}/${name}: ${invalid}`);
    checked[`${vendor}/${name}`] = checkedDigest(vendor, text);
  }
}
writeFileSync(join(root, CHECKED_FIXTURES), `${JSON.stringify(checked, null, 1)}\n`);

// The digests in their lazy form: a start parses each operation's schemas only when it is first served.
const { compactDigest, COMPACT_DIGESTS } = await import(new URL('../dist/src/core/digest.js', import.meta.url).href);
rmSync(join(root, COMPACT_DIGESTS), { recursive: true, force: true });
mkdirSync(join(root, COMPACT_DIGESTS), { recursive: true });
for (const vendor of ['okta', 'slack', 'jira', 'google']) {
  const source = join(root, 'twins', vendor, 'openapi', 'digest.json');
  writeFileSync(join(root, COMPACT_DIGESTS, `${vendor}.json`), compactDigest(readFileSync(source, 'utf8'), statSync(source)));
}

// The code caches: a start of each twin alone and of all four, each twin answering its health check, compiles
// what such a start runs; V8 serializes that (bin/dtu.js writes it when DTU_WRITE_CODE_CACHE names the URLs
// file of the run).
const scratch = mkdtempSync(join(tmpdir(), 'dtu-bundle-'));
try {
  const urls = join(scratch, 'urls.json');
  for (const twins of [['okta'], ['slack'], ['jira'], ['google'], ['okta', 'slack', 'jira', 'google']]) {
    execFileSync(process.execPath, [join(root, 'bin', 'dtu.js'), 'start', ...twins, '--port-base', '0', '--json', '--urls-file', urls], {
      env: { ...process.env, DTU_WRITE_CODE_CACHE: urls, DTU_FROM_SOURCE: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 60_000,
    });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
