/**
 * The build's second step (after tsc): the CLI bundled into dist/bundle/ for `dtu start` (one file per twin,
 * loaded on first use), so a cold start reads a few files instead of resolving ~300 modules; and
 * dist/fixtures-checked.json, the committed fixtures checked against their schemas here rather than at
 * every start; and dist/digests/, each twin's spec digest in the lazy form `loadDigest` reads while the
 * committed digest is unchanged (src/core/digest.ts). `bin/dtu.js` runs the bundle for `dtu start` when it exists.
 *
 *   node scripts/bundle.mjs        (part of `npm run build`)
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts' },
  bundle: true,
  // Dynamic imports (commands, twins) become chunks of their own, so starting one twin loads only its code.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [runtimeDependenciesOnly],
  // Bundled CommonJS dependencies (ws) require Node's built-ins.
  banner: { js: "import { createRequire as __dtuRequire } from 'node:module'; const require = __dtuRequire(import.meta.url);" },
  outdir: out,
  chunkNames: 'chunks/[name]-[hash]',
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
