// Runs the Okta compat scenarios for delegated administration, org services and authenticators in-process: every check must pass.
import { describe, expect, it } from 'vitest';
import { runCompat, type VendorRun } from '../../sdk-compat/runner.js';
import { scenarios as adminRoles } from '../../sdk-compat/okta/admin-roles.js';
import { scenarios as authenticators } from '../../sdk-compat/okta/authenticators.js';
import { scenarios as orgServices } from '../../sdk-compat/okta/org-services.js';

describe('sdk-compat/okta admin roles, org services and authenticators', () => {
  it('pass in-process with no twin bugs and no contract findings on their calls', async () => {
    const picked = [
      ...adminRoles.map((s) => ({ ...s, file: 'sdk-compat/okta/admin-roles.ts' })),
      ...orgServices.map((s) => ({ ...s, file: 'sdk-compat/okta/org-services.ts' })),
      ...authenticators.map((s) => ({ ...s, file: 'sdk-compat/okta/authenticators.ts' })),
    ];
    const run = await runCompat({ vendors: ['okta'], modes: ['inprocess'], scenarios: picked, timeoutMs: 60_000 });
    const okta = run.vendors[0] as VendorRun;
    const failed = okta.scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.name}: ${s.failures.map((f) => f.message).join('; ')}`);
    expect(failed).toEqual([]);
    expect(okta.twinBugs).toEqual([]);
    expect(okta.contract).toEqual([]);
    expect(okta.scenarios.length).toBe(picked.length);
  }, 240_000);
});
