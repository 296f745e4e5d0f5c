/** `dtu compat`: runs the SDK scenarios against the twins and writes the fidelity report (JSON, Markdown, HTML). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COMPAT_VENDORS, runCompat, type Mode } from '../../sdk-compat/runner.js';
import { buildReport, failingScenarios, type FidelityReport } from '../../sdk-compat/report.js';
import { renderMarkdown } from '../../sdk-compat/report-md.js';
import { renderHtml } from '../../sdk-compat/report-html.js';
import type { CompatVendor } from '../../sdk-compat/types.js';

export const DEFAULT_OUT = 'reports/compat';

export function parseModes(mode: string): Mode[] {
  if (mode === 'both') return ['inprocess', 'socket'];
  if (mode === 'inprocess' || mode === 'socket') return [mode];
  throw Object.assign(new Error(`--mode must be inprocess, socket or both (got "${mode}")`), { code: 'ERR_PARSE_ARGS_DTU' });
}

export function writeReports(report: FidelityReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'fidelity.json'), join(dir, 'fidelity.md'), join(dir, 'fidelity.html')];
  writeFileSync(files[0], `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files[1], renderMarkdown(report));
  writeFileSync(files[2], renderHtml(report));
  return files;
}

export function summaryLines(report: FidelityReport): string[] {
  return report.vendors.flatMap((v) => {
    const s = v.scenarioTotals;
    const head = `${v.vendor.padEnd(7)} scenarios ${s.passed}✓ ${s.failed}✗ ${s.skipped}-  contract findings ${v.contract.reduce((n, r) => n + r.count, 0)}`;
    return [
      head,
      ...v.sdks.map((k) => {
        const t = k.totals;
        return `  ${`${k.id} ${k.version}`.padEnd(36)} verified ${String(t.verified).padStart(4)}/${String(t.surface).padEnd(4)} (${t.verifiedPct}%)  called ${String(t.called).padStart(3)}  error-path ${String(t.errorPathOnly).padStart(3)}  failing ${String(t.failing).padStart(3)}`;
      }),
    ];
  });
}

export async function compat(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mode: { type: 'string', default: 'both' },
      out: { type: 'string', default: DEFAULT_OUT },
      strict: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '60' },
      seed: { type: 'string' },
      fixture: { type: 'string' },
    },
  });
  const bad = positionals.filter((p) => !(COMPAT_VENDORS as string[]).includes(p));
  if (bad.length) throw Object.assign(new Error(`unknown twin: ${bad.join(', ')}`), { code: 'ERR_PARSE_ARGS_DTU' });
  const timeoutSec = Number(values.timeout);
  if (!(timeoutSec > 0)) throw Object.assign(new Error('--timeout must be a number of seconds'), { code: 'ERR_PARSE_ARGS_DTU' });

  const run = await runCompat({
    vendors: positionals as CompatVendor[],
    modes: parseModes(values.mode!),
    timeoutMs: timeoutSec * 1000,
    seed: values.seed,
    fixture: values.fixture,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  const report = await buildReport(run);
  const files = writeReports(report, resolve(values.out!));
  process.stdout.write(`${summaryLines(report).join('\n')}\n\nreport: ${files.join(', ')}\n`);
  // A report, not a gate, unless asked: failing scenarios are findings.
  if (values.strict && failingScenarios(report) > 0) process.exitCode = 1;
}
