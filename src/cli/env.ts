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
import { fetchCredentials, type VendorCredentials } from '../credentials.js';
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

/** Variable names as each SDK's own docs and config loaders use them. */
function variables(vendor: Vendor, c: VendorCredentials[Vendor], url: string, keyFile: string, tenant?: string): Record<string, string | undefined> {
  const base = { [`DTU_${vendor.toUpperCase()}_URL`]: tenant ? `${url}/t/${encodeURIComponent(tenant)}` : url };
  switch (vendor) {
    case 'okta': {
      const o = c as VendorCredentials['okta'];
      // @okta/okta-sdk-nodejs reads OKTA_CLIENT_* itself (src/config-loader.js).
      return { ...base, OKTA_CLIENT_ORGURL: o.orgUrl, OKTA_CLIENT_TOKEN: o.token, OKTA_CLIENT_AUTHORIZATIONMODE: 'SSWS' };
    }
    case 'slack': {
      const s = c as VendorCredentials['slack'];
      return { ...base, SLACK_API_URL: s.apiUrl, SLACK_BOT_TOKEN: s.botToken, SLACK_APP_TOKEN: s.appToken, SLACK_USER_TOKEN: s.userToken, SLACK_SIGNING_SECRET: s.signingSecret, SLACK_CLIENT_ID: s.clientId, SLACK_CLIENT_SECRET: s.clientSecret };
    }
    case 'jira': {
      const j = c as VendorCredentials['jira'];
      return { ...base, JIRA_HOST: j.host, JIRA_EMAIL: j.email, JIRA_API_TOKEN: j.apiToken };
    }
    case 'google': {
      const g = c as VendorCredentials['google'];
      writeFileSync(keyFile, JSON.stringify(g.serviceAccount, null, 2), { mode: 0o600 });
      // token_uri names the twin; gtoken posts to oauth2.googleapis.com regardless, which the register module redirects.
      return { ...base, GOOGLE_APPLICATION_CREDENTIALS: keyFile, GOOGLE_ROOT_URL: g.rootUrl, GOOGLE_ACCESS_TOKEN: g.accessToken, GOOGLE_ADMIN_EMAIL: g.adminEmail };
    }
  }
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
    const keyFile = resolve(values['key-file'] ?? join(tmpdir(), `dtu-google-service-account-${port}${values.tenant ? `-${values.tenant}` : ''}.json`));
    for (const [k, v] of Object.entries(variables(vendor, creds, url, keyFile, values.tenant))) if (v !== undefined) vars[k] = v;
  }
  if (!reached.length) throw new CliError(`no twin answered at ${Object.values(urls).join(', ')}; start them with \`dtu start\` or pass --url`);
  process.stdout.write(render(vars, format));
}
