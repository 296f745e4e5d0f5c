/** Renders the fidelity report as Markdown (the compat run's summary and the committed FIDELITY.md). */
import type { FidelityReport, MethodFailure, SdkReport, VendorReport } from './report.js';

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
  const what = [f.assertion, f.contract, f.error ? `${f.error.name}: ${f.error.message}${f.error.status ? ` (HTTP ${f.error.status})` : ''}` : undefined].filter(Boolean).join(' — ');
  out.push(`  - ${f.scenario} (${modeName(f.mode)}): ${cell(what.slice(0, 400))}`);
  for (const e of f.evidence ?? []) {
    out.push(`    - ${code(`${e.method} ${e.path}${e.query}`)} → ${e.status}${e.operationId ? ` (${e.operationId})` : ''}`);
    if (e.request.body !== undefined) out.push(`      request: ${code(clipJson(e.request.body, 300))}`);
    if (e.response.body !== undefined) out.push(`      response: ${code(clipJson(e.response.body))}`);
  }
  return out;
}

function surfaceSection(s: SdkReport): string[] {
  const t = s.totals;
  const out: string[] = [`### ${s.id} ${s.version}`, ''];
  out.push(`Surface: **${t.surface}** methods (${s.enumeratedFrom}). Verified **${t.verified}** (${t.verifiedPct}%), called only ${t.called}, error-path only ${t.errorPathOnly}, failing **${t.failing}**, not exercised ${t.notExercised}.`);

  const failing = s.methods.filter((m) => m.status === 'failing');
  out.push('', `#### Failing methods (${failing.length})`, '');
  if (!failing.length) out.push('_none_');
  for (const m of failing) out.push(`- ${code(m.name)}`, ...m.failures.flatMap(failureLines));

  const exercised = s.methods.filter((m) => m.status !== 'not-exercised');
  out.push('', `#### Exercised methods (${exercised.length} of ${t.surface})`, '');
  out.push(
    ...table(
      ['method', 'status', 'calls (verified / expected errors)', 'modes', 'scenarios'],
      exercised.map((m) => [code(m.name), m.status, `${m.calls} (${m.verifiedCalls} / ${m.expectedErrors})`, m.modes.map(modeName).join(', '), m.scenarios.join('; ')]),
    ),
  );

  if (s.groups.length > 1) {
    out.push('', '#### By group', '');
    out.push(...table(['group', 'surface', 'verified', 'called', 'error-path only', 'failing'], s.groups.map((g) => [g.group, g.surface, g.verified, g.called, g.errorPathOnly, g.failing])));
  }
  return out;
}

function vendorSection(v: VendorReport, opts: MarkdownOptions): string[] {
  const out: string[] = [`## ${v.vendor}`, ''];
  if (v.twin) {
    const c = v.twin.coverage;
    out.push(`Twin spec coverage (${v.twin.title}): ${c.operations} operations — ${c.handwritten} hand-written, ${c.inferred} inferred, ${c.notImplemented} answer 501.`);
  }
  if (v.twinError) out.push('', `**${v.twinError}**`);
  for (const e of v.loadErrors) out.push('', `**Could not load ${e.file}:** ${e.error}`);

  out.push('', '### Scenarios', '');
  out.push(
    ...table(
      opts.stable ? ['scenario', 'mode', 'result', 'calls (verified)', 'note'] : ['scenario', 'mode', 'result', 'calls (verified)', 'time', 'note'],
      v.scenarios.map((r) => {
        const note = r.status === 'skipped' ? r.reason : r.failures.map((f) => f.message).join('; ').slice(0, 300) + (r.escaped ? ` (escaped: ${r.escaped.join(', ')})` : '');
        const base = [r.name, modeName(r.mode), r.status, `${r.calls} (${r.verifiedCalls})${r.failedCalls ? `, ${r.failedCalls} failed` : ''}`];
        return opts.stable ? [...base, note] : [...base, `${(r.durationMs / 1000).toFixed(1)}s`, note];
      }),
    ),
  );

  for (const s of v.sdks) out.push('', ...surfaceSection(s));

  out.push('', `### Contract violations (${v.contract.length})`, '');
  out.push(...table(['operation', 'status', 'path', 'violation', 'count', 'scenarios'], v.contract.map((c) => [code(c.operationId), c.status, code(c.path), c.message, c.count, c.scenarios.join('; ')])));

  if (v.twinBugs.length) {
    out.push('', `### Twin bugs (${v.twinBugs.length})`, '');
    for (const b of v.twinBugs) out.push(`- ${b.operationId ?? '?'} in ${b.scenario} (${modeName(b.mode)}): ${cell(b.note)}`);
  }
  if (v.otherCalls.length) {
    out.push('', '### Other tracked calls (on none of the surfaces)', '');
    out.push(...table(['call', 'calls', 'failed'], v.otherCalls.map((o) => [code(o.name), o.calls, o.failed])));
  }
  return out;
}

/** The headline: verified methods over each SDK surface, one row per surface. */
export function headlineTable(report: FidelityReport): string[] {
  return table(
    ['vendor', 'SDK surface', 'methods', 'verified', 'called only', 'error-path only', 'failing', 'not exercised'],
    report.vendors.flatMap((v) =>
      v.sdks.map((s) => {
        const t = s.totals;
        return [v.vendor, `${s.id} ${s.version}`, t.surface, `**${t.verified}** (${t.verifiedPct}%)`, t.called, t.errorPathOnly, t.failing, t.notExercised];
      }),
    ),
  );
}

export function renderMarkdown(report: FidelityReport, opts: MarkdownOptions = {}): string {
  const out: string[] = [`# ${opts.title ?? 'SDK fidelity report'}`, ''];
  if (opts.preamble) out.push(...opts.preamble, '');
  out.push(`Modes: ${report.modes.map(modeName).join(', ')}.${opts.stable ? '' : ` Generated ${report.generatedAt}.`}`, '');
  out.push(...headlineTable(report), '');
  out.push(
    ...table(
      ['vendor', 'scenarios passed/failed/skipped', 'spec ops (hand/inferred/501)', 'contract findings'],
      report.vendors.map((v) => {
        const c = v.twin?.coverage;
        return [
          v.vendor,
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
