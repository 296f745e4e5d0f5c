// A short load slice across the four twins with Socket Mode and RTM listening (scripts/reliability/soak.ts runs it long and reports memory).
import { describe, expect, it } from 'vitest';
import { soak } from '../../scripts/reliability/soak.js';

describe('load with realtime listeners', () => {
  it('mixed create/read/delete cycles on all four twins: no errors, every message delivered once over Socket Mode and RTM', async () => {
    const r = await soak({ seconds: 8, clients: 4 });
    expect(r.errors).toEqual([]);
    expect(r.posted).toBeGreaterThan(5);
    expect(r.socketModeEvents).toBe(r.posted);
    expect(r.rtmEvents).toBe(r.posted);
    expect(r.duplicates).toBe(0);
  }, 90_000);
});
