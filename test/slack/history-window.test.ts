// conversations.history with oldest/latest reads the window's stretch of the ts order, and conversations.replies the thread's filing; every page, cursor and has_more equals filtering and sorting the whole history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createVendorTwin } from '../../src/vendors.js';
import type { Twin } from '../../src/core/twin.js';
import { cmpTs, conversations, messages, type MessageDoc } from '../../twins/slack/store.js';

let twin: Twin;
beforeAll(async () => { twin = await createVendorTwin('slack'); });
afterAll(async () => { await twin.close(); });

let tenants = 0;

describe('conversations.history inside an oldest/latest window', () => {
  // https://docs.slack.dev/reference/methods/conversations.history: oldest and latest bound the ts range (exclusive
  // unless `inclusive`), newest first, thread replies left out unless broadcast, cursor paging with has_more.
  it('pages what filtering and sorting every message pages, across posts and deletes (fast-check)', async () => {
    // Whole seconds and fractions, a fraction written two ways (1.1 and 1.100000 are one ts to cmpTs), replies.
    const ts = fc.oneof(
      fc.integer({ min: 0, max: 30 }).map((n) => `1700000000.${String(n * 10).padStart(6, '0')}`),
      fc.integer({ min: 0, max: 3 }).map((n) => `170000000${n}`),
      fc.constantFrom('1700000000.1', '1700000000.100000'),
    );
    const bound = fc.oneof(ts, fc.integer({ min: 0, max: 300 }).map((n) => `1700000000.${String(n).padStart(6, '0')}`));
    type Op =
      | { op: 'put'; ts: string; reply: boolean; broadcast: boolean }
      | { op: 'delete'; ts: string }
      | { op: 'read'; oldest?: string; latest?: string; inclusive: boolean; limit: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constant('put' as const), ts, reply: fc.boolean(), broadcast: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), ts }) },
      {
        weight: 2,
        arbitrary: fc.record(
          { op: fc.constant('read' as const), oldest: bound, latest: bound, inclusive: fc.boolean(), limit: fc.integer({ min: 1, max: 4 }) },
          { requiredKeys: ['op', 'inclusive', 'limit'] },
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const tenant = `history-window-${++tenants}`;
        const creds = (await (await twin.fetch(new Request(`http://slack.test/t/${tenant}/_dtu/credentials`))).json()) as { userToken: string; installerUserId: string };
        const t = twin.tenant(tenant);
        const channel = conversations(t).values().find((c) => c.name === 'general')!.id;
        const col = messages(t, channel);
        let root: string | undefined;
        for (const o of ops) {
          if (o.op === 'put') {
            const reply = o.reply && root && root !== o.ts ? { thread_ts: root, ...(o.broadcast ? { subtype: 'thread_broadcast' } : {}) } : {};
            const m: MessageDoc = { id: o.ts, type: 'message', ts: o.ts, user: creds.installerUserId, text: o.ts, ...reply };
            if (col.has(o.ts)) col.patch(o.ts, m);
            else col.put(m);
            root ??= o.ts;
          } else if (o.op === 'delete') col.delete(o.ts);
          else {
            const within = (m: MessageDoc) =>
              (!o.oldest || (o.inclusive ? cmpTs(m.ts, o.oldest) >= 0 : cmpTs(m.ts, o.oldest) > 0)) &&
              (!o.latest || (o.inclusive ? cmpTs(m.ts, o.latest) <= 0 : cmpTs(m.ts, o.latest) < 0));
            const want = col
              .filter((m) => (!m.thread_ts || m.thread_ts === m.ts || m.subtype === 'thread_broadcast') && within(m))
              .sort((x, y) => cmpTs(y.ts, x.ts))
              .map((m) => m.ts);
            const got: string[] = [];
            let cursor = '';
            for (let pages = 0; pages < 50; pages++) {
              const args = new URLSearchParams({ channel, limit: String(o.limit), inclusive: String(o.inclusive), ...(o.oldest ? { oldest: o.oldest } : {}), ...(o.latest ? { latest: o.latest } : {}), ...(cursor ? { cursor } : {}) });
              const res = await twin.fetch(new Request(`http://slack.test/t/${tenant}/api/conversations.history?${args}`, { headers: { authorization: `Bearer ${creds.userToken}` } }));
              const body = (await res.json()) as any;
              expect(body.ok, JSON.stringify(body)).toBe(true);
              got.push(...body.messages.map((m: any) => m.ts));
              cursor = body.response_metadata?.next_cursor ?? '';
              expect(body.has_more).toBe(!!cursor);
              if (!cursor) break;
            }
            expect(got).toEqual(want);
            // conversations.replies reads the thread's filing: the root, then its replies in the window, oldest first.
            if (!root || !col.has(root)) continue;
            const thread = col.filter((m) => m.thread_ts === root && m.ts !== root && within(m)).sort((x, y) => cmpTs(x.ts, y.ts)).map((m) => m.ts);
            const args = new URLSearchParams({ channel, ts: root, inclusive: String(o.inclusive), ...(o.oldest ? { oldest: o.oldest } : {}), ...(o.latest ? { latest: o.latest } : {}) });
            const res = await twin.fetch(new Request(`http://slack.test/t/${tenant}/api/conversations.replies?${args}`, { headers: { authorization: `Bearer ${creds.userToken}` } }));
            const body = (await res.json()) as any;
            expect(body.ok, JSON.stringify(body)).toBe(true);
            expect(body.messages.map((m: any) => m.ts)).toEqual([root, ...thread]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
