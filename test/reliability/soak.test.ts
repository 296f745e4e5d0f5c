// A short load slice across the four twins with Socket Mode, RTM and webhook listeners (scripts/reliability/soak.ts runs it long and reports memory).
import { describe, expect, it } from 'vitest';
import { soak, soakProblems } from '../../scripts/reliability/soak.js';

describe('load with realtime listeners', () => {
  it('mixed create/read/update/delete cycles on all four twins: no errors, every event delivered once over Socket Mode, RTM, the Slack request URL, an Okta event hook and a Drive channel', async () => {
    const r = await soak({ seconds: 8, clients: 4 });
    expect(soakProblems(r)).toEqual([]);
    expect(r.posted).toBeGreaterThan(5);
    expect(r.oktaCreated).toBeGreaterThan(5);
    expect(r.driveChanges).toBeGreaterThan(5);
  }, 90_000);
});
