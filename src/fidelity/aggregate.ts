/**
 * Sums many replays into one picture per corpus: the score, per API area and per recorded
 * status class, the most frequent mismatch reasons with one example each, and mismatches
 * about state the recorded org already had counted apart from twin defects.
 */
import type { DiffReport, ExchangeResult } from './replay.js';
import { apiArea } from './operation-name.js';
import type { FieldHistory } from './drift.js';

export interface Tally {
  key: string;
  total: number;
  matched: number;
  /** Mismatches about pre-existing state. */
  preExisting: number;
  /** matched / total, three decimals. */
  score: number;
}

export interface Reason {
  reason: string;
  count: number;
  example: { file: string; index: number; method: string; path: string; recorded?: unknown; twin?: unknown };
}

export interface CorpusReport {
  corpus: string;
  files: number;
  unreadable: Array<{ file: string; error: string }>;
  total: number;
  matched: number;
  score: number;
  /** Mismatches explained by state the recorded org had before the recording. */
  preExisting: number;
  /** Mismatches that are only fields the vendor sends in the corpus's later recordings of the operation (still mismatches). */
  vendorDrift: number;
  /** The rest: what the twin got wrong. */
  defects: number;
  /** Score with pre-existing-state mismatches left out of the total. */
  scoreWithoutPreExisting: number;
  /** Writes whose dropped request body the replay rebuilt from the recorded answer (in the totals, shown apart). */
  rebuiltBodies: { total: number; matched: number };
  byArea: Tally[];
  byStatusClass: Tally[];
  reasons: Reason[];
  preExistingReasons: Reason[];
  driftReasons: Reason[];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** One short reason per mismatched exchange: its first unexcused difference that the score counts. */
export function mismatchReason(x: ExchangeResult): { reason: string; recorded?: unknown; twin?: unknown } {
  const status = x.diffs.find((d) => d.kind === 'status');
  if (status) return { reason: `status ${x.status.recorded} → ${x.status.twin} (${x.operationId ?? 'unrouted'})`, recorded: x.status.recorded, twin: x.twinBody ?? x.status.twin };
  const d = x.diffs.find((k) => ['error', 'empty', 'type', 'missing', 'extra'].includes(k.kind))!;
  // Array positions and ids vary per exchange; the reason names the field.
  const path = d.path.replace(/\[\d+\]/g, '[*]');
  return { reason: `${d.kind} ${path} (${x.operationId ?? 'unrouted'})`, recorded: d.recorded, twin: d.twin };
}

function tally(groups: Map<string, ExchangeResult[]>): Tally[] {
  return [...groups]
    .map(([key, xs]) => {
      const matched = xs.filter((x) => x.match).length;
      return { key, total: xs.length, matched, preExisting: xs.filter((x) => !x.match && x.preExisting).length, score: round(xs.length ? matched / xs.length : 1) };
    })
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}

function reasons(items: Array<{ file: string; x: ExchangeResult }>, top: number): Reason[] {
  const by = new Map<string, Reason>();
  for (const { file, x } of items) {
    const r = mismatchReason(x);
    const hit = by.get(r.reason);
    if (hit) hit.count++;
    else by.set(r.reason, { reason: r.reason, count: 1, example: { file, index: x.index, method: x.method, path: x.path, recorded: r.recorded, twin: r.twin } });
  }
  return [...by.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)).slice(0, top);
}

