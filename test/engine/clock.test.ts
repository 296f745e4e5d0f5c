// The clock's kept ISO text is exactly `toISOString` of the time it shows, however the clock moves.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clock } from '../../src/core/clock.js';

describe('Clock.iso', () => {
  it('answers toISOString of the current time through readings, freezes, advances and sets', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 3 }) }),
            fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: -5000, max: 5000 }) }),
            fc.record({ kind: fc.constant('set' as const), ms: fc.integer({ min: -8.64e15, max: 8.64e15 }) }),
            fc.record({ kind: fc.constant('freeze' as const), ms: fc.constant(0) }),
            fc.record({ kind: fc.constant('unfreeze' as const), ms: fc.constant(0) }),
          ),
          { maxLength: 40 },
        ),
        (steps) => {
          let wall = Date.UTC(2026, 0, 1);
          const clock = new Clock(() => wall);
          for (const s of steps) {
            if (s.kind === 'tick') wall += s.ms;
            else if (s.kind === 'advance') clock.advance(s.ms);
            else if (s.kind === 'set') clock.set(s.ms);
            else if (s.kind === 'freeze') clock.freeze();
            else clock.unfreeze();
            // A set near the end of the Date range and an advance past it: both throw, as toISOString does.
            if (Number.isNaN(clock.now().getTime())) expect(() => clock.iso()).toThrow(RangeError);
            else {
              expect(clock.iso()).toBe(new Date(clock.ms()).toISOString());
              expect(clock.iso()).toBe(clock.now().toISOString());
            }
          }
        },
      ),
      // A seed that sets the clock to the start of the Date range and then advances it out.
      { examples: [[[{ kind: 'set', ms: -8.64e15 }, { kind: 'advance', ms: -1 }, { kind: 'advance', ms: 2 }]]] },
    );
  });

  it('throws as toISOString does for a time outside the Date range', () => {
    const clock = new Clock(() => 8.64e15);
    clock.advance(1);
    expect(() => clock.iso()).toThrow(RangeError);
  });
});
