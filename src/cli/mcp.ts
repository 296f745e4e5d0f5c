/** `dtu mcp`: an MCP server on stdio, attached to running twins (--url) or over twins it starts in-process. */
import { parseArgs } from 'node:util';
import { isVendor, type Vendor } from '../vendors.js';
import { CliError } from './errors.js';
import { twinsFrom } from './start.js';
import { startTwins } from '../start.js';
import { Universe, type Urls } from '../mcp/universe.js';
import { serveStdio } from '../mcp/stdio.js';

/** Resolves `--url` values into a vendor → base URL map. */
export async function attachUrls(values: string[], adminToken?: string): Promise<Urls> {
  const urls: Urls = {};
  for (const raw of values) {
    const m = /^(okta|slack|jira|google)=(.+)$/.exec(raw);
    if (m) {
      urls[m[1] as Vendor] = m[2].replace(/\/+$/, '');
      continue;
    }
    const base = raw.replace(/\/+$/, '');
    const res = await fetch(`${base}/_dtu/health`, { headers: adminToken ? { 'x-dtu-admin-token': adminToken } : {}, signal: AbortSignal.timeout(5000) }).catch((e: Error) => {
      throw new CliError(`cannot reach ${base}: ${e.message}`);
    });
    const health = (await res.json().catch(() => ({}))) as { twin?: string };
    if (!health.twin || !isVendor(health.twin)) throw new CliError(`${base} is not a dtu twin (no /_dtu/health)`);
    urls[health.twin] = base;
  }
  return urls;
}

export async function mcp(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string', multiple: true },
      seed: { type: 'string', default: 'default' },
      'random-seed': { type: 'string', default: 'dtu' },
      'admin-token': { type: 'string', default: process.env.DTU_ADMIN_TOKEN },
    },
  });
  const twins = twinsFrom(positionals);
  let close: () => Promise<void> = async () => {};
  let urls: Urls;
  if (values.url?.length) urls = await attachUrls(values.url, values['admin-token']);
  else {
    const started = await startTwins({ twins, portBase: 0, fixture: values.seed, seed: values['random-seed'] });
    urls = started.urls;
    close = () => started.close();
  }
  const stop = await serveStdio(new Universe(urls, { adminToken: values['admin-token'] }));
  const shutdown = async () => {
    await stop();
    await close();
    process.exit(0);
  };
  process.stdin.on('end', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
