// The compat runner drives the real Okta SDK against a small twin in both modes; the report and its three writers are checked on that run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCompat, scenariosOf, type CompatRun, type LoadedScenario } from '../../sdk-compat/runner.js';
import { buildReport, pointerToPath, type FidelityReport } from '../../sdk-compat/report.js';
import { renderMarkdown } from '../../sdk-compat/report-md.js';
import { writeReports } from '../../src/cli/compat.js';
import { miniOktaDefinition } from './helpers/mini-okta.js';
import { oktaScenarios } from './helpers/okta-scenarios.js';

const extra: LoadedScenario[] = [
  {
    vendor: 'okta',
    sdk: 'fetch',
    name: 'leaves the twin',
    async run(ctx, t) {
      const res = await fetch('http://example.invalid/api/v1/users').then(
        (r) => r.status,
        (e: Error) => e.name,
      );
      t.check(ctx.mode === 'socket' || res === 'TypeError', 'in-process, other hosts fail as network errors', res);
    },
    modes: ['inprocess'],
  },
  { vendor: 'okta', sdk: 'none', name: 'never finishes', modes: ['inprocess'], run: () => new Promise(() => {}) },
];

let run: CompatRun;
let report: FidelityReport;
const lines: string[] = [];
let out: string;

beforeAll(async () => {
  run = await runCompat({ vendors: ['okta'], scenarios: [...oktaScenarios, ...extra], definition: async () => miniOktaDefinition(), progress: (l) => lines.push(l), timeoutMs: 2000 });
  report = await buildReport(run);
  out = mkdtempSync(join(tmpdir(), 'dtu-compat-'));
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const result = (name: string, mode: string) => run.vendors[0].scenarios.find((s) => s.name === name && s.mode === mode)!;

describe('runCompat', () => {
  it('runs every scenario in both modes on a fresh tenant, skipping with reasons, one progress line each', () => {
    const ok = result('groups: create, read, list, delete', 'inprocess');
    expect(ok.status).toBe('passed');
    expect(ok.calls.map((c) => c.name)).toEqual(['groupApi.createGroup', 'groupApi.getGroup', 'groupApi.listGroups', 'groupApi.deleteGroup', 'groupApi.getGroup']);
    expect(ok.calls[4]).toMatchObject({ status: 'passed', expectedError: true });
    expect(result('groups: create, read, list, delete', 'socket').status).toBe('passed');
    const tenants = run.vendors[0].scenarios.map((s) => s.tenant).filter(Boolean);
    expect(new Set(tenants).size).toBe(tenants.length);
    expect(result('socket only', 'inprocess')).toMatchObject({ status: 'skipped', reason: 'needs a listening port for the test' });
    expect(result('socket only', 'socket').status).toBe('passed');
    expect(result('leaves the twin', 'inprocess')).toMatchObject({ status: 'passed', escaped: ['GET http://example.invalid/api/v1/users'] });
    expect(lines).toHaveLength(12); // 6 scenarios × 2 modes, skips included
    expect(lines.some((l) => /^inprocess okta\s+✓ groups: create, read, list, delete/.test(l))).toBe(true);
  });

  it('fails scenarios on checks, crashes and timeouts, with the reason', () => {
    expect(result('groups: a wrong expectation', 'socket').failures).toEqual([{ kind: 'check', message: 'description survives a round trip', detail: { name: 'Ops' } }]);
    const crash = result('wrong token crashes', 'inprocess');
    expect(crash.failures[0]).toMatchObject({ kind: 'crash' });
    expect(crash.calls[0].error).toMatchObject({ status: 401, code: 'E0000011' });
    expect(result('never finishes', 'inprocess').failures[0]).toMatchObject({ kind: 'timeout', message: 'no result after 2000 ms' });
  });

  it('collects contract violations from the journal notes', () => {
    const c = run.vendors[0].contract.find((f) => f.operationId === 'addGroup');
    expect(c).toMatchObject({ status: 200, pointer: '/objectClass', message: "must have required property 'objectClass'" });
    expect(pointerToPath('/a/0/b~1c')).toBe('$.a[0]["b/c"]');
  });

  it('takes scenarios from a `scenarios` array or a single (named or default) scenario; helpers are ignored', () => {
    const a = oktaScenarios[0];
    const b = oktaScenarios[1];
    expect(scenariosOf({ scenarios: [a, b] })).toEqual([a, b]);
    expect(scenariosOf({ default: [a] })).toEqual([a]);
    expect(scenariosOf({ default: a })).toEqual([a]);
    expect(scenariosOf({ scenario: b })).toEqual([b]);
    expect(scenariosOf({ clients: () => 1, SDK: '@slack/web-api' })).toEqual([]);
  });

  it('reports a missing twin instead of crashing', async () => {
    const r = await runCompat({ vendors: ['okta'], scenarios: oktaScenarios.slice(0, 1), modes: ['socket'], definition: async () => { throw new Error('no index.ts yet'); } });
    expect(r.vendors[0].twinError).toBe('twin not available: no index.ts yet');
    expect(r.vendors[0].scenarios[0]).toMatchObject({ status: 'skipped', reason: 'twin not available: no index.ts yet' });
  });
});

describe('fidelity report', () => {
  it('marks every method of the whole surface verified, failing (with assertion and exchange) or not exercised', () => {
    const v = report.vendors[0];
    expect(v.sdks.map((s) => s.id)).toEqual(['@okta/okta-sdk-nodejs']);
    const sdk = v.sdks[0];
    expect(sdk.totals).toMatchObject({ surface: 815, exercised: 4, verified: 1, called: 0, failing: 3, notExercised: 811 });
    const byName = Object.fromEntries(sdk.methods.map((m) => [m.name, m]));
    expect(byName['groupApi.deleteGroup']).toMatchObject({ status: 'verified', modes: ['inprocess', 'socket'] }); // by the 404 that follows it
    // The mini twin's group responses lack objectClass: a contract finding fails the call even where every check passed.
    expect(byName['groupApi.listGroups'].status).toBe('failing');
    expect(byName['groupApi.listGroups'].failures[0]).toMatchObject({ scenario: 'groups: create, read, list, delete', contract: expect.stringMatching(/^contract: listGroups 200 \$\[0\]\.objectClass /) });
    const create = byName['groupApi.createGroup'];
    expect(create.status).toBe('failing');
    const wrong = create.failures.find((f) => f.scenario === 'groups: a wrong expectation')!;
    expect(wrong).toMatchObject({ assertion: 'description survives a round trip' });
    expect(wrong.evidence?.[0]).toMatchObject({ method: 'POST', path: '/api/v1/groups', status: 200, request: { body: { profile: { name: 'Ops' } } } });
    expect(byName['groupApi.getGroup'].failures.find((f) => f.error)?.error).toMatchObject({ status: 401 });
    expect(byName['userApi.createUser'].status).toBe('not-exercised');
    expect(v.twin?.coverage).toMatchObject({ operations: 6, handwritten: 0 });
    expect(v.contract.find((c) => c.operationId === 'listGroups')).toMatchObject({ path: '$[0].objectClass', modes: ['inprocess', 'socket'] });
    expect(v.otherCalls).toEqual([]);
    expect(v.scenarioTotals).toEqual({ passed: 4, failed: 5, skipped: 3 });
  });

  it('writes JSON, Markdown and a self-contained HTML page', () => {
    const [json, md, html] = writeReports(report, out).map((f) => readFileSync(f, 'utf8'));
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(md).toMatch(/^# SDK fidelity report\n/);
    expect(md).toContain('| okta | @okta/okta-sdk-nodejs 8.1.0 | 815 | **1** (0.1%) | 0 | 0 | 3 | 811 |');
    expect(md).toContain('- `groupApi.createGroup`');
    expect(md).toContain("| `addGroup` | 200 | `$.objectClass` | must have required property 'objectClass' |");
    expect(renderMarkdown(report, { stable: true })).not.toContain(report.generatedAt);

    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link\b|<script[^>]+src=|url\(http|<img\b/i);
    expect(html.match(/<tr class="m"/g)).toHaveLength(815);
    expect(html).toContain('data-name="groupapi.creategroup"');
    expect(unbalancedTags(html)).toEqual([]);
  });
});

/** Non-void elements must close in order: a cheap structural validity check for generated HTML. */
function unbalancedTags(html: string): string[] {
  const voids = new Set(['meta', 'input', 'br', 'hr', 'img', 'link']);
  const stack: string[] = [];
  const problems: string[] = [];
  const body = html.replace(/<script>[\s\S]*?<\/script>/g, '').replace(/<style>[\s\S]*?<\/style>/g, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>/g)) {
    const tag = m[2].toLowerCase();
    if (voids.has(tag) || m[0].startsWith('<!')) continue;
    if (!m[1]) stack.push(tag);
    else if (stack.pop() !== tag) problems.push(`unexpected </${tag}>`);
  }
  return [...problems, ...stack.map((t) => `unclosed <${t}>`)];
}