export function aggregate(corpus: string, reports: DiffReport[], unreadable: CorpusReport['unreadable'] = [], top = 15, history?: FieldHistory): CorpusReport {
  const all = reports.flatMap((r) => r.exchanges.map((x) => ({ file: r.recording, vendor: r.vendor, x })));
  const matched = all.filter((e) => e.x.match).length;
  const misses = all.filter((e) => !e.x.match);
  const pre = misses.filter((e) => e.x.preExisting);
  const drift = misses.filter((e) => !e.x.preExisting && history?.isDrift(e.x));
  const defects = misses.filter((e) => !e.x.preExisting && !drift.includes(e));
  const group = (key: (e: (typeof all)[number]) => string) => {
    const m = new Map<string, ExchangeResult[]>();
    for (const e of all) m.set(key(e), [...(m.get(key(e)) ?? []), e.x]);
    return m;
  };
  const withoutPre = all.length - pre.length;
  return {
    corpus,
    files: reports.length,
    unreadable,
    total: all.length,
    matched,
    score: round(all.length ? matched / all.length : 1),
    preExisting: pre.length,
    vendorDrift: drift.length,
    defects: defects.length,
    scoreWithoutPreExisting: round(withoutPre ? matched / withoutPre : 1),
    rebuiltBodies: { total: all.filter((e) => e.x.rebuiltBody).length, matched: all.filter((e) => e.x.rebuiltBody && e.x.match).length },
    byArea: tally(group((e) => apiArea(e.x.path, e.vendor))),
    byStatusClass: tally(group((e) => `${Math.floor(e.x.status.recorded / 100)}xx`)),
    reasons: reasons(defects, top),
    preExistingReasons: reasons(pre, 5),
    driftReasons: reasons(drift, 5),
  };
}

const clip = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '' : s.length > 160 ? `${s.slice(0, 160)}…` : s;
};

export function renderCorpusText(c: CorpusReport): string {
  const out = [
    `corpus ${c.corpus}: ${c.files} recordings, ${c.total} exchanges, fidelity ${c.score} (${c.matched} match)`,
    `  mismatches: ${c.defects} twin defects, ${c.preExisting} about pre-existing state (score without them ${c.scoreWithoutPreExisting})${c.vendorDrift ? `, ${c.vendorDrift} vendor drift (fields the vendor sends in later recordings; still mismatches)` : ''}`,
  ];
  if (c.rebuiltBodies?.total) out.push(`  request bodies the recorder dropped, rebuilt from the recorded answers: ${c.rebuiltBodies.total} exchanges (${c.rebuiltBodies.matched} match)`);
  if (c.unreadable.length) out.push(`  unreadable: ${c.unreadable.length} (${c.unreadable.slice(0, 3).map((u) => `${u.file}: ${u.error}`).join('; ')})`);
  out.push('  by status class:', ...c.byStatusClass.map((t) => `    ${t.key.padEnd(6)} ${String(t.matched).padStart(6)}/${String(t.total).padEnd(6)} ${t.score}`));
  out.push('  by API area (largest first):', ...c.byArea.slice(0, 25).map((t) => `    ${t.key.padEnd(40)} ${String(t.matched).padStart(6)}/${String(t.total).padEnd(6)} ${t.score}${t.preExisting ? `  (${t.preExisting} pre-existing)` : ''}`));
  out.push('  top mismatch reasons (twin defects):');
  for (const r of c.reasons) out.push(`    ${String(r.count).padStart(5)}  ${r.reason}`, `           e.g. ${r.example.file} #${r.example.index} ${r.example.method} ${r.example.path} — recorded ${clip(r.example.recorded)}, twin ${clip(r.example.twin)}`);
  if (c.driftReasons?.length) {
    out.push('  vendor drift (mismatches, not counted as defects):');
    for (const r of c.driftReasons) out.push(`    ${String(r.count).padStart(5)}  ${r.reason}`, `           e.g. ${r.example.file} #${r.example.index} ${r.example.method} ${r.example.path}`);
  }
  if (c.preExistingReasons.length) {
    out.push('  pre-existing state (not counted as defects):');
    for (const r of c.preExistingReasons) out.push(`    ${String(r.count).padStart(5)}  ${r.reason}`, `           e.g. ${r.example.file} #${r.example.index} ${r.example.method} ${r.example.path}`);
  }
  return `${out.join('\n')}\n`;
}
