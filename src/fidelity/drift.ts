/**
 * Vendor drift: a field the twin sends that an older recording lacks, while the same corpus's later recordings of the
 * same operation show the vendor sending it (Okta's `_links.owners` on groups since late 2025, for one). Such an
 * exchange is still a mismatch — never a match, the score does not move — but it is reported apart from twin defects
 * (docs/decisions/0011).
 */
import { SHAPE_KINDS, shapePaths, type Shape } from './compare.js';
import type { ExchangeResult } from './replay.js';

interface Seen {
  at: number;
  paths: Set<string>;
}

/** Fewest recordings in a row, the latest of the operation, that must show a field before its absence counts as drift. */
const MIN_RUN = 5;

/** What the corpus's recorded success bodies held, per operation and recording time. */
export class FieldHistory {
  private readonly byOp = new Map<string, Seen[]>();
  private readonly onsets = new Map<string, Map<string, number>>();

  /** A recorded success answer of `operationId`, dated by its `Date` header. */
  note(operationId: string, date: string | undefined, shape: Shape): void {
    const at = date ? Date.parse(date) : NaN;
    if (Number.isNaN(at)) return;
    const list = this.byOp.get(operationId) ?? [];
    list.push({ at, paths: shapePaths(shape) });
    this.byOp.set(operationId, list);
    this.onsets.delete(operationId);
  }

  /**
   * Per field of an operation, since when the vendor has sent it every time: the start of the unbroken run of the
   * latest recordings that show it, kept only when that run is at least MIN_RUN long. A field that comes and goes with
   * state (a lifecycle link) has no such run and never counts as drift.
   */
  private onsetsOf(operationId: string): Map<string, number> {
    let out = this.onsets.get(operationId);
    if (out) return out;
    out = new Map();
    const list = [...(this.byOp.get(operationId) ?? [])].sort((a, b) => a.at - b.at);
    for (const path of new Set(list.flatMap((s) => [...s.paths]))) {
      let i = list.length;
      while (i > 0 && list[i - 1].paths.has(path)) i--;
      if (list.length - i >= MIN_RUN && i > 0) out.set(path, list[i].at);
    }
    this.onsets.set(operationId, out);
    return out;
  }

  /** A mismatch whose every counted difference is a field the twin added that the vendor has sent for this operation only since after this recording. */
  isDrift(x: ExchangeResult): boolean {
    const at = x.recordedAt ? Date.parse(x.recordedAt) : NaN;
    const counted = x.diffs.filter((d) => SHAPE_KINDS.includes(d.kind));
    if (Number.isNaN(at) || !x.operationId || !counted.length || counted.some((d) => d.kind !== 'extra')) return false;
    const onsets = this.onsetsOf(x.operationId);
    return counted.every((d) => (onsets.get(d.path) ?? -Infinity) > at);
  }
}
