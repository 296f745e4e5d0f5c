/** Runs every SDK-compatibility scenario against fresh twin tenants, in-process (MSW) and over a real socket. */
import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Twin, type CoverageRow, type TwinDefinition } from '../src/core/twin.js';
import { listen, type Listening } from '../src/server/node.js';
import { mswHandlers } from '../src/msw.js';
import { loadDefinition } from '../src/vendors.js';
import { ScenarioTracker, errorInfo, type CallRecord, type ExchangeSource, type ScenarioFailure } from './tracker.js';
import type { CompatContext, CompatVendor, Scenario } from './types.js';

export type Mode = 'inprocess' | 'socket';
export const MODES: Mode[] = ['inprocess', 'socket'];
export const COMPAT_VENDORS: CompatVendor[] = ['okta', 'slack', 'jira', 'google'];

export interface LoadedScenario extends Scenario {
  /** File under sdk-compat/, for the report. */
  file?: string;
}

export interface RunOptions {
  vendors?: CompatVendor[];
  modes?: Mode[];
  /** Scenarios to run instead of the files under `sdk-compat/<vendor>/`. */
  scenarios?: LoadedScenario[];
  /** Twin definitions instead of `twins/<vendor>`. */
  definition?: (vendor: CompatVendor) => Promise<TwinDefinition>;
  /** Per scenario (default 60 s). */
  timeoutMs?: number;
  /** One line per scenario. */
  progress?: (line: string) => void;
  fixture?: string;
  seed?: string;
}

export interface ScenarioResult {
  vendor: CompatVendor;
  sdk: string;
  name: string;
  file?: string;
  mode: Mode;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it was skipped. */
  reason?: string;
  tenant?: string;
  durationMs: number;
  calls: CallRecord[];
  failures: ScenarioFailure[];
  logs: string[];
  /** In-process only: requests that named a host no twin serves (answered with a network error). */
  escaped?: string[];
}

export interface ContractFinding {
  operationId: string;
  status: number;
  /** JSON pointer into the response body, as the validator reports it (`/profile/email`, `/` for the root). */
  pointer: string;
  message: string;
  mode: Mode;
  scenario: string;
  seq: number;
}

export interface VendorRun {
  vendor: CompatVendor;
  twin?: { name: string; title: string; coverage: CoverageRow };
  twinError?: string;
  loadErrors: Array<{ file: string; error: string }>;
  scenarios: ScenarioResult[];
  contract: ContractFinding[];
  /** Journal notes of failures inside the twin itself (500 `dtu_twin_bug`). */
  twinBugs: Array<{ operationId?: string; mode: Mode; scenario: string; note: string }>;
}

export interface CompatRun {
  startedAt: string;
  finishedAt: string;
  modes: Mode[];
  vendors: VendorRun[];
}

const SCENARIO_DIR = fileURLToPath(new URL('./', import.meta.url));
const OWN_EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** Imports `sdk-compat/<vendor>/*.{ts,js}`; a file without scenario exports is a helper and is ignored. */
export async function loadScenarios(vendor: CompatVendor): Promise<{ scenarios: LoadedScenario[]; errors: Array<{ file: string; error: string }> }> {
  const dir = join(SCENARIO_DIR, vendor);
  const scenarios: LoadedScenario[] = [];
  const errors: Array<{ file: string; error: string }> = [];
  if (!existsSync(dir)) return { scenarios, errors };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(OWN_EXT) && !f.endsWith('.d.ts') && !f.includes('.test.'))
    .sort();
  for (const f of files) {
    const file = `sdk-compat/${vendor}/${f}`;
    try {
      const m = (await import(pathToFileURL(join(dir, f)).href)) as Record<string, unknown>;
      for (const s of scenariosOf(m)) scenarios.push({ ...s, vendor: s.vendor ?? vendor, file });
    } catch (e) {
      errors.push({ file, error: errorInfo(e).message });
    }
  }
  return { scenarios, errors };
}

