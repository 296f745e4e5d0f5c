/** `dtu` — start twins, report coverage, run the compatibility suite, record and diff traffic. */
import { parseArgs } from 'node:util';
import { VENDORS, isVendor, type Vendor } from '../vendors.js';
import { DEFAULT_PORT_BASE, startTwins } from '../start.js';
import { coverageRows, coverageTable } from './coverage.js';

const USAGE = `usage:
  dtu start [okta slack jira google] [--host 127.0.0.1] [--port-base ${DEFAULT_PORT_BASE}] [--data-dir DIR]
            [--seed NAME|FILE] [--random-seed S] [--contract-check] [--json]
  dtu coverage [--json]
  dtu compat [okta slack jira google] [--mode inprocess|socket|both] [--out DIR] [--strict] [--timeout SEC]
  dtu record --vendor V --upstream URL --out FILE [--port N] [--redact field,field]
  dtu diff RECORDING [--vendor V] [--json] [--deviations FILE] [--fixture NAME] [--min-score N] [--no-values]
  dtu diff --dir DIR... [--vendor V] [--json] [--deviations FILE] [--fixture NAME] [--limit N]`;

function twinsFrom(positionals: string[]): Vendor[] {
  const bad = positionals.filter((p) => !isVendor(p));
  if (bad.length) throw new UsageError(`unknown twin: ${bad.join(', ')} (known: ${VENDORS.join(', ')})`);
  return positionals as Vendor[];
}

class UsageError extends Error {}

async function start(argv: string[]): Promise<void> {
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
      json: { type: 'boolean', default: false },
    },
  });
  const portBase = Number(values['port-base']);
  if (!Number.isInteger(portBase) || portBase < 0 || portBase > 65532) throw new UsageError('--port-base must be a port number');
  const started = await startTwins({
    twins: twinsFrom(positionals),
    host: values.host,
    portBase,
    dataDir: values['data-dir'],
    fixture: values.seed,
    seed: values['random-seed'],
    contractCheck: values['contract-check'],
  });
  if (values.json) process.stdout.write(`${JSON.stringify(started.urls)}\n`);
  else for (const [v, url] of Object.entries(started.urls)) process.stdout.write(`${v.padEnd(7)} ${url}   (control plane: ${url}/_dtu/health)\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    if (!values.json) process.stdout.write(`\n${signal}: flushing state and stopping\n`);
    await started.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

async function coverage(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
  const rows = await coverageRows();
  process.stdout.write(values.json ? `${JSON.stringify(rows, null, 2)}\n` : coverageTable(rows));
}

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  start,
  coverage,
  compat: async (argv) => (await import('./compat.js')).compat(argv),
  record: async (argv) => (await import('./record.js')).record(argv),
  diff: async (argv) => (await import('./diff.js')).diff(argv),
};

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const [cmd, ...rest] = argv;
  const run = cmd ? COMMANDS[cmd] : undefined;
  if (!run) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(cmd && cmd !== '--help' && cmd !== 'help' ? 2 : 0);
  }
  try {
    await run(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`dtu: ${(e as Error).message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw e;
  }
}
