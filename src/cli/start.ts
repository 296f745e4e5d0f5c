/** `dtu start` and `dtu health`: serve twins on ports, publish their URLs, probe them. */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { DEFAULT_PORT_BASE, startTwins } from '../start.js';
import { loadFixture } from '../core/fixtures.js';
import { VENDORS, isVendor, type Vendor } from '../vendors.js';
import { CliError, UsageError } from './errors.js';

export function twinsFrom(positionals: string[]): Vendor[] {
  const bad = positionals.filter((p) => !isVendor(p));
  if (bad.length) throw new UsageError(`unknown twin: ${bad.join(', ')} (known: ${VENDORS.join(', ')})`);
  return positionals as Vendor[];
}

/** Reads the fixture up front so a bad --seed is one line, not a stack from inside a twin. */
function checkSeed(seed: string, twins: Vendor[]): void {
  for (const v of twins.length ? twins : VENDORS) {
    try {
      loadFixture(v, seed);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ENOENT') throw new CliError(`cannot read seed file ${seed}: no such file`);
      if (err.code === 'EACCES' || err.code === 'EISDIR') throw new CliError(`cannot read seed file ${seed}: ${err.code === 'EACCES' ? 'permission denied' : 'is a directory'}`);
      if (e instanceof SyntaxError) throw new CliError(`seed file ${seed} is not valid JSON: ${e.message}`);
      throw new CliError(err.message.replace(/^dtu: /, ''));
    }
  }
}

export async function start(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      'port-base': { type: 'string', default: String(DEFAULT_PORT_BASE) },
      'data-dir': { type: 'string' },
      seed: { type: 'string', default: 'default' },
      'random-seed': { type: 'string', default: 'dtu' },
      'contract-check': { type: 'boolean', default: false },
      'urls-file': { type: 'string', default: process.env.DTU_URLS_FILE },
      json: { type: 'boolean', default: false },
      tls: { type: 'boolean', default: false },
      'journal-entries': { type: 'string' },
      'journal-mb': { type: 'string' },
      'log-entries': { type: 'string' },
      'events-per-hour': { type: 'string' },
      'admin-token': { type: 'string', default: process.env.DTU_ADMIN_TOKEN ?? '' },
      // Debugging only: the journal keeps passwords, tokens and keys verbatim.
      'no-redact': { type: 'boolean', default: false },
    },
  });
  const portBase = Number(values['port-base']);
  if (!Number.isInteger(portBase) || portBase < 0 || portBase > 65532) throw new UsageError('--port-base must be a port number');
  const positive = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} must be a positive number`);
    return n;
  };
  const journalMb = positive('journal-mb', values['journal-mb']);
  const journal = { maxEntries: positive('journal-entries', values['journal-entries']), maxBytes: journalMb === undefined ? undefined : journalMb * 1024 * 1024 };
  const whole = (flag: string, v: string | undefined) => {
    const n = positive(flag, v);
    if (n !== undefined && !Number.isInteger(n)) throw new UsageError(`--${flag} must be a whole number`);
    return n;
  };
  const retention = { logEntries: whole('log-entries', values['log-entries']), eventsPerHour: whole('events-per-hour', values['events-per-hour']) };
  const twins = twinsFrom(positionals);
  checkSeed(values.seed!, twins);
  let started;
  try {
    started = await startTwins({
      twins, host: values.host, portBase, dataDir: values['data-dir'], fixture: values.seed, seed: values['random-seed'], contractCheck: values['contract-check'],
      adminToken: values['admin-token'] || undefined, unredacted: values['no-redact'], journal, retention, tls: values.tls,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { port?: number; address?: string };
    if (err.code === 'EADDRINUSE') throw new CliError(`port ${err.port ?? ''} on ${values.host} is already in use; pick another --port-base (0 = free ports)`);
    if (err.code === 'EADDRNOTAVAIL') throw new CliError(`cannot listen on ${values.host}: no such address on this machine`);
    if (err.code === 'EACCES' && err.syscall === 'listen') throw new CliError(`no permission to listen on port ${err.port ?? ''}; use a port above 1023`);
    throw e;
  }
  if (started.adminToken && !values['admin-token']) process.stderr.write(`dtu: control plane admin token (send as x-dtu-admin-token): ${started.adminToken}\n`);
  if (values['no-redact']) process.stderr.write('dtu: --no-redact: the journal keeps secrets verbatim\n');
  const urlsFile = values['urls-file'];
  if (urlsFile) writeFileSync(urlsFile, JSON.stringify(started.urls));
  // The CA file rides along in --json only with --tls, so the plain output keeps its one-key-per-twin shape.
  if (values.json) process.stdout.write(`${JSON.stringify(started.caFile ? { ...started.urls, caFile: started.caFile } : started.urls)}\n`);
  else {
    for (const [v, url] of Object.entries(started.urls)) process.stdout.write(`${v.padEnd(7)} ${url}   (control plane: ${url}/_dtu/health)\n`);
    if (started.caFile) process.stdout.write(`CA      ${started.caFile}   (trust it: NODE_EXTRA_CA_CERTS=${started.caFile})\n`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    if (!values.json) process.stdout.write(`\n${signal}: flushing state and stopping\n`);
    await started.close();
    if (urlsFile) rmSync(urlsFile, { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** The URLs a running `dtu start` published, if it did. */
export function readUrlsFile(file: string | undefined): Partial<Record<Vendor, string>> | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<Vendor, string>>;
  } catch {
    throw new CliError(`cannot read the URLs file ${file}`);
  }
}

export async function health(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { 'urls-file': { type: 'string', default: process.env.DTU_URLS_FILE } } });
  const file = values['urls-file'];
  if (!file) throw new UsageError('dtu health needs --urls-file (or $DTU_URLS_FILE), the file dtu start writes');
  const urls = readUrlsFile(file);
  if (!urls) throw new CliError(`no twins started yet (${file} does not exist)`);
  const results = await Promise.all(
    Object.entries(urls).map(async ([v, url]) => {
      try {
        const res = await fetch(`${url}/_dtu/health`, { signal: AbortSignal.timeout(2000) });
        return [v, res.ok] as const;
      } catch {
        return [v, false] as const;
      }
    }),
  );
  for (const [v, ok] of results) process.stdout.write(`${v.padEnd(7)} ${ok ? 'healthy' : 'NOT ANSWERING'}\n`);
  if (!results.length || results.some(([, ok]) => !ok)) process.exitCode = 1;
}
