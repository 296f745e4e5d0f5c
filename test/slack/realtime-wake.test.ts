// The realtime scheduler's wakes (realtime/runtime.ts): work asked for during a wake is done by the timer that wake arms, and a failing ticker still leaves the next wake armed.
import { afterEach, describe, expect, it } from 'vitest';
import { Clock } from '../../src/core/clock.js';
import { createTwin, type Twin } from '../../src/core/twin.js';
import { definition } from '../../twins/slack/index.js';
import { NONE, realtime, type Delivery } from '../../twins/slack/realtime/runtime.js';

const turn = (ms = 30) => new Promise((r) => setTimeout(r, ms));
let twin: Twin | undefined;
afterEach(async () => {
  await twin?.close();
  twin = undefined;
});

function start(): { rt: ReturnType<typeof realtime>; clock: Clock } {
  const clock = new Clock();
  clock.freeze('2026-03-04T05:06:07.000Z');
  twin = createTwin(definition(), { seed: 'realtime-wake', clock, fixture: 'empty' });
  return { rt: realtime(twin), clock };
}

describe('realtime wakes', () => {
  it('runs work a tick asked for (wakeSoon inside the tick) when it falls due, once per wake', async () => {
    const { rt } = start();
    const seen: number[] = [];
    let due: number | undefined;
    rt.ensureTicker('probe', (now) => {
      seen.push(now);
      if (seen.length === 1) {
        // Like a failed delivery attempt: due again now, announced from inside the tick.
        due = now;
        rt.wakeSoon();
        return due;
      }
      due = undefined;
      return undefined;
    });
    rt.wakeSoon();
    await turn(60);
    // The first wake ran the ticker, the timer it armed for the due time ran it again, and nothing more was armed.
    expect(seen.length).toBe(2);
    await turn(60);
    expect(seen.length).toBe(2);
  });

  it('wakes again on the next turn after a ticker fails, when the failing tick asked for a wake', async () => {
    const { rt } = start();
    let calls = 0;
    rt.ensureTicker('failing', () => {
      calls++;
      if (calls === 1) {
        rt.wakeSoon();
        throw new Error('ticker failed');
      }
      return undefined;
    });
    expect(() => rt.wake()).toThrow('ticker failed');
    await turn();
    expect(calls).toBe(2);
  });

  it('forgets a finished delivery\'s envelope entries with it, including its own id for one never sent', () => {
    const { rt } = start();
    for (let i = 0; i < 5000; i++) {
      // As enqueue files it, then as an app with no connection leaves it: failed after its retries, no envelope sent.
      const d = { id: `d${i}`, tenant: 'default', appId: 'A1', kind: 'events_api', payload: {}, acceptsResponsePayload: false, retryable: true, state: 'failed', attempts: [], dueAt: 0, createdAt: 0, envelopeIds: NONE, waiters: NONE } as Delivery;
      rt.addDelivery(d);
      rt.byEnvelope.set(d.id, d.id);
    }
    expect(rt.deliveries.size).toBeLessThan(5000);
    expect(rt.byEnvelope.size).toBe(rt.deliveries.size);
    for (const id of rt.byEnvelope.keys()) expect(rt.deliveries.has(id)).toBe(true);
  });
});
