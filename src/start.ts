/** Starts several twins on consecutive ports, sharing one clock. */
import { randomBytes } from 'node:crypto';
import { Clock } from './core/clock.js';
import type { JournalLimits } from './core/journal.js';
import type { Retention } from './core/retention.js';
import { isLoopback, listen, type Listening } from './server/node.js';
import { tlsMaterial } from './server/tls.js';
import { VENDORS, createVendorTwin, type Vendor } from './vendors.js';
import { MissingPeerError, importPeer } from './peer.js';

export interface StartOptions {
  twins?: Vendor[];
  host?: string;
  /** First port; twins take portBase, portBase+1, … in the order okta, slack, jira, google. 0 = ephemeral. */
  portBase?: number;
  dataDir?: string;
  /** Fixture name or file. */
  fixture?: string;
  /** Random seed for ids and tokens. */
  seed?: string;
  contractCheck?: boolean;
  clock?: Clock;
  /** Required on `/_dtu/*`; generated when the twins listen beyond loopback and none is given. */
  adminToken?: string;
  /** Keep secrets verbatim in the journal (debugging only). */
  unredacted?: boolean;
  /** Journal bounds per twin (entries, bytes, characters per body). */
  journal?: JournalLimits;
  /** Bounds on vendor logs and Slack's event deliveries (`--log-entries`, `--events-per-hour`). */
  retention?: Partial<Retention>;
  /** Serve HTTPS/WSS with a certificate from a local CA made from `seed` (cached under dataDir or the temp folder). */
  tls?: boolean;
}

export interface Started {
  twins: Partial<Record<Vendor, Listening>>;
  urls: Partial<Record<Vendor, string>>;
  clock: Clock;
  /** The control plane's admin token, when one is in force. */
  adminToken?: string;
  /** With `tls`: the local CA's PEM file, for NODE_EXTRA_CA_CERTS. */
  caFile?: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT_BASE = 7010;

export async function startTwins(opts: StartOptions = {}): Promise<Started> {
  const clock = opts.clock ?? new Clock();
  const names = opts.twins?.length ? opts.twins : [...VENDORS];
  const base = opts.portBase ?? DEFAULT_PORT_BASE;
  const adminToken = opts.adminToken || (opts.host && !isLoopback(opts.host) ? randomBytes(24).toString('base64url') : undefined);
  const tls = opts.tls ? await tlsMaterial(opts.seed ?? 'dtu', opts.dataDir) : undefined;
  const listening = await Promise.all(
    names.map(async (v) => {
      const twin = await createVendorTwin(v, { clock, dataDir: opts.dataDir, fixture: opts.fixture, seed: opts.seed, contractCheck: opts.contractCheck, adminToken, redact: !opts.unredacted, journal: opts.journal, retention: opts.retention });
      return listen(twin, { host: opts.host, port: base === 0 ? 0 : base + VENDORS.indexOf(v), tls });
    }),
  );
  const twins: Started['twins'] = {};
  const urls: Started['urls'] = {};
  names.forEach((v, i) => {
    twins[v] = listening[i];
    urls[v] = listening[i].url;
  });
  // Every twin of the suite serves one MCP endpoint over all of them; the MCP code loads on first use.
  let mcp: Promise<(req: Request) => Promise<Response>> | undefined;
  for (const l of listening) {
    l.twin.mcp = async (req) => {
      mcp ??= importPeer('@modelcontextprotocol/sdk', '/_dtu/mcp', () => importPeer('zod', '/_dtu/mcp', () => Promise.all([import('./mcp/http.js'), import('./mcp/universe.js')]))).then(
        ([h, u]) => h.mcpHttpHandler(new u.Universe(urls, { adminToken })),
        (e: unknown) => {
          // Without the optional MCP SDK the endpoint says what to install, in the control plane's format.
          if (!(e instanceof MissingPeerError)) throw e;
          return async () => Response.json({ error: { status: 501, message: e.message } }, { status: 501 });
        },
      );
      return (await mcp)(req);
    };
  }
  return {
    twins,
    urls,
    clock,
    adminToken,
    caFile: tls?.caFile,
    async close() {
      await Promise.all(listening.map((l) => l.close()));
    },
  };
}
