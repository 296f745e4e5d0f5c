// Google's timestamps without a Date per call (twins/google/iso.ts): the same text as toISOString for every time.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoTime } from '../../twins/google/iso.js';

describe('isoTime', () => {
  it('writes what toISOString writes, across the four-digit years and outside them', () => {
    fc.assert(fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => isoTime(ms) === new Date(ms).toISOString()), { numRuns: 20000 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 253_402_300_800_000 + 100_000 }), (ms) => isoTime(ms) === new Date(ms).toISOString()), { numRuns: 20000 });
  });

  it('agrees at the edges of a second, a minute and the year 10000, and in runs within one minute', () => {
    const edges = [0.5, 1.5, 59_999.9, 0, 1, 9, 10, 99, 100, 999, 1000, 59_999, 60_000, 60_001, 253_402_300_799_999, 253_402_300_800_000, -1, Date.UTC(2026, 0, 1)];
    for (const ms of edges) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    const start = Date.UTC(2026, 11, 6, 23, 59, 58, 500);
    for (let ms = start; ms < start + 3000; ms += 7) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });

  it('answers a time asked again (a create asks three times) as it answers it the first time, between any others', () => {
    const time = fc.oneof(fc.integer({ min: 0, max: 4e12 }), fc.constantFrom(-1, 0.5, 253_402_300_800_000, Date.UTC(2026, 0, 1)));
    fc.assert(fc.property(fc.array(fc.tuple(time, fc.nat(3)), { maxLength: 30 }), (steps) => {
      for (const [ms, again] of steps) for (let i = 0; i <= again; i++) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }));
  });
});
