/**
 * `dtu env`: the environment variables that point each official SDK at running
 * twins, as shell exports, a .env file or JSON. The Google service-account key is
 * written to a file whose token_uri names the twin.
 */
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_PORT_BASE } from '../start.js';
import { VENDORS, type Vendor } from '../vendors.js';
import { targetsFromEnv } from '../redirect.js';
import { fetchCredentials } from '../credentials.js';
import { sdkEnv } from '../sdk-env.js';
import { readUrlsFile } from './start.js';
import { CliError, UsageError } from './errors.js';

/** Twin URLs: flags, then a running `dtu start`'s URLs file, then DTU_* variables, then the default layout. */
function twinUrls(values: Record<string, string | boolean | undefined>): Partial<Record<Vendor, string>> {
  const own: Partial<Record<Vendor, string>> = {};
  for (const v of VENDORS) if (typeof values[`${v}-url`] === 'string') own[v] = values[`${v}-url`] as string;
  if (Object.keys(own).length) return own;
  if (typeof values.url === 'string') return targetsFromEnv({ DTU_URL: values.url });
  const published = readUrlsFile(process.env.DTU_URLS_FILE);
  if (published) return published;
  const fromEnv = targetsFromEnv(process.env);
  return Object.keys(fromEnv).length ? fromEnv : targetsFromEnv({ DTU_URL: `http://127.0.0.1:${DEFAULT_PORT_BASE}` });
}

const shellQuote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
const dotenvQuote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

export function render(vars: Record<string, string>, format: 'shell' | 'dotenv' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(vars, null, 2)}\n`;
  return Object.entries(vars)
    .map(([k, v]) => (format === 'shell' ? `export ${k}=${shellQuote(v)}` : `${k}=${dotenvQuote(v)}`))
    .join('\n')
    .concat('\n');
}

export async function env(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      shell: { type: 'boolean', default: false },
      dotenv: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      url: { type: 'string' },
      'okta-url': { type: 'string' },
      'slack-url': { type: 'string' },
      'jira-url': { type: 'string' },
      'google-url': { type: 'string' },
      tenant: { type: 'string' },
      'key-file': { type: 'string' },
    },
  });
  if ([values.shell, values.dotenv, values.json].filter(Boolean).length > 1) throw new UsageError('choose one of --shell, --dotenv, --json');
  const format = values.json ? 'json' : values.dotenv ? 'dotenv' : 'shell';
  const urls = twinUrls(values);
  const vars: Record<string, string> = {};
  const reached: string[] = [];
  for (const [vendor, url] of Object.entries(urls) as [Vendor, string][]) {
    let creds;
    try {
      creds = await fetchCredentials(fetch, vendor, url, values.tenant);
    } catch {
      // A twin that is not running is left out, so `dtu env` works with any subset of started twins.
      continue;
    }
    reached.push(vendor);
    const port = new URL(url).port;
    let keyFile: string | undefined;
    if (vendor === 'google') {
      keyFile = resolve(values['key-file'] ?? join(tmpdir(), `dtu-google-service-account-${port}${values.tenant ? `-${values.tenant}` : ''}.json`));
      writeFileSync(keyFile, JSON.stringify((creds as { serviceAccount: unknown }).serviceAccount, null, 2), { mode: 0o600 });
    }
    for (const [k, v] of Object.entries(sdkEnv(vendor, creds, url, { keyFile, tenant: values.tenant }))) if (v !== undefined) vars[k] = v;
  }
  if (!reached.length) throw new CliError(`no twin answered at ${Object.values(urls).join(', ')}; start them with \`dtu start\` or pass --url`);
  process.stdout.write(render(vars, format));
}
