/** `dtu` — start twins, print their SDK environment, report coverage, run the compatibility suite, record and diff traffic. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { coverageRows, coverageTable } from './coverage.js';
import { HELP, commandUsage, usage } from './help.js';
import { CliError, UsageError } from './errors.js';
import { projectRoot } from '../core/paths.js';
import { MissingPeerError, importPeer, isMissingModule } from '../peer.js';

async function coverage(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
  const rows = await coverageRows();
  process.stdout.write(values.json ? `${JSON.stringify(rows, null, 2)}\n` : coverageTable(rows));
}

/** `dtu compat` drives the official SDKs, which are optional peers of the package. */
async function compat(argv: string[]): Promise<void> {
  try {
    await (await import('./compat.js')).compat(argv);
  } catch (e) {
    const sdk = COMPAT_PEERS.find((p) => isMissingModule(e, p));
    if (sdk) throw new CliError(`it drives the official SDKs; "${sdk}" is not installed: npm install --save-dev ${COMPAT_PEERS.join(' ')}`);
    throw e;
  }
}

/** `dtu mcp` runs on the official MCP SDK, an optional peer of the package. */
async function mcpModule() {
  try {
    return await importPeer('@modelcontextprotocol/sdk', 'dtu mcp', () => importPeer('zod', 'dtu mcp', () => import('./mcp.js')));
  } catch (e) {
    if (e instanceof MissingPeerError) throw new CliError(e.message);
    throw e;
  }
}

const COMPAT_PEERS = ['@okta/okta-sdk-nodejs', '@slack/web-api', '@slack/socket-mode', '@slack/bolt', 'jira.js', 'googleapis', 'msw'];

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  start: async (argv) => (await import('./start.js')).start(argv),
  env: async (argv) => (await import('./env.js')).env(argv),
  health: async (argv) => (await import('./start.js')).health(argv),
  coverage,
  compat,
  record: async (argv) => (await import('./record.js')).record(argv),
  diff: async (argv) => (await import('./diff.js')).diff(argv),
  mcp: async (argv) => (await mcpModule()).mcp(argv),
};

export function version(): string {
  return (JSON.parse(readFileSync(`${projectRoot()}/package.json`, 'utf8')) as { version: string }).version;
}

/** Failures a user can act on, reported as one line; anything else is a bug and keeps its stack. */
function friendly(e: unknown): string | undefined {
  if (e instanceof CliError) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT' && err.path) return `no such file: ${err.path}`;
  if (err?.code === 'EACCES' && err.path) return `permission denied: ${err.path}`;
  if (err?.code === 'EISDIR' && err.path) return `is a directory, not a file: ${err.path}`;
  if (typeof err?.message === 'string' && err.message.startsWith('dtu: ')) return err.message.slice(5);
  return undefined;
}

const isHelp = (a: string | undefined) => a === '--help' || a === '-h';

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const [cmd, ...rest] = argv;
  if (cmd === '--version' || cmd === '-v' || cmd === 'version') {
    process.stdout.write(`${version()}\n`);
    return;
  }
  if (!cmd || isHelp(cmd) || cmd === 'help') {
    const topic = cmd === 'help' ? rest[0] : undefined;
    process.stdout.write(`${topic && HELP[topic] ? commandUsage(topic) : usage()}\n`);
    return;
  }
  const run = COMMANDS[cmd];
  if (!run) {
    process.stderr.write(`dtu: unknown command "${cmd}" (commands: ${Object.keys(COMMANDS).join(', ')}; see dtu --help)\n`);
    process.exit(2);
  }
  if (rest.some(isHelp)) {
    process.stdout.write(`${commandUsage(cmd)}\n`);
    return;
  }
  try {
    await run(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`dtu ${cmd}: ${(e as Error).message}\nusage: ${HELP[cmd].synopsis}\n`);
      process.exit(2);
    }
    const line = friendly(e);
    if (line) {
      process.stderr.write(`dtu ${cmd}: ${line}\n`);
      process.exit(1);
    }
    throw e;
  }
}
