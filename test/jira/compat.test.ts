// Runs the jira.js compat scenarios (sdk-compat/jira) through the project's compat runner, in-process and over a socket; every recorded method must pass.
import { describe, expect, it } from 'vitest';
import { runCompat, type VendorRun } from '../../sdk-compat/runner.js';

describe('sdk-compat/jira through the compat runner', () => {
  it('every scenario passes in both modes, with no twin bugs and no escaped requests', async () => {
    const run = await runCompat({ vendors: ['jira'], modes: ['inprocess', 'socket'], timeoutMs: 60_000 });
    const jira = run.vendors[0] as VendorRun;
    expect(jira.loadErrors).toEqual([]);
    expect(jira.scenarios.length).toBeGreaterThanOrEqual(8);
    const failed = jira.scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.mode} ${s.name}: ${s.failures.map((f) => f.message).join('; ')}`);
    expect(failed).toEqual([]);
    expect(jira.twinBugs).toEqual([]);
    expect(jira.scenarios.flatMap((s) => s.escaped ?? [])).toEqual([]);
    const methods = new Map<string, boolean>();
    for (const s of jira.scenarios) for (const c of s.calls) methods.set(c.name, (methods.get(c.name) ?? true) && c.status === 'passed');
    expect([...methods].filter(([, ok]) => !ok)).toEqual([]);
    expect(methods.size).toBeGreaterThanOrEqual(60);
  }, 240_000);
});
