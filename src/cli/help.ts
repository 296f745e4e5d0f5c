/** The CLI's usage text, one entry per command; the README's synopsis is checked against `dtu --help`. */
import { DEFAULT_PORT_BASE } from '../start.js';

export interface CommandHelp {
  synopsis: string;
  summary: string;
  options: Array<[flag: string, what: string]>;
}

export const HELP: Record<string, CommandHelp> = {
  start: {
    synopsis: `dtu start [okta slack jira google] [--host 127.0.0.1] [--port-base ${DEFAULT_PORT_BASE}] [--data-dir DIR]
          [--seed NAME|FILE] [--random-seed S] [--contract-check] [--urls-file FILE] [--json] [--tls]
          [--journal-entries 5000] [--journal-mb 8] [--log-entries 10000] [--events-per-hour 30000] [--admin-token T] [--no-redact]`,
    summary: 'Start twins (all four by default) on consecutive ports from --port-base.',
    options: [
      ['--host H', 'interface to listen on (default 127.0.0.1)'],
      ['--port-base N', `first port; twins take N..N+3 in the order okta, slack, jira, google (default ${DEFAULT_PORT_BASE}; 0 = free ports)`],
      ['--data-dir DIR', 'persist every tenant there and reload it on the next start'],
      ['--seed NAME|FILE', 'fixture: default, empty, or a JSON file (per-vendor sections allowed)'],
      ['--random-seed S', 'seed of the random source behind every id and token (default dtu)'],
      ['--contract-check', 'check every response against the vendor schema and note violations in the journal'],
      ['--urls-file FILE', 'write the started twins\' URLs there as JSON (default: $DTU_URLS_FILE when set)'],
      ['--json', 'print one JSON line of base URLs once every twin listens (with --tls also caFile)'],
      ['--tls', 'serve HTTPS and WSS with a certificate for 127.0.0.1/localhost from a local CA made from --random-seed; trust it with NODE_EXTRA_CA_CERTS=<caFile>'],
      ['--journal-entries N', 'exchanges the journal keeps per twin (default 5000)'],
      ['--journal-mb N', 'megabytes of heap the journal entries may hold per twin, text they share counted once (default 8)'],
      ['--log-entries N', "entries each tenant keeps of Okta's System Log, Drive's change log and Jira's finished webhook deliveries, oldest dropped first (default 10000)"],
      ['--events-per-hour N', "Slack Events API deliveries per app per workspace per hour before app_rate_limited (default 30000, Slack's limit)"],
      ['--admin-token T', 'token the control plane (/_dtu/*) requires as x-dtu-admin-token (default $DTU_ADMIN_TOKEN; generated and printed when listening beyond loopback)'],
      ['--no-redact', 'debugging only: keep passwords, tokens and keys verbatim in the journal'],
    ],
  },
  mcp: {
    synopsis: 'dtu mcp [okta slack jira google] [--url VENDOR=URL | --url URL]… [--seed NAME|FILE] [--random-seed S] [--admin-token T]',
    summary: 'Serve MCP on stdio over running twins (--url), or over twins it starts in this process.',
    options: [
      ['--url VENDOR=URL', 'attach to a running twin (repeat per twin; a bare URL is asked which twin it is)'],
      ['--seed NAME|FILE', 'fixture for the twins it starts (default default)'],
      ['--random-seed S', 'random seed for the twins it starts'],
      ['--admin-token T', 'control-plane token of twins listening beyond loopback'],
    ],
  },
  env: {
    synopsis: 'dtu env [--shell|--dotenv|--json] [--url URL] [--okta-url URL ...] [--tenant NAME] [--key-file FILE]',
    summary: 'Print the environment variables that point each official SDK at running twins.',
    options: [
      ['--shell', 'export lines for a POSIX shell (default): eval "$(dtu env)"'],
      ['--dotenv', 'KEY="value" lines for a .env file'],
      ['--json', 'one JSON object'],
      ['--url URL', `first port of a dtu start layout (default: $DTU_URLS_FILE, $DTU_<VENDOR>_URL, $DTU_URL, else http://127.0.0.1:${DEFAULT_PORT_BASE})`],
      ['--okta-url URL', 'one twin\'s URL (also --slack-url, --jira-url, --google-url)'],
      ['--tenant NAME', 'credentials of that tenant (created on first use)'],
      ['--key-file FILE', 'where to write the Google service-account key (default: in the OS temp directory)'],
    ],
  },
  health: {
    synopsis: 'dtu health [--urls-file FILE]',
    summary: 'Probe every twin a `dtu start` listed in its URLs file; exit 1 unless all are healthy.',
    options: [['--urls-file FILE', 'the file `dtu start` wrote (default: $DTU_URLS_FILE)']],
  },
  coverage: {
    synopsis: 'dtu coverage [--json]',
    summary: 'Operations per twin: hand-written, inferred, answered 501.',
    options: [['--json', 'rows as JSON']],
  },
  compat: {
    synopsis: 'dtu compat [okta slack jira google] [--mode inprocess|socket|both] [--out DIR] [--strict] [--timeout SEC]',
    summary: 'Run the official-SDK scenarios against the twins and write JSON, Markdown and HTML reports (needs the SDKs installed).',
    options: [
      ['--mode M', 'inprocess, socket or both (default both)'],
      ['--out DIR', 'report directory'],
      ['--strict', 'exit 1 when a scenario fails'],
      ['--timeout SEC', 'per-scenario timeout (default 60)'],
      ['--seed S', 'random seed'],
      ['--fixture NAME', 'fixture'],
    ],
  },
  record: {
    synopsis: 'dtu record --vendor V --upstream URL --out FILE [--port N] [--redact field,field]',
    summary: 'Proxy to the live service and record the traffic as HAR, secrets redacted.',
    options: [
      ['--vendor V', 'okta, slack, jira or google'],
      ['--upstream URL', 'the live service'],
      ['--out FILE', 'HAR file to write'],
      ['--port N', 'proxy port (default 0 = free)'],
      ['--redact F,F', 'more body fields to redact'],
    ],
  },
  diff: {
    synopsis: 'dtu diff RECORDING [--vendor V] [--json] [--deviations FILE] [--fixture NAME] [--min-score N] [--no-values]\ndtu diff --dir DIR... [--vendor V] [--json] [--deviations FILE] [--fixture NAME] [--limit N]',
    summary: 'Replay a HAR or VCR cassette (or every recording under --dir folders, one aggregate per corpus) against a twin and score how closely it matches.',
    options: [
      ['--vendor V', 'twin to replay against (default: from the recording\'s hosts)'],
      ['--json', 'the report as JSON'],
      ['--deviations FILE', 'known deviations to ignore'],
      ['--fixture NAME', 'fixture to start from'],
      ['--min-score N', 'exit 1 below this score (0..1)'],
      ['--no-values', 'hide values in the diff'],
      ['--dir DIR', 'replay every recording under DIR (repeatable): scores per corpus, API area and status class, top mismatch reasons, pre-existing state apart'],
      ['--limit N', 'with --dir: at most N recordings per folder'],
    ],
  },
};

/** `dtu --help`: every command's synopsis. */
export function usage(): string {
  const lines = Object.values(HELP).map((h) => h.synopsis);
  return `usage:\n${lines.map((l) => l.replace(/^/gm, '  ')).join('\n')}\n  dtu --version\n\nRun \`dtu <command> --help\` for a command's options.`;
}

/** `dtu <command> --help`. */
export function commandUsage(name: string): string {
  const h = HELP[name];
  const width = Math.max(...h.options.map(([f]) => f.length));
  return `usage: ${h.synopsis}\n\n${h.summary}\n\noptions:\n${h.options.map(([f, w]) => `  ${f.padEnd(width)}  ${w}`).join('\n')}\n  ${'-h, --help'.padEnd(width)}  this help`;
}
