// search.messages answered from the word index (counted, ranked by a heap, walked in ts order) equals a full scan and a stable sort, across writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createVendorTwin } from '../../src/vendors.js';
import type { Twin } from '../../src/core/twin.js';
import { conversations, messages, type MessageDoc } from '../../twins/slack/store.js';

let twin: Twin;
beforeAll(async () => { twin = await createVendorTwin('slack'); });
afterAll(async () => { await twin.close(); });

const SEARCHED = ['thread_broadcast', 'file_share', 'bot_message', 'me_message'];

/** What search.messages answers by definition: every visible message holding every word, stable-sorted by its key. */
function reference(tenant: string, userId: string, words: string[], sort: string, dir: string): { total: number; ids: string[] } {
  const t = twin.tenant(tenant);
  const hits: Array<{ c: string; m: MessageDoc; key: number }> = [];
  for (const c of conversations(t).values()) {
    if ((c.is_private || c.is_im || c.is_mpim) && !c.members.includes(userId)) continue;
    for (const m of messages(t, c.id).values()) {
      if (m.subtype && !SEARCHED.includes(m.subtype)) continue;
      const text = m.text.toLowerCase();
      if (!words.every((w) => text.includes(w))) continue;
      const score = words.reduce((s, w) => s + text.split(w).length - 1, 0);
      hits.push({ c: c.id, m, key: sort === 'timestamp' ? Number(m.ts) : score * 1e11 + Number(m.ts) });
    }
  }
  hits.sort((a, b) => (dir === 'asc' ? a.key - b.key : b.key - a.key));
  return { total: hits.length, ids: hits.map((h) => `${h.c}-${h.m.ts}`) };
}

let tenants = 0;

/** A fresh workspace: a way to write its first two channels' messages directly, and to search as its person. */
async function workspace() {
  const tenant = `search-index-${++tenants}`;
  const creds = (await (await twin.fetch(new Request(`http://slack.test/t/${tenant}/_dtu/credentials`))).json()) as { userToken: string; installerUserId: string };
  const t = twin.tenant(tenant);
  const convs = conversations(t).values().filter((c) => !c.is_im).slice(0, 2).map((c) => c.id);
  const put = (conv: number, ts: string, text: string, subtype?: string) => {
    const col = messages(t, convs[conv]);
    const m: MessageDoc = { id: ts, type: 'message', ts, user: creds.installerUserId, text, ...(subtype ? { subtype } : {}) };
    if (col.has(ts)) col.patch(ts, m);
    else col.put(m);
  };
  const remove = (conv: number, ts: string) => messages(t, convs[conv]).delete(ts);
  const search = async (args: Record<string, string>) => {
    const res = await twin.fetch(new Request(`http://slack.test/t/${tenant}/api/search.messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${creds.userToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(args),
    }));
    const body = (await res.json()) as any;
    expect(body.ok, JSON.stringify(body)).toBe(true);
    return body.messages;
  };
  const want = (words: string[], sort: string, dir: string) => reference(tenant, creds.installerUserId, words, sort, dir);
  return { put, remove, search, want };
}

describe('search.messages from the word index', () => {
  it('breaks ties of equal keys by arrival: score × 1e11 + ts rounds ts microseconds apart to one number', async () => {
    const ws = await workspace();
    ws.put(0, '1700000000.000001', 'g7');
    ws.put(0, '1700000000.000003', 'g7');
    const found = await ws.search({ query: 'g7', count: '1' });
    expect(found.total).toBe(2);
    expect(found.matches.map((m: any) => m.ts)).toEqual(['1700000000.000001']);
  });

  it('orders ts past six fraction digits by value, as Number(ts) does, not by their text', async () => {
    const ws = await workspace();
    ws.put(0, '1700000000.2', 'g7');
    ws.put(0, '1700000000.1111111', 'g7');
    const found = await ws.search({ query: 'g7', count: '1', sort: 'timestamp' });
    expect(found.matches.map((m: any) => m.ts)).toEqual(['1700000000.2']);
  });

  it('scores a repeated word, a word holding the needle twice, and two words holding it by reading them', async () => {
    for (const [texts, ranked] of [
      [['g7', 'g7 g7', 'g70'], ['g7 g7', 'g70', 'g7']],
      [['g7', 'g7g7', 'g70'], ['g7g7', 'g70', 'g7']],
      [['g7', 'g7 g70', 'g70'], ['g7 g70', 'g70', 'g7']],
    ]) {
      const ws = await workspace();
      for (const [i, text] of texts.entries()) ws.put(0, `1700000000.${i}00000`, text);
      const found = await ws.search({ query: 'g7', count: '3' });
      expect(found.matches.map((m: any) => m.text)).toEqual(ranked);
    }
  });

  it('answers what scanning and sorting every message answers, across posts, edits and deletes (fast-check)', async () => {
    // Words inside other words (g7 in g70, xg7 and twice in g7g7; 7 in 12), case, and words only some texts hold.
    const word = fc.constantFrom('g7', 'g70', 'g7g7', 'xg7', 'bench', 'Bench', 'a', 'b', 'c', 'd', '12', '7');
    const text = fc.array(word, { maxLength: 3 }).map((ws) => ws.join(' '));
    // Plain ts; ts microseconds apart (score × 1e11 + ts rounds them to one key, so ties fall to arrival order); no
    // fraction; fractions of one digit repeated up to nine times (past six digits their text order is not their value's).
    const ts = fc.oneof(
      fc.integer({ min: 0, max: 30 }).map((n) => `1700000000.${String(n * 100).padStart(6, '0')}`),
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 30 }).map((n) => `1700000000.${String(n).padStart(6, '0')}`) },
      fc.integer({ min: 0, max: 30 }).map((n) => `17000000${String(n).padStart(2, '0')}`),
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([d, n]) => `1700000000.${String(d).repeat(n)}`),
    );
    const subtype = fc.constantFrom(undefined, undefined, 'bot_message', 'channel_join');
    type Op = { op: 'put'; conv: number; ts: string; text: string; subtype?: string } | { op: 'delete'; conv: number; ts: string } | { op: 'search'; words: string[]; sort: string; dir: string; count: number; page: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 3, arbitrary: fc.record({ op: fc.constant('put' as const), conv: fc.nat(1), ts, text, subtype }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), conv: fc.nat(1), ts }) },
      {
        weight: 2,
        arbitrary: fc.record({
          op: fc.constant('search' as const),
          words: fc.array(word, { minLength: 1, maxLength: 2 }),
          sort: fc.constantFrom('score', 'timestamp'),
          dir: fc.constantFrom('asc', 'desc'),
          // Small pages of a dense match take the walk through ts order (a sparse one keys every match).
          count: fc.constantFrom(1, 1, 2, 4),
          page: fc.constantFrom(1, 1, 2, 3),
        }),
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const ws = await workspace();
        for (const o of ops) {
          if (o.op === 'put') ws.put(o.conv, o.ts, o.text, o.subtype);
          else if (o.op === 'delete') ws.remove(o.conv, o.ts);
          else {
            const found = await ws.search({ query: o.words.join(' '), sort: o.sort, sort_dir: o.dir, count: String(o.count), page: String(o.page) });
            const want = ws.want(o.words.map((w) => w.toLowerCase()), o.sort, o.dir);
            expect(found.total).toBe(want.total);
            expect(found.matches.map((m: any) => m.iid)).toEqual(want.ids.slice((o.page - 1) * o.count, o.page * o.count));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
