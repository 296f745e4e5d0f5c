#!/usr/bin/env node
// Consumer-project check: packs the package, installs the tarball into a fresh project with the newest msw 2.x and
// strict TypeScript, typechecks every entry point, and runs the consumer's vitest suite (scripts/consumer/): every SDK
// in-process on its default URL and over sockets, the --import redirect, a Bolt Socket Mode app, two files in parallel
// with a tenant per test. Prints packed size and install time.
//
//   node scripts/consumer-check.mjs [--skip-build] [--keep] [--msw VERSION] [--slice]
//
// --slice is the CI-sized run: no SDKs, just the tarball, msw and TypeScript (see test/adapters/consumer.test.ts).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { 'skip-build': { type: 'boolean' }, keep: { type: 'boolean' }, msw: { type: 'string', default: '2' }, slice: { type: 'boolean' } } });
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dev = pkg.devDependencies;

const log = (line) => process.stderr.write(`[consumer] ${line}\n`);
function sh(cmd, args, cwd, opts = {}) {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: opts.capture ? 'pipe' : ['ignore', 'inherit', 'inherit'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) {
    if (opts.capture) process.stderr.write(`${r.stdout}${r.stderr}`);
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}) in ${cwd}`);
  }
  return { out: r.stdout ?? '', seconds };
}

const work = mkdtempSync(join(tmpdir(), 'dtu-consumer-'));
const results = [];
try {
  if (!values['skip-build']) {
    log('building');
    sh('npm', ['run', 'build'], root);
  }
  log('packing');
  const packed = JSON.parse(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root, { capture: true }).out)[0];
  const tarball = join(work, packed.filename);
  results.push(`packed: ${(packed.size / 1024).toFixed(0)} KiB (${(packed.unpackedSize / 1024 / 1024).toFixed(1)} MiB unpacked, ${packed.entryCount} files)`);

  const app = join(work, 'consumer');
  cpSync(join(root, 'scripts/consumer'), app, { recursive: true });
  if (values.slice) rmSync(join(app, 'test'), { recursive: true });
  cpSync(join(root, 'test/adapters/apps/vendor-default-urls.mjs'), join(app, 'vendor-default-urls.mjs'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'dtu-consumer-check', private: true, type: 'module' }, null, 2));

  log('installing the tarball alone');
  const install = sh('npm', ['install', '--no-package-lock', tarball], app);
  results.push(`tarball install: ${install.seconds.toFixed(1)} s (production dependencies only, npm cache as found)`);

  const peers = [`msw@${values.msw}`, `typescript@${dev.typescript}`, `@types/node@${dev['@types/node']}`];
  const sdks = ['@okta/okta-sdk-nodejs', '@slack/web-api', '@slack/socket-mode', '@slack/bolt', 'jira.js', 'googleapis', 'vitest'].map((n) => `${n}@${dev[n]}`);
  log(`installing ${values.slice ? 'msw and TypeScript' : 'msw, TypeScript, vitest and the SDKs'}`);
  sh('npm', ['install', '--no-package-lock', '--save-dev', ...peers, ...(values.slice ? [] : sdks)], app);
  const msw = JSON.parse(readFileSync(join(app, 'node_modules/msw/package.json'), 'utf8')).version;
  results.push(`msw in the consumer: ${msw}`);

  const version = sh(join(app, 'node_modules/.bin/dtu'), ['--version'], app, { capture: true }).out.trim();
  if (version !== pkg.version) throw new Error(`dtu --version printed ${version}, expected ${pkg.version}`);
  results.push(`dtu --version: ${version}`);

  if (values.slice) {
    // Without the SDKs: a strict typecheck of the entry points (the tests need vitest and the SDKs) and one in-process call.
    writeFileSync(join(app, 'tsconfig.json'), readFileSync(join(app, 'tsconfig.json'), 'utf8').replace('"include": ["*.ts", "test/**/*.ts"]', '"include": ["entry-points.ts"]'));
    writeFileSync(join(app, 'entry-points.ts'), readFileSync(join(app, 'entry-points.ts'), 'utf8').replace(/^import \{ startTwins[^\n]*\n/m, '').replace(/, startTwins, connectTwins, twinsGlobalSetup, dtuMatchers, received, q\]/, ']').replace(/^const q[^\n]*\n/m, '').replace(/^type Running[^\n]*\n/m, '').replace('[Okta, Running, InProc', '[Okta, InProc'));
    writeFileSync(
      join(app, 'smoke.mjs'),
      `import { setupTwins } from 'digital-twin-universe/msw';
const twins = await setupTwins({ vendors: ['slack'] });
const res = await fetch('https://slack.com/api/auth.test', { method: 'POST', headers: { authorization: \`Bearer \${twins.credentials.slack.botToken}\` } });
const body = await res.json();
await twins.close();
if (body.ok !== true || body.team_id !== twins.credentials.slack.teamId) throw new Error('in-process slack.com: ' + JSON.stringify(body));
let named = false;
try { await import('digital-twin-universe/testcontainers'); } catch (e) { named = /optional peer dependency "testcontainers"/.test(e.message); }
if (!named) throw new Error('a missing peer was not named');
const { spawnSync } = await import('node:child_process');
const compat = spawnSync('node_modules/.bin/dtu', ['compat', 'okta'], { encoding: 'utf8' });
if (compat.status !== 1 || !/dtu compat: it drives the official SDKs; "[^"]+" is not installed/.test(compat.stderr)) throw new Error('dtu compat without the SDKs: ' + compat.status + ' ' + compat.stderr);
console.log('smoke ok');
`,
    );
  }

  log('typechecking every entry point (strict)');
  const tsc = sh(join(app, 'node_modules/.bin/tsc'), ['-p', '.'], app);
  results.push(`tsc --strict over the entry points${values.slice ? '' : ' and tests'}: ok (${tsc.seconds.toFixed(1)} s)`);

  if (values.slice) {
    sh(process.execPath, ['smoke.mjs'], app);
    results.push('in-process slack.com through the consumer msw, missing peers named (entry point and dtu compat): ok');
  } else {
    log('running the consumer tests');
    const vitest = sh(join(app, 'node_modules/.bin/vitest'), ['run', '--reporter=dot'], app);
    results.push(`consumer vitest (in-process, sockets, --import redirect, Bolt Socket Mode, two files in parallel): ok (${vitest.seconds.toFixed(1)} s)`);
  }
  process.stdout.write(`${results.join('\n')}\nconsumer check: passed\n`);
} catch (e) {
  process.stdout.write(`${results.join('\n')}\nconsumer check: FAILED: ${e.message}\n`);
  process.exitCode = 1;
} finally {
  if (values.keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
