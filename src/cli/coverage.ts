/** Coverage per twin: spec operations, hand-written, inferred, 501. */
import { Twin, type CoverageRow } from '../core/twin.js';
import { VENDORS, loadDefinition } from '../vendors.js';

export async function coverageRows(): Promise<CoverageRow[]> {
  const rows: CoverageRow[] = [];
  for (const v of VENDORS) rows.push(new Twin(await loadDefinition(v), { fixture: 'empty' }).coverage());
  return rows;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

export function coverageTable(rows: CoverageRow[]): string {
  const head = ['twin', 'operations', 'hand-written', 'inferred', '501', 'served'];
  const lines = rows.map((r) => [r.twin, r.operations, r.handwritten, r.inferred, r.notImplemented, pct(r.handwritten + r.inferred, r.operations)].map(String));
  const total = rows.reduce((a, r) => ({ o: a.o + r.operations, h: a.h + r.handwritten, i: a.i + r.inferred, n: a.n + r.notImplemented }), { o: 0, h: 0, i: 0, n: 0 });
  lines.push(['total', total.o, total.h, total.i, total.n, pct(total.h + total.i, total.o)].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return `${[fmt(head), ...lines.map(fmt)].join('\n')}\n`;
}
