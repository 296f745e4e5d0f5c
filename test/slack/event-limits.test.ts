// Slack's Events API rate limit (https://docs.slack.dev/reference/events/app_rate_limited) and the queue of delivery due times: an app gets so many events per workspace per hour, then app_rate_limited once a minute.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { listen, type Listening } from '../../src/server/node.js';
import { createVendorTwin } from '../../src/vendors.js';
import { HourlyEventLimit } from '../../twins/slack/realtime/event-limits.js';
import { DueQueue } from '../../twins/slack/realtime/due.js';
import { receiver, rtWorkspace, until, type Received } from './realtime-helpers.js';

describe('HourlyEventLimit', () => {
  it('admits an event exactly when fewer than the allowance were admitted in the past hour (minutes m-59..m)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 90_000 }), { maxLength: 200 }), (perHour, steps) => {
        const limit = new HourlyEventLimit();
        const admitted: number[] = [];
        let now = 1_700_000_000_000;
        for (const step of steps) {
          now += step * 10; // up to 15 minutes apart, often in the same minute
          const minute = Math.floor(now / 60_000);
          const inHour = admitted.filter((m) => m > minute - 60).length;
          const ok = limit.admit(now, perHour);
          expect(ok).toBe(inHour < perHour);
          if (ok) admitted.push(minute);
        }
      }),
    );
  });

  it('announces each limited minute once, as its epoch second rounded down', () => {
    const limit = new HourlyEventLimit();
    const t = Date.UTC(2018, 1, 12, 20, 37, 42);
    expect(limit.noticeDue(t)).toBe(1518467820); // the docs' example minute, 2018-02-12 20:37 UTC
    expect(limit.noticeDue(t + 10_000)).toBeUndefined();
    expect(limit.noticeDue(t + 60_000)).toBe(1518467880);
  });
});

describe('a workspace over the hourly allowance', () => {
  let server: Listening;
  const cleanup: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(async () => {
    server = await listen(await createVendorTwin('slack', { retention: { eventsPerHour: 3 } }), { port: 0 });
  });
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  afterAll(async () => {
    await server.close();
  });

  it('delivers the allowance, then one app_rate_limited per minute instead of the events, and delivers again an hour on', async () => {
    const w = await rtWorkspace(server, 'events-limited');
    const r = await receiver((req) => {
      const body = JSON.parse(req.body);
      return body.type === 'url_verification' ? { status: 200, body: JSON.stringify({ challenge: body.challenge }) } : { status: 200 };
    });
    cleanup.push(() => r.close());
    expect((await w.slack('PUT', `apps/${w.creds.appId}/config`, { socket_mode: false, request_url: r.url })).status).toBe(200);
    await w.freeze();
    const of = (type: string) => r.requests.map((x: Received) => JSON.parse(x.body)).filter((b) => b.type === type);
    for (let i = 0; i < 5; i++) await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: `burst ${i}` });
    await until(() => of('event_callback').length === 3 && of('app_rate_limited').length === 1, 'three events and one notice');
    expect(of('event_callback').map((b) => b.event.text)).toEqual(['burst 0', 'burst 1', 'burst 2']);
    const minute = Math.floor((await w.now()) / 60_000) * 60;
    expect(of('app_rate_limited')[0]).toEqual({ token: expect.any(String), type: 'app_rate_limited', team_id: w.creds.teamId, minute_rate_limited: minute, api_app_id: w.creds.appId });
    // The next minute is still inside the hour: still limited, announced again.
    await w.advance(60_000);
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'still limited' });
    await until(() => of('app_rate_limited').length === 2, 'a second notice');
    expect(of('app_rate_limited')[1].minute_rate_limited).toBe(minute + 60);
    // An hour after the burst, the allowance is back.
    await w.advance(60 * 60_000);
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'an hour later' });
    await until(() => of('event_callback').length === 4, 'delivery after the hour');
    expect(of('event_callback')[3].event.text).toBe('an hour later');
    expect(of('event_callback')).toHaveLength(4);
  });
});

describe('DueQueue (delivery due times)', () => {
  it('pops exactly the entries at or before now, earliest first, and keeps the rest for later', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.boolean()), { maxLength: 300 }), fc.integer({ min: 0, max: 1000 }), (ops, cut) => {
        const q = new DueQueue<number>();
        const model: Array<[number, number]> = [];
        let popped: number[] = [];
        ops.forEach(([time, pop], i) => {
          q.push(time, i);
          model.push([time, i]);
          if (pop) popped = popped.concat(q.popDue(cut));
        });
        popped = popped.concat(q.popDue(cut));
        const due = model.filter(([t]) => t <= cut);
        expect(popped.sort((a, b) => a - b)).toEqual(due.map(([, i]) => i).sort((a, b) => a - b));
        expect(q.size).toBe(model.length - due.length);
        const rest = q.popDue(Infinity).map((i) => model[i][0]);
        expect(rest).toEqual([...rest].sort((a, b) => a - b));
        expect(rest.every((t) => t > cut)).toBe(true);
      }),
    );
  });
});
