/** The fidelity report model: every SDK method marked passing, failing or not exercised, beside spec coverage and contract findings. */
import type { CoverageRow } from '../src/core/twin.js';
import { callFunction, type CallRecord, type ErrorInfo, type Exchange } from './tracker.js';
import { SurfaceMatcher, sdkSurface, type FunctionIndex, type SdkSurface } from './surface.js';
import type { CompatRun, Mode, ScenarioResult, VendorRun } from './runner.js';
import type { CompatVendor } from './types.js';

export type MethodStatus = 'passing' | 'failing' | 'not-exercised';

export interface MethodFailure {
  scenario: string;
  mode: Mode;
  error?: ErrorInfo;
  assertion?: string;
  evidence?: Exchange[];
}

export interface MethodRow {
  name: string;
  group: string;
  status: MethodStatus;
  calls: number;
  /** Calls that passed because they failed as `expectError` wanted. */
  expectedErrors: number;
  modes: Mode[];
  scenarios: string[];
  /** Up to three failures, with what broke them. */
  failures: MethodFailure[];
}

export interface Totals {
  surface: number;
  exercised: number;
  passing: number;
  failing: number;
  notExercised: number;
  /** Percent of the surface, one decimal. */
  exercisedPct: number;
  passingPct: number;
}

export interface SdkReport {
  sdk: string;
  version: string;
  enumeratedFrom: string;
  totals: Totals;
  groups: Array<{ group: string } & Totals>;
  methods: MethodRow[];
  /** Tracked calls that are not on the enumerated surface (helpers, other packages), by name. */
  otherCalls: Array<{ name: string; calls: number; failed: number }>;
}

export interface ContractRow {
  operationId: string;
  status: number;
  /** JSON path (`$.profile.email`). */
  path: string;
  message: string;
  count: number;
  scenarios: string[];
  modes: Mode[];
}

export interface VendorReport {
  vendor: CompatVendor;
  twin?: { name: string; title: string; coverage: CoverageRow };
  twinError?: string;
  loadErrors: VendorRun['loadErrors'];
  sdk: SdkReport;
  scenarios: Array<Omit<ScenarioResult, 'calls'> & { calls: number; failedCalls: number }>;
  scenarioTotals: { passed: number; failed: number; skipped: number };
  contract: ContractRow[];
  twinBugs: VendorRun['twinBugs'];
}

export interface FidelityReport {
  generatedAt: string;
  modes: Mode[];
  vendors: VendorReport[];
}

const MAX_FAILURES = 3;
const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : 0);

/** `/a/0/b` → `$.a[0].b` (pointer tokens unescaped). */
export function pointerToPath(pointer: string): string {
  if (!pointer || pointer === '/') return '$';
  return `$${pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((t) => (/^\d+$/.test(t) ? `[${t}]` : /^[A-Za-z_$][\w$]*$/.test(t) ? `.${t}` : `[${JSON.stringify(t)}]`))
    .join('')}`;
}

function totals(rows: MethodRow[]): Totals {
  const passing = rows.filter((r) => r.status === 'passing').length;
  const failing = rows.filter((r) => r.status === 'failing').length;
  return {
    surface: rows.length,
    exercised: passing + failing,
    passing,
    failing,
    notExercised: rows.length - passing - failing,
    exercisedPct: pct(passing + failing, rows.length),
    passingPct: pct(passing, rows.length),
  };
}