/** The contract is `export const scenarios: Scenario[]`; a single scenario (named `scenario` or default) is taken too. */
export function scenariosOf(m: Record<string, unknown>): Scenario[] {
  const isScenario = (x: unknown): x is Scenario => !!x && typeof x === 'object' && typeof (x as Scenario).run === 'function';
  const list = [m.scenarios, m.default].find(Array.isArray) as unknown[] | undefined;
  if (list) return list.filter(isScenario);
  return [m.scenario, m.default].filter(isScenario);
}

/** The made-up origin a vendor's twin answers on in-process (MSW sees every host; nothing resolves it). */
export const inprocessOrigin = (vendor: string) => `http://${vendor}.twin.test`;

interface Stage {
  twin: Twin;
  origin: string;
  mode: Mode;
  escaped: string[];
  close(): Promise<void>;
}

export async function runCompat(opts: RunOptions = {}): Promise<CompatRun> {
  const startedAt = new Date().toISOString();
  const modes = opts.modes?.length ? opts.modes : MODES;
  const vendors = opts.vendors?.length ? opts.vendors : COMPAT_VENDORS;
  const progress = opts.progress ?? (() => {});
  const runs: VendorRun[] = [];
  let counter = 0;
  // Leftovers of a timed-out scenario must not take the whole run down.
  const stray = (e: unknown) => progress(`  (stray rejection after a scenario ended: ${errorInfo(e).message})`);
  process.on('unhandledRejection', stray);
  try {
    for (const vendor of vendors) {
      const run: VendorRun = { vendor, loadErrors: [], scenarios: [], contract: [], twinBugs: [] };
      runs.push(run);
      const loaded = opts.scenarios ? { scenarios: opts.scenarios.filter((s) => s.vendor === vendor), errors: [] } : await loadScenarios(vendor);
      run.loadErrors = loaded.errors;
      for (const e of loaded.errors) progress(`${vendor}: cannot load ${e.file}: ${e.error}`);
      let def: TwinDefinition;
      try {
        def = opts.definition ? await opts.definition(vendor) : await loadDefinition(vendor);
      } catch (e) {
        run.twinError = `twin not available: ${errorInfo(e).message}`;
        progress(`${vendor}: ${run.twinError}`);
        for (const mode of modes) for (const s of loaded.scenarios) run.scenarios.push(skipped(s, mode, run.twinError));
        continue;
      }
      const twinOptions = { contractCheck: true, seed: opts.seed, fixture: opts.fixture, journalCapacity: 20_000 };
      for (const mode of modes) {
        const stage = await openStage(new Twin(def, twinOptions), mode, vendor);
        run.twin ??= { name: stage.twin.name, title: stage.twin.def.title, coverage: stage.twin.coverage() };
        try {
          for (const s of loaded.scenarios) {
            const allowed = s.modes?.length ? s.modes : MODES;
            if (!allowed.includes(mode)) {
              const reason = s.modesReason ?? (mode === 'inprocess' ? 'needs a real socket (WebSockets are not intercepted in-process)' : `runs only ${allowed.join(', ')}`);
              run.scenarios.push(skipped(s, mode, reason));
              progress(`${mode.padEnd(9)} ${vendor.padEnd(6)} - ${s.name}  (skipped: ${reason})`);
              continue;
            }
            const result = await runScenario(s, stage, `compat-${++counter}`, opts.timeoutMs ?? 60_000);
            run.scenarios.push(result);
            collectNotes(run, stage, result);
            progress(progressLine(result));
          }
        } finally {
          await stage.close();
        }
      }
    }
  } finally {
    process.off('unhandledRejection', stray);
  }
  return { startedAt, finishedAt: new Date().toISOString(), modes, vendors: runs };
}

async function openStage(twin: Twin, mode: Mode, vendor: string): Promise<Stage> {
  if (mode === 'socket') {
    const l: Listening = await listen(twin, { port: 0 });
    return { twin, origin: l.url, mode, escaped: [], close: () => l.close() };
  }
  const origin = inprocessOrigin(vendor);
  const escaped: string[] = [];
  // Anything not addressed to the twin fails as a network error: an in-process run must never reach a real host.
  const fence = http.all('*', ({ request }) => {
    escaped.push(`${request.method} ${request.url}`);
    return HttpResponse.error();
  });
  const server = setupServer(...mswHandlers(twin, { origins: [origin] }), fence);
  server.listen({ onUnhandledRequest: 'bypass' });
  return {
    twin,
    origin,
    mode,
    escaped,
    async close() {
      server.close();
      await twin.close();
    },
  };
}

