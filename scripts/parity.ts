/**
 * `npm run parity`: replays each live corpus under ../shared/reference with `dtu diff --dir`, runs the
 * upstream SDK suites (../shared/upstream/<suite>/run.sh) against twins started here on free ports, and
 * writes PARITY.md. Minutes long: a script, never a test (CI checks the writer on a tiny corpus).
 *
 *   npm run parity [-- --shared PATH] [--limit N] [--no-suites] [--no-corpora] [--out FILE] [--json FILE]
 *   npm run parity -- --merge A.json B.json    render PARITY.md from partial runs saved with --json
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Twin } from '../src/core/twin.js';
import { listen } from '../src/server/node.js';
import { tlsMaterial } from '../src/server/tls.js';
import { loadDefinition, type Vendor } from '../src/vendors.js';
import { replayCorpus } from '../src/fidelity/corpus.js';
import type { CorpusReport } from '../src/fidelity/aggregate.js';
import { renderParity } from '../src/fidelity/parity-md.js';
import { summarizeSuite, type SuiteSummary } from '../src/fidelity/suite-summary.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    shared: { type: 'string' },
    limit: { type: 'string' },
    'no-suites': { type: 'boolean', default: false },
    'no-corpora': { type: 'boolean', default: false },
    out: { type: 'string', default: join(root, 'PARITY.md') },
    json: { type: 'string' },
    merge: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const { positionals } = parseArgs({ options: { merge: { type: 'boolean' } }, strict: false, allowPositionals: true });

/** Partial runs (corpora in one, suites in another) rendered as one PARITY.md. */
if (values.merge) {
  const parts = positionals.map((f) => JSON.parse(readFileSync(f, 'utf8')) as { corpora: CorpusReport[]; suites: SuiteSummary[]; notes: string[] });
  writeFileSync(values.out!, renderParity({ corpora: parts.flatMap((p) => p.corpora), suites: parts.flatMap((p) => p.suites), notes: parts.flatMap((p) => p.notes) }));
  process.stdout.write(`wrote ${values.out}\n`);
  process.exit(0);
}

const CORPORA: Array<{ name: string; vendor: Vendor }> = [
  { name: 'okta-terraform-cassettes', vendor: 'okta' },
  { name: 'okta-sdk-python-cassettes', vendor: 'okta' },
  { name: 'gspread-cassettes', vendor: 'google' },
];
/** `tls`: the suite asserts https self URLs (jira.js live tests match ^https://), so its twin serves HTTPS. */
const SUITES: Array<{ suite: string; vendor: Vendor; tls?: boolean }> = [
  { suite: 'okta-sdk-nodejs-it', vendor: 'okta' },
  { suite: 'jira-js-live', vendor: 'jira', tls: true },
];

/** The shared folder beside the checkout (a worktree sits one level deeper). */
function sharedDir(): string | undefined {
  const candidates = values.shared ? [values.shared] : [join(root, '..', 'shared'), join(root, '..', '..', 'shared')];
  return candidates.find((d) => existsSync(join(d, 'reference')) || existsSync(join(d, 'upstream')));
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stderr.write(d);
    });
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    child.on('close', () => resolve(out));
    child.on('error', (e) => resolve(`${out}\n${e.message}`));
  });
}

const shared = sharedDir();
if (!shared) {
  process.stderr.write('parity: no ../shared folder with reference/ or upstream/ (pass --shared PATH)\n');
  process.exit(2);
}
const limit = values.limit ? Number(values.limit) : undefined;
const corpora: CorpusReport[] = [];
const suites: SuiteSummary[] = [];

if (!values['no-corpora']) {
  for (const { name, vendor } of CORPORA) {
    const dir = join(shared, 'reference', name);
    if (!existsSync(dir)) continue;
    process.stderr.write(`parity: replaying ${name}\n`);
    let n = 0;
    const { corpus } = await replayCorpus(dir, { vendor, limit, onRecording: () => void (++n % 25 === 0 && process.stderr.write(`  ${n} recordings\n`)) });
    corpora.push(corpus);
  }
}

if (!values['no-suites']) {
  for (const { suite, vendor, tls } of SUITES) {
    const script = join(shared, 'upstream', suite, 'run.sh');
    if (!existsSync(script)) continue;
    process.stderr.write(`parity: running ${suite} against a fresh ${vendor} twin${tls ? ' over HTTPS' : ''}\n`);
    const material = tls ? await tlsMaterial('dtu') : undefined;
    const server = await listen(new Twin(await loadDefinition(vendor)), { port: 0, tls: material });
    // Node (the SDK, npm) adds the CA to its store; curl in run.sh takes it as its bundle, and only ever calls the twin.
    const env = material ? { ...process.env, NODE_EXTRA_CA_CERTS: material.caFile, CURL_CA_BUNDLE: material.caFile } : process.env;
    try {
      suites.push(summarizeSuite(suite, await run('bash', [script, '--url', server.url], env)));
    } finally {
      await server.close();
    }
  }
}

const notes = [
  ...(corpora.length ? [`${corpora.length} corpora replayed${limit ? ` (first ${limit} recordings of each only)` : ''}.`] : []),
  ...(suites.length ? [`${suites.length} upstream suites run, each against a fresh twin${SUITES.some((s) => s.tls) ? ` (${SUITES.filter((s) => s.tls).map((s) => s.suite).join(', ')} over HTTPS with a local CA)` : ''}.`] : []),
];
if (values.json) writeFileSync(values.json, JSON.stringify({ corpora, suites, notes }));
else writeFileSync(values.out!, renderParity({ corpora, suites, notes }));
process.stdout.write(`wrote ${values.json ?? values.out}\n`);
for (const c of corpora) process.stdout.write(`${c.corpus}: ${c.matched}/${c.total} (${c.score})\n`);
for (const s of suites) process.stdout.write(`${s.suite}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped${s.error ? ` (${s.error})` : ''}\n`);