export function sdkReport(surface: SdkSurface, index: FunctionIndex, results: ScenarioResult[]): SdkReport {
  const matcher = new SurfaceMatcher(surface, index);
  const rows = new Map<string, MethodRow>(
    surface.methods.map((m) => [m.name, { name: m.name, group: m.group, status: 'not-exercised', calls: 0, expectedErrors: 0, modes: [], scenarios: [], failures: [] }]),
  );
  const other = new Map<string, { name: string; calls: number; failed: number }>();
  for (const r of results) {
    for (const c of r.calls) {
      const name = matcher.match(c.name, callFunction.get(c));
      const row = name ? rows.get(name) : undefined;
      if (!row) {
        const o = other.get(c.name) ?? { name: c.name, calls: 0, failed: 0 };
        o.calls++;
        if (c.status === 'failed') o.failed++;
        other.set(c.name, o);
        continue;
      }
      addCall(row, c, r);
    }
  }
  const methods = [...rows.values()];
  const groupNames = [...new Set(methods.map((m) => m.group))].sort();
  return {
    sdk: surface.sdk,
    version: surface.version,
    enumeratedFrom: surface.enumeratedFrom,
    totals: totals(methods),
    groups: groupNames.map((g) => ({ group: g, ...totals(methods.filter((m) => m.group === g)) })),
    methods,
    otherCalls: [...other.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** A method fails if any of its calls failed, in any mode; one passing call is not enough to hide a failing one. */
function addCall(row: MethodRow, c: CallRecord, r: ScenarioResult): void {
  row.calls++;
  if (c.expectedError) row.expectedErrors++;
  if (!row.modes.includes(r.mode)) row.modes.push(r.mode);
  if (!row.scenarios.includes(r.name)) row.scenarios.push(r.name);
  if (c.status === 'failed') {
    row.status = 'failing';
    if (row.failures.length < MAX_FAILURES) row.failures.push({ scenario: r.name, mode: r.mode, error: c.error, assertion: c.assertion, evidence: c.evidence });
  } else if (row.status === 'not-exercised') {
    row.status = 'passing';
  }
}

function contractRows(run: VendorRun): ContractRow[] {
  const rows = new Map<string, ContractRow>();
  for (const f of run.contract) {
    const path = pointerToPath(f.pointer);
    const key = `${f.operationId}\0${f.status}\0${path}\0${f.message}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { operationId: f.operationId, status: f.status, path, message: f.message, count: 0, scenarios: [], modes: [] }));
    row.count++;
    if (!row.scenarios.includes(f.scenario)) row.scenarios.push(f.scenario);
    if (!row.modes.includes(f.mode)) row.modes.push(f.mode);
  }
  return [...rows.values()].sort((a, b) => a.operationId.localeCompare(b.operationId) || a.path.localeCompare(b.path));
}

export function vendorReport(run: VendorRun, surface: SdkSurface, index: FunctionIndex): VendorReport {
  const ran = run.scenarios;
  return {
    vendor: run.vendor,
    twin: run.twin,
    twinError: run.twinError,
    loadErrors: run.loadErrors,
    sdk: sdkReport(surface, index, ran),
    scenarios: ran.map(({ calls, ...rest }) => ({ ...rest, calls: calls.length, failedCalls: calls.filter((c) => c.status === 'failed').length })),
    scenarioTotals: {
      passed: ran.filter((s) => s.status === 'passed').length,
      failed: ran.filter((s) => s.status === 'failed').length,
      skipped: ran.filter((s) => s.status === 'skipped').length,
    },
    contract: contractRows(run),
    twinBugs: run.twinBugs,
  };
}

/** Enumerates each vendor's SDK surface and sets the run against it. */
export async function buildReport(run: CompatRun, surfaces?: Partial<Record<CompatVendor, { surface: SdkSurface; index: FunctionIndex }>>): Promise<FidelityReport> {
  const vendors: VendorReport[] = [];
  for (const v of run.vendors) {
    let s = surfaces?.[v.vendor];
    if (!s) {
      const index: FunctionIndex = new Map();
      s = { surface: await sdkSurface(v.vendor, index), index };
    }
    vendors.push(vendorReport(v, s.surface, s.index));
  }
  return { generatedAt: run.finishedAt, modes: run.modes, vendors };
}

export function failingScenarios(report: FidelityReport): number {
  return report.vendors.reduce((n, v) => n + v.scenarioTotals.failed, 0);
}
