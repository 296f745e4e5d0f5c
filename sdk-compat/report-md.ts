/** Renders the fidelity report as Markdown (the compat run's summary and the committed FIDELITY.md). */
import type { FidelityReport, MethodFailure, VendorReport } from './report.js';

export interface MarkdownOptions {
  /** Omit times and durations, so a regenerated file only changes when results do. */
  stable?: boolean;
  /** Heading and preamble lines. */
  title?: string;
  preamble?: string[];
}

const cell = (s: unknown) => String(s ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, 'ˋ')}\``;
const row = (cells: unknown[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (head: string[], rows: unknown[][]) => (rows.length ? [row(head), row(head.map(() => '---')), ...rows.map(row)] : ['_none_']);
const modeName = (m: string) => (m === 'inprocess' ? 'in-process' : m);

function clipJson(v: unknown, max = 600): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s === undefined) return '';
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function failureLines(f: MethodFailure): string[] {
  const out: string[] = [];
  const what = [f.assertion, f.error ? `${f.error.name}: ${f.error.message}${f.error.status ? ` (HTTP ${f.error.status})` : ''}` : undefined].filter(Boolean).join(' — ');
  out.push(`  - ${f.scenario} (${modeName(f.mode)}): ${cell(what.slice(0, 400))}`);
  for (const e of f.evidence ?? []) {
    out.push(`    - ${code(`${e.method} ${e.path}${e.query}`)} → ${e.status}${e.operationId ? ` (${e.operationId})` : ''}`);
    if (e.request.body !== undefined) out.push(`      request: ${code(clipJson(e.request.body, 300))}`);
    if (e.response.body !== undefined) out.push(`      response: ${code(clipJson(e.response.body))}`);
  }
  return out;
}

function vendorSection(v: VendorReport, opts: MarkdownOptions): string[] {
  const s = v.sdk;
  const t = s.totals;
  const out: string[] = [`## ${v.vendor} — ${s.sdk} ${s.version}`, ''];
  out.push(`Surface: **${t.surface}** methods (${s.enumeratedFrom}). Exercised **${t.exercised}** (${t.exercisedPct}%), passing **${t.passing}** (${t.passingPct}%), failing **${t.failing}**, not exercised ${t.notExercised}.`);
  if (v.twin) {
    const c = v.twin.coverage;
    out.push('', `Twin spec coverage (${v.twin.title}): ${c.operations} operations — ${c.handwritten} hand-written, ${c.inferred} inferred, ${c.notImplemented} answer 501.`);
  }
  if (v.twinError) out.push('', `**${v.twinError}**`);
  for (const e of v.loadErrors) out.push('', `**Could not load ${e.file}:** ${e.error}`);

  out.push('', '### Scenarios', '');
  out.push(
    ...table(
      opts.stable ? ['scenario', 'mode', 'result', 'calls', 'note'] : ['scenario', 'mode', 'result', 'calls', 'time', 'note'],
      v.scenarios.map((r) => {
        const note = r.status === 'skipped' ? r.reason : r.failures.map((f) => f.message).join('; ').slice(0, 300) + (r.escaped ? ` (escaped: ${r.escaped.join(', ')})` : '');
        const base = [r.name, modeName(r.mode), r.status, `${r.calls}${r.failedCalls ? ` (${r.failedCalls} failed)` : ''}`];
        return opts.stable ? [...base, note] : [...base, `${(r.durationMs / 1000).toFixed(1)}s`, note];
      }),
    ),
  );

  const failing = s.methods.filter((m) => m.status === 'failing');
  out.push('', `### Failing methods (${failing.length})`, '');
  if (!failing.length) out.push('_none_');
  for (const m of failing) out.push(`- ${code(m.name)}`, ...m.failures.flatMap(failureLines));

  const exercised = s.methods.filter((m) => m.status !== 'not-exercised');
  out.push('', `### Exercised methods (${exercised.length} of ${t.surface})`, '');
  out.push(...table(['method', 'status', 'calls', 'modes', 'scenarios'], exercised.map((m) => [code(m.name), m.status, m.expectedErrors ? `${m.calls} (${m.expectedErrors} expected errors)` : m.calls, m.modes.map(modeName).join(', '), m.scenarios.join('; ')])));

  out.push('', '### By group', '');
  out.push(...table(['group', 'surface', 'exercised', 'passing', 'failing'], s.groups.map((g) => [g.group, g.surface, g.exercised, g.passing, g.failing])));

  out.push('', `### Contract violations (${v.contract.length})`, '');
  out.push(...table(['operation', 'status', 'path', 'violation', 'count', 'scenarios'], v.contract.map((c) => [code(c.operationId), c.status, code(c.path), c.message, c.count, c.scenarios.join('; ')])));

  if (v.twinBugs.length) {
    out.push('', `### Twin bugs (${v.twinBugs.length})`, '');
    for (const b of v.twinBugs) out.push(`- ${b.operationId ?? '?'} in ${b.scenario} (${modeName(b.mode)}): ${cell(b.note)}`);
  }
  if (s.otherCalls.length) {
    out.push('', '### Other tracked calls (not on the enumerated surface)', '');
    out.push(...table(['call', 'calls', 'failed'], s.otherCalls.map((o) => [code(o.name), o.calls, o.failed])));
  }
  return out;
}

export function renderMarkdown(report: FidelityReport, opts: MarkdownOptions = {}): string {
  const out: string[] = [`# ${opts.title ?? 'SDK fidelity report'}`, ''];
  if (opts.preamble) out.push(...opts.preamble, '');
  out.push(`Modes: ${report.modes.map(modeName).join(', ')}.${opts.stable ? '' : ` Generated ${report.generatedAt}.`}`, '');
  out.push(
    ...table(
      ['vendor', 'SDK', 'surface', 'exercised', 'passing', 'failing', 'scenarios passed/failed/skipped', 'spec ops (hand/inferred/501)', 'contract findings'],
      report.vendors.map((v) => {
        const t = v.sdk.totals;
        const c = v.twin?.coverage;
        return [
          v.vendor,
          `${v.sdk.sdk} ${v.sdk.version}`,
          t.surface,
          `${t.exercised} (${t.exercisedPct}%)`,
          `${t.passing} (${t.passingPct}%)`,
          t.failing,
          `${v.scenarioTotals.passed}/${v.scenarioTotals.failed}/${v.scenarioTotals.skipped}`,
          c ? `${c.operations} (${c.handwritten}/${c.inferred}/${c.notImplemented})` : v.twinError ?? '–',
          v.contract.reduce((n, r) => n + r.count, 0),
        ];
      }),
    ),
  );
  for (const v of report.vendors) out.push('', ...vendorSection(v, opts));
  return `${out.join('\n')}\n`;
}
