/** Replays every recording under a folder (one corpus) on one twin per vendor, a fresh tenant per recording, and aggregates the results. */
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Twin, type TwinDefinition } from '../core/twin.js';
import { loadDefinition, type Vendor } from '../vendors.js';
import { loadRecording } from './recording.js';
import { inferVendor } from './recording.js';
import { replay, type DiffReport } from './replay.js';
import { aggregate, type CorpusReport } from './aggregate.js';
import type { Deviation } from './deviations.js';
import { FieldHistory } from './drift.js';

export interface CorpusOptions {
  vendor?: Vendor;
  deviations?: Deviation[];
  fixture?: string;
  /** Called after each recording (progress). */
  onRecording?: (file: string, report: DiffReport | undefined, error?: string) => void;
  /** Replay at most this many recordings (a quick slice). */
  limit?: number;
  /** A definition instead of `twins/<vendor>` (tests). */
  definition?: (vendor: Vendor) => TwinDefinition;
}

const RECORDING = /\.(har|json|ya?ml)$/i;

/** Recording files under `dir`, sorted, licence and readme files left out. */
export function recordingFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (RECORDING.test(name) && !/^(license|readme|package)/i.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export async function replayCorpus(dir: string, opts: CorpusOptions = {}): Promise<{ corpus: CorpusReport; reports: DiffReport[] }> {
  const twins = new Map<Vendor, Twin>();
  const reports: DiffReport[] = [];
  const unreadable: CorpusReport['unreadable'] = [];
  const history = new FieldHistory();
  let n = 0;
  try {
    for (const file of recordingFiles(dir).slice(0, opts.limit)) {
      const name = relative(dir, file);
      try {
        const recording = loadRecording(file);
        const vendor = opts.vendor ?? inferVendor(recording);
        if (!vendor) throw new Error('cannot tell which vendor it talked to');
        let twin = twins.get(vendor);
        if (!twin) twins.set(vendor, (twin = new Twin(opts.definition?.(vendor) ?? (await loadDefinition(vendor)), { contractCheck: true, fixture: opts.fixture, journalCapacity: 5_000 })));
        const report = await replay({ ...recording, source: name }, { vendor, deviations: opts.deviations, twin, tenant: `replay-${++n}`, history });
        reports.push(report);
        opts.onRecording?.(name, report);
      } catch (e) {
        const error = e instanceof Error ? e.message.split('\n')[0] : String(e);
        unreadable.push({ file: name, error });
        opts.onRecording?.(name, undefined, error);
      }
    }
  } finally {
    for (const t of twins.values()) await t.close();
  }
  return { corpus: aggregate(basename(dir), reports, unreadable, 15, history), reports };
}
