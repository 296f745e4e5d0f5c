/**
 * The System Log's kept order (store.ts `appendLog`): whatever else writes the log in between (a generic
 * write, a delete, a clear, an unannounced change) and however the clock moves, the events kept after each
 * append are the ones a walk of the whole log would keep: the newest `logEntries` inside Okta's 90 days.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clock } from '../../src/core/clock.js';
import { Tenant } from '../../src/core/tenant.js';
import { LOG_RETENTION_MS, appendLog, logs, type LogEvent } from '../../twins/okta/store.js';

type Step =
  | { kind: 'append'; advance: number }
  | { kind: 'delete'; at: number }
  | { kind: 'put'; at: number }
  | { kind: 'clear' }
  | { kind: 'unannounced' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('append' as const), advance: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 * 24 * 3600 * 1000 })) }) },
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('put' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('clear' as const) }),
  fc.record({ kind: fc.constant('unannounced' as const) }),
);

describe('System Log order kept append by append', () => {
  it('keeps what a walk of the whole log keeps (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(step, { maxLength: 60 }), (bound, steps) => {
        let wall = Date.UTC(2026, 0, 1);
        const tenant = new Tenant('okta', 'log-order', new Clock(() => wall), 'seed', { logEntries: bound, eventsPerHour: 30_000 });
        // The expected log: every event ever kept, in the log's order, trimmed by walking it from the start.
        let model: LogEvent[] = [];
        for (const s of steps) {
          const log = logs(tenant);
          if (s.kind === 'append') {
            wall += s.advance;
            model.push(appendLog(tenant, { eventType: 'user.lifecycle.create', displayMessage: 'Create okta user' }));
            const cutoff = wall - LOG_RETENTION_MS;
            let over = model.length - bound;
            while (model.length && (over > 0 || Date.parse(model[0].published) < cutoff)) {
              model.shift();
              over--;
            }
          } else if (s.kind === 'delete' && model.length) {
            const gone = model[s.at % model.length];
            log.delete(gone.id);
            model = model.filter((e) => e !== gone);
          } else if (s.kind === 'put' && model.length) {
            // A write of a kept event keeps its place.
            const e = model[s.at % model.length];
            const again = { ...e, displayMessage: 'edited' };
            log.put(again);
            model = model.map((m) => (m === e ? again : m));
          } else if (s.kind === 'clear') {
            log.clear();
            model = [];
          } else if (s.kind === 'unannounced' && model.length) {
            // Announced as a change no write can attribute: the kept order is read from the log again, and must still match.
            tenant.markDirty();
          }
          expect([...logs(tenant).iterate()].map((e) => e.id)).toEqual(model.map((e) => e.id));
        }
      }),
      { numRuns: 200 },
    );
  });
});
