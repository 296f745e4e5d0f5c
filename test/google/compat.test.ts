/** Runs the googleapis compat scenarios (sdk-compat/google) through the project's compat runner, in-process and over a socket; every recorded method must pass. */
import { describe, expect, it } from 'vitest';
import { runCompat, type VendorRun } from '../../sdk-compat/runner.js';

describe('sdk-compat/google through the compat runner', () => {
  it('every scenario passes in both modes, with no twin bugs, no contract findings and no escaped requests', async () => {
    const run = await runCompat({ vendors: ['google'], modes: ['inprocess', 'socket'], timeoutMs: 60_000 });
    const google = run.vendors[0] as VendorRun;
    expect(google.loadErrors).toEqual([]);
    expect(google.scenarios.length).toBeGreaterThanOrEqual(12);
    const failed = google.scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.mode} ${s.name}: ${s.failures.map((f) => f.message).join('; ')}`);
    expect(failed).toEqual([]);
    expect(google.twinBugs).toEqual([]);
    expect(google.contract).toEqual([]);
    expect(google.scenarios.flatMap((s) => s.escaped ?? [])).toEqual([]);
    const methods = new Map<string, boolean>();
    for (const s of google.scenarios) for (const c of s.calls) methods.set(c.name, (methods.get(c.name) ?? true) && c.status === 'passed');
    expect([...methods].filter(([, ok]) => !ok)).toEqual([]);
    expect(methods.size).toBeGreaterThanOrEqual(80);
  }, 240_000);
});
