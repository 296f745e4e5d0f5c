/** Renders a replay's per-exchange differences and its fidelity score as plain text. */
import type { Diff } from './compare.js';
import type { DiffReport } from './replay.js';

const show = (v: unknown) => {
  if (v === undefined) return '–';
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
};

function line(d: Diff): string {
  switch (d.kind) {
    case 'status':
      return `status    ${show(d.recorded)} recorded, ${show(d.twin)} from the twin`;
    case 'missing':
      return `missing   ${d.path} (${show(d.recorded)}) — the twin leaves it out`;
    case 'extra':
      return `extra     ${d.path} (${show(d.twin)}) — only the twin sends it`;
    case 'type':
      return `type      ${d.path}: ${show(d.recorded)} recorded, ${show(d.twin)} from the twin`;
    case 'nullability':
      return `null      ${d.path}: ${show(d.recorded)} recorded, ${show(d.twin)} from the twin`;
    case 'length':
      return `length    ${d.path}: ${show(d.recorded)} recorded, ${show(d.twin)} from the twin`;
    case 'header':
      return `header    ${d.path}: ${show(d.recorded)} recorded, ${show(d.twin)} from the twin`;
    default:
      return `value     ${d.path}: ${show(d.recorded)} recorded, ${show(d.twin)} from the twin`;
  }
}

export interface TextOptions {
  /** Print value differences too (they do not count against the score). */
  values?: boolean;
  /** Per exchange, at most this many lines of differences. */
  maxLines?: number;
}

export function renderDiffText(r: DiffReport, opts: TextOptions = {}): string {
  const max = opts.maxLines ?? 25;
  const out: string[] = [`${r.recording}: ${r.format}, ${r.vendor}, ${r.total} exchange${r.total === 1 ? '' : 's'}, replayed on tenant ${r.tenant}`];
  for (const x of r.exchanges) {
    const mark = x.match ? '✓' : '✗';
    const op = x.operationId ? ` (${x.operationId})` : '';
    const carried = x.replayedPath !== x.path ? `  → ${x.replayedPath}` : '';
    out.push(`${mark} #${x.index} ${x.method} ${x.path}${carried}${op}  ${x.status.recorded}${x.statusMatch ? ' = ' : ' ≠ '}${x.status.twin}`);
    const shown = x.diffs.filter((d) => opts.values !== false || (d.kind !== 'value' && d.kind !== 'length'));
    for (const d of shown.slice(0, max)) out.push(`    ${line(d)}`);
    if (shown.length > max) out.push(`    … ${shown.length - max} more`);
    for (const n of x.notes ?? []) out.push(`    note      ${n}`);
    if (x.twinBody) out.push(`    twin said ${x.twinBody.replace(/\s+/g, ' ')}`);
    for (const d of x.excused) out.push(`    known     ${d.path}: ${d.reason}`);
    for (const c of x.contract ?? []) out.push(`    ${c}`);
  }
  out.push('', `fidelity ${r.score.toFixed(3)} — ${r.matched} of ${r.total} exchanges match in status and body shape; ${r.idsCarried} recorded ids/cursors carried to the twin's`);
  return `${out.join('\n')}\n`;
}