function journalSource(twin: Twin, tenant: string): ExchangeSource {
  return {
    mark: () => twin.journal.lastSeq,
    between: (from, to) => twin.journal.query({ tenant, sinceSeq: from }).filter((e) => e.seq <= to),
  };
}

async function runScenario(s: LoadedScenario, stage: Stage, tenant: string, timeoutMs: number): Promise<ScenarioResult> {
  const started = performance.now();
  const baseUrl = `${stage.origin}/t/${tenant}`;
  const tracker = new ScenarioTracker(journalSource(stage.twin, tenant));
  const escapedBefore = stage.escaped.length;
  const control = async (method: string, path: string, body?: unknown) => {
    const p = path.replace(/^\/+/, '').replace(/^_dtu\//, '');
    const res = await fetch(`${baseUrl}/_dtu/${p}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const credentials = (await control('GET', 'credentials')) as Record<string, any>;
    const ctx: CompatContext = { vendor: s.vendor, baseUrl, origin: stage.origin, tenant, credentials, mode: stage.mode, control };
    const timeout = new Promise<never>((_r, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`no result after ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([s.run(ctx, tracker), timeout]);
  } catch (e) {
    tracker.abort(e instanceof TimeoutError ? 'timeout' : 'crash', e);
  } finally {
    clearTimeout(timer);
    tracker.close();
  }
  const failedCalls = tracker.calls.filter((c) => c.status === 'failed' && !c.assertion);
  if (failedCalls.length && !tracker.failed) {
    // A call threw and the scenario swallowed it without expectError: still a failure of that method.
    tracker.failures.push({ kind: 'crash', message: `${failedCalls.length} call(s) failed: ${failedCalls.map((c) => c.name).join(', ')}` });
  }
  const escaped = stage.escaped.slice(escapedBefore);
  return {
    vendor: s.vendor,
    sdk: s.sdk,
    name: s.name,
    file: s.file,
    mode: stage.mode,
    status: tracker.failed ? 'failed' : 'passed',
    tenant,
    durationMs: Math.round(performance.now() - started),
    calls: tracker.calls,
    failures: tracker.failures,
    logs: tracker.logs,
    escaped: escaped.length ? escaped : undefined,
  };
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

function skipped(s: LoadedScenario, mode: Mode, reason: string): ScenarioResult {
  return { vendor: s.vendor, sdk: s.sdk, name: s.name, file: s.file, mode, status: 'skipped', reason, durationMs: 0, calls: [], failures: [], logs: [] };
}

const CONTRACT = /^contract (\S+) (\d{3}) (\S*): (.*)$/s;

/** Contract violations and twin bugs the journal noted for this scenario's tenant. */
function collectNotes(run: VendorRun, stage: Stage, r: ScenarioResult): void {
  for (const e of stage.twin.journal.query({ tenant: r.tenant })) {
    for (const note of e.notes ?? []) {
      const m = CONTRACT.exec(note);
      if (m) run.contract.push({ operationId: m[1], status: Number(m[2]), pointer: m[3], message: m[4], mode: r.mode, scenario: r.name, seq: e.seq });
      else if (note.startsWith('twin bug:')) run.twinBugs.push({ operationId: e.operationId, mode: r.mode, scenario: r.name, note: note.split('\n')[0] });
    }
  }
}

function progressLine(r: ScenarioResult): string {
  const mark = r.status === 'passed' ? '✓' : r.status === 'failed' ? '✗' : '-';
  const calls = `${r.calls.length} call${r.calls.length === 1 ? '' : 's'}, ${(r.durationMs / 1000).toFixed(1)}s`;
  const why = r.failures[0] ? ` — ${r.failures[0].message.split('\n')[0].slice(0, 160)}` : '';
  return `${r.mode.padEnd(9)} ${r.vendor.padEnd(6)} ${mark} ${r.name}  (${calls})${why}`;
}
