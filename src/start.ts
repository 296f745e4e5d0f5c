/** Starts several twins on consecutive ports, sharing one clock. */
import { Clock } from './core/clock.js';
import type { JournalLimits } from './core/journal.js';
import { listen, type Listening } from './server/node.js';
import { VENDORS, createVendorTwin, type Vendor } from './vendors.js';

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
  /** Journal bounds per twin (entries, bytes, characters per body). */
  journal?: JournalLimits;
}

export interface Started {
  twins: Partial<Record<Vendor, Listening>>;
  urls: Partial<Record<Vendor, string>>;
  clock: Clock;
  close(): Promise<void>;
}

export const DEFAULT_PORT_BASE = 7010;

export async function startTwins(opts: StartOptions = {}): Promise<Started> {
  const clock = opts.clock ?? new Clock();
  const names = opts.twins?.length ? opts.twins : [...VENDORS];
  const base = opts.portBase ?? DEFAULT_PORT_BASE;
  const listening = await Promise.all(
    names.map(async (v) => {
      const twin = await createVendorTwin(v, { clock, dataDir: opts.dataDir, fixture: opts.fixture, seed: opts.seed, contractCheck: opts.contractCheck, journal: opts.journal });
      return listen(twin, { host: opts.host, port: base === 0 ? 0 : base + VENDORS.indexOf(v) });
    }),
  );
  const twins: Started['twins'] = {};
  const urls: Started['urls'] = {};
  names.forEach((v, i) => {
    twins[v] = listening[i];
    urls[v] = listening[i].url;
  });
  return {
    twins,
    urls,
    clock,
    async close() {
      await Promise.all(listening.map((l) => l.close()));
    },
  };
}
