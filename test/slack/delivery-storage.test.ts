// How a delivery waiting for its retries is kept: the envelope as its parts, written out as the envelope object was; attempts as exact-length lists.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tsText } from '../../twins/slack/store.js';
import { createVendorTwin } from '../../src/vendors.js';
import { Clock } from '../../src/core/clock.js';
import { EventEnvelope, NONE, addAttempt, attemptRecord, deliveryView, type Attempt, type Delivery } from '../../twins/slack/realtime/runtime.js';

/** The envelope as it was built before it was kept as parts (https://api.slack.com/apis/events-api#callback-field). */
function envelopeObject(token: string, teamId: string, enterpriseId: string | null, appId: string, event: Record<string, unknown>, eventId: string, eventTime: number, authorizations: unknown, context: string) {
  return { token, team_id: teamId, context_team_id: teamId, context_enterprise_id: enterpriseId, api_app_id: appId, event, type: 'event_callback', event_id: eventId, event_time: eventTime, authorizations, is_ext_shared_channel: false, event_context: context };
}

const text = fc.string({ maxLength: 12 });

describe('a waiting delivery', () => {
  it('writes its envelope out byte for byte as the envelope object, inside a Socket Mode frame too (fast-check)', () => {
    fc.assert(
      fc.property(text, text, fc.option(text, { nil: null }), text, fc.dictionary(text, fc.jsonValue()), text, fc.integer({ min: 0, max: 2 ** 31 - 1 }), text, fc.boolean(), text, (token, teamId, ent, appId, event, eventId, time, userId, isBot, context) => {
        const authorizations = Object.freeze([Object.freeze({ enterprise_id: ent, team_id: teamId, user_id: userId, is_bot: isBot, is_enterprise_install: false })]);
        const parts = new EventEnvelope(Object.freeze({ token, team_id: teamId, enterprise_id: ent, api_app_id: appId, authorizations }), event, eventId, time, context);
        const whole = envelopeObject(token, teamId, ent, appId, event, eventId, time, authorizations, context);
        expect(JSON.stringify(parts)).toBe(JSON.stringify(whole));
        expect(JSON.stringify({ envelope_id: 'e', payload: parts, type: 'events_api' })).toBe(JSON.stringify({ envelope_id: 'e', payload: whole, type: 'events_api' }));
      }),
    );
  });

  it('keeps its attempts in a list of their exact length, in order, a missed one as its time, and shows each as its whole record with an ISO time', () => {
    const created = Date.UTC(2026, 2, 4, 5, 6, 7, 0);
    const at = created + 8;
    const d = { id: 'd1', tenant: 'default', appId: 'A1', kind: 'events_api', payload: {}, acceptsResponsePayload: false, retryable: true, state: 'pending', attempts: NONE, dueAt: created, createdAt: created, envelopeIds: NONE, waiters: NONE } as Delivery;
    // Two attempts that found no connection (ms after creation), then one over a connection.
    const recs: Attempt[] = [8, 13, { attempt: 2, at: at + 60_005, via: 'socket', envelope_id: 'env', connection: 'c1' }];
    for (const r of recs) addAttempt(d, r);
    expect(NONE).toHaveLength(0);
    expect(d.attempts).toEqual(recs);
    expect(attemptRecord(d, 0)).toBeUndefined();
    attemptRecord(d, 2)!.outcome = 'acked';
    expect(JSON.parse(JSON.stringify(deliveryView(d))).attempts).toEqual([
      { attempt: 0, at: '2026-03-04T05:06:07.008Z', via: 'socket', outcome: 'no_connection' },
      { attempt: 1, at: '2026-03-04T05:06:07.013Z', via: 'socket', outcome: 'no_connection' },
      { attempt: 2, at: '2026-03-04T05:07:07.013Z', via: 'socket', envelope_id: 'env', connection: 'c1', outcome: 'acked' },
    ]);
  });
});

describe("Slack's ts text", () => {
  it('is what the template literal wrote, for any seconds and fraction (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), fc.oneof(fc.integer({ min: 0, max: 999_999 }), fc.integer(), fc.double()), (sec, frac) => {
        expect(tsText(sec, frac)).toBe(`${sec}.${String(frac).padStart(6, '0')}`);
      }),
    );
  });
});

describe('an event for a Socket Mode app with no open connection (https://api.slack.com/apis/events-api#retries)', () => {
  it('is attempted at once, retried at once, after 1 minute and after 5 more, each attempt shown whole, then dropped', async () => {
    const clock = new Clock();
    clock.freeze('2026-03-04T05:06:07.000Z');
    const twin = await createVendorTwin('slack', { seed: 'no-connection', clock });
    try {
      const O = 'http://x.test';
      const creds = (await (await twin.fetch(new Request(`${O}/_dtu/credentials`))).json()) as Record<string, string>;
      const post = async (m: string, args: Record<string, string>) => (await (await twin.fetch(new Request(`${O}/api/${m}`, { method: 'POST', headers: { authorization: `Bearer ${creds.botToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(args).toString() }))).json()) as Record<string, any>;
      const channel = (await post('conversations.create', { name: 'offline' })).channel.id as string;
      const deliveryOf = async (ts: string) => {
        const all = ((await (await twin.fetch(new Request(`${O}/_dtu/slack/deliveries?kind=events_api`))).json()) as { deliveries: Array<Record<string, any>> }).deliveries;
        return all.find((d) => d.payload.event?.ts === ts)!;
      };
      // The delivery ticker runs on the next turns of the event loop: wait (bounded) until it has made `n` attempts.
      const after = async (ts: string, n: number) => {
        for (let i = 0; i < 250; i++) {
          const d = await deliveryOf(ts);
          if (d.attempts.length >= n && (n < 4 || d.state === 'failed')) return d;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`no attempt ${n} within 5 s`);
      };
      const { ts } = await post('chat.postMessage', { channel, text: 'nobody connected' });
      const missed = (i: number, at: string) => ({ attempt: i, at, via: 'socket', outcome: 'no_connection' });
      let d = await after(ts, 2);
      expect(d).toMatchObject({ state: 'pending', retryReason: 'timeout', dueAt: '2026-03-04T05:07:07.000Z' });
      expect(d.attempts).toEqual([missed(0, '2026-03-04T05:06:07.000Z'), missed(1, '2026-03-04T05:06:07.000Z')]);
      expect(d.payload).toMatchObject({ type: 'event_callback', api_app_id: creds.appId, event: { type: 'message', text: 'nobody connected' } });
      clock.advance(60_000);
      d = await after(ts, 3);
      expect(d.attempts[2]).toEqual(missed(2, '2026-03-04T05:07:07.000Z'));
      expect(d).toMatchObject({ state: 'pending', dueAt: '2026-03-04T05:12:07.000Z' });
      clock.advance(300_000);
      d = await after(ts, 4);
      expect(d.attempts).toHaveLength(4);
      expect(d.attempts[3]).toEqual(missed(3, '2026-03-04T05:12:07.000Z'));
      expect(d).toMatchObject({ state: 'failed', error: 'timeout' });
    } finally {
      await twin.close();
    }
  });
});
