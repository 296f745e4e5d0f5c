/** The fidelity report model: every method of every SDK surface marked verified, called, error-path only, failing or not exercised, beside spec coverage and contract findings. */
import type { CoverageRow } from '../src/core/twin.js';
import { callFunction } from './calls.js';
import { addCall, emptyRow, type MethodRow, type MethodStatus } from './method-status.js';
import { sdkSurfaces, surfaceId, type FunctionIndex, type SdkSurface } from './surface.js';
import { SurfaceMatcher } from './surface-match.js';
import type { CompatRun, Mode, ScenarioResult, VendorRun } from './runner.js';
import type { CompatVendor } from './types.js';

export type { MethodFailure, MethodRow, MethodStatus } from './method-status.js';

export interface Totals {
  surface: number;
  /** Methods called at all (any status but not-exercised). */
  exercised: number;
  verified: number;
  called: number;
  errorPathOnly: number;
  failing: number;
  notExercised: number;
  /** Percent of the surface, one decimal. */
  exercisedPct: number;
  verifiedPct: number;
}

export interface SdkReport {
  /** `jira.js Version2Client`, `@slack/bolt`. */
  id: string;
  sdk: string;
  client?: string;
  version: string;
  enumeratedFrom: string;
  totals: Totals;
  groups: Array<{ group: string } & Totals>;
  methods: MethodRow[];
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
  /** One per surface the vendor's SDKs ship (the first is the main client). */
  sdks: SdkReport[];
  /** Tracked calls on none of the surfaces (helpers, other packages), by name. */
  otherCalls: Array<{ name: string; calls: number; failed: number }>;
  scenarios: Array<Omit<ScenarioResult, 'calls'> & { calls: number; failedCalls: number; verifiedCalls: number }>;
  scenarioTotals: { passed: number; failed: number; skipped: number };
  contract: ContractRow[];
  twinBugs: VendorRun['twinBugs'];
}

export interface FidelityReport {
  generatedAt: string;
  modes: Mode[];
  vendors: VendorReport[];
}

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

export function totals(rows: MethodRow[]): Totals {
  const count = (s: MethodStatus) => rows.filter((r) => r.status === s).length;
  const notExercised = count('not-exercised');
  const verified = count('verified');
  return {
    surface: rows.length,
    exercised: rows.length - notExercised,
    verified,
    called: count('called'),
    errorPathOnly: count('error-path only'),
    failing: count('failing'),
    notExercised,
    exercisedPct: pct(rows.length - notExercised, rows.length),
    verifiedPct: pct(verified, rows.length),
  };
}

/** Contract findings by the journal entry they were noted on (`mode seq`), to fail the call that drew them. */
function contractByExchange(run: Pick<VendorRun, 'contract'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of run.contract) out.set(`${f.mode} ${f.seq}`, `contract: ${f.operationId} ${f.status} ${pointerToPath(f.pointer)} ${f.message}`);
  return out;
}

export function sdkReports(surfaces: SdkSurface[], index: FunctionIndex, results: ScenarioResult[], run: Pick<VendorRun, 'contract'> = { contract: [] }): { sdks: SdkReport[]; otherCalls: VendorReport['otherCalls'] } {
  const matcher = new SurfaceMatcher(surfaces, index);
  const contract = contractByExchange(run);
  const rows = new Map<string, Map<string, MethodRow>>(surfaces.map((s) => [surfaceId(s), new Map(s.methods.map((m) => [m.name, emptyRow(m.name, m.group)]))]));
  const other = new Map<string, { name: string; calls: number; failed: number }>();
  for (const r of results) {
    for (const c of r.calls) {
      const hit = matcher.match(c.name, callFunction.get(c));
      const row = hit ? rows.get(hit.surface)?.get(hit.name) : undefined;
      if (!row) {
        const o = other.get(c.name) ?? { name: c.name, calls: 0, failed: 0 };
        o.calls++;
        if (c.status === 'failed') o.failed++;
        other.set(c.name, o);
        continue;
      }
      const finding = c.exchanges.map((e) => contract.get(`${r.mode} ${e.seq}`)).find(Boolean);
      addCall(row, c, r.name, r.mode, finding);
    }
  }
  const sdks = surfaces.map((s): SdkReport => {
    const methods = [...rows.get(surfaceId(s))!.values()];
    const groupNames = [...new Set(methods.map((m) => m.group))].sort();
    return {
      id: surfaceId(s),
      sdk: s.sdk,
      client: s.client,
      version: s.version,
      enumeratedFrom: s.enumeratedFrom,
      totals: totals(methods),
      groups: groupNames.map((g) => ({ group: g, ...totals(methods.filter((m) => m.group === g)) })),
      methods,
    };
  });
  return { sdks, otherCalls: [...other.values()].sort((a, b) => a.name.localeCompare(b.name)) };
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

export function vendorReport(run: VendorRun, surfaces: SdkSurface[], index: FunctionIndex): VendorReport {
  const ran = run.scenarios;
  return {
    vendor: run.vendor,
    twin: run.twin,
    twinError: run.twinError,
    loadErrors: run.loadErrors,
    ...sdkReports(surfaces, index, ran, run),
    scenarios: ran.map(({ calls, ...rest }) => ({
      ...rest,
      calls: calls.length,
      failedCalls: calls.filter((c) => c.status === 'failed').length,
      verifiedCalls: calls.filter((c) => c.status === 'passed' && c.verifiedBy !== undefined).length,
    })),
    scenarioTotals: {
      passed: ran.filter((s) => s.status === 'passed').length,
      failed: ran.filter((s) => s.status === 'failed').length,
      skipped: ran.filter((s) => s.status === 'skipped').length,
    },
    contract: contractRows(run),
    twinBugs: run.twinBugs,
  };
}

/** Enumerates each vendor's SDK surfaces and sets the run against them. */
export async function buildReport(run: CompatRun, surfaces?: Partial<Record<CompatVendor, { surfaces: SdkSurface[]; index: FunctionIndex }>>): Promise<FidelityReport> {
  const vendors: VendorReport[] = [];
  for (const v of run.vendors) {
    let s = surfaces?.[v.vendor];
    if (!s) {
      const index: FunctionIndex = new Map();
      s = { surfaces: await sdkSurfaces(v.vendor, index), index };
    }
    vendors.push(vendorReport(v, s.surfaces, s.index));
  }
  return { generatedAt: run.finishedAt, modes: run.modes, vendors };
}

export function failingScenarios(report: FidelityReport): number {
  return report.vendors.reduce((n, v) => n + v.scenarioTotals.failed, 0);
}
