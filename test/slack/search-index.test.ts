// search.messages answered from the word, author, reaction, pin and date indexes (counted, ranked by a heap, walked in ts order) equals a full scan and a stable sort, across writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createVendorTwin } from '../../src/vendors.js';
import type { Twin } from '../../src/core/twin.js';
import { conversations, messages, users, type MessageDoc } from '../../twins/slack/store.js';

let twin: Twin;
beforeAll(async () => { twin = await createVendorTwin('slack'); });
afterAll(async () => { await twin.close(); });

const SEARCHED = ['thread_broadcast', 'file_share', 'bot_message', 'me_message'];

/** A query built from parts, so the reference reads the parts and the twin reads the text an agent would send. */
interface Parts {
  words: string[];
  from?: number[];
  fromName?: boolean;
  in?: number;
  before?: string;
  after?: string;
  on?: string;
  reaction?: boolean;
  pin?: boolean;
}

const DAY = (s: string) => Date.parse(`${s}T00:00:00Z`) / 1000;

/** What search.messages answers by definition: every visible message the query selects, stable-sorted by its key. */
function reference(tenant: string, userId: string, p: Parts, sort: string, dir: string, people: string[] = [], convs: string[] = []) {
  const t = twin.tenant(tenant);
  const needles = p.words.map((w) => w.toLowerCase());
  const hits: Array<{ c: string; m: MessageDoc; key: number }> = [];
  const ok = (x: number) => !Number.isNaN(x);
  for (const c of conversations(t).values()) {
    if ((c.is_private || c.is_im || c.is_mpim) && !c.members.includes(userId)) continue;
    if (p.in !== undefined && c.id !== convs[p.in]) continue;
    for (const m of messages(t, c.id).values()) {
      if (m.subtype && !SEARCHED.includes(m.subtype)) continue;
      if (p.from && !p.from.some((i) => people[i] && m.user === people[i])) continue;
      const sec = Math.floor(Number(m.ts));
      if (p.before && ok(DAY(p.before)) && !(sec < DAY(p.before))) continue;
      if (p.after && ok(DAY(p.after)) && !(sec >= DAY(p.after) + 86400)) continue;
      if (p.on && ok(DAY(p.on)) && !(sec >= DAY(p.on) && sec < DAY(p.on) + 86400)) continue;
      if (p.reaction && !m.reactions?.length) continue;
      if (p.pin && !m.pinned_to?.length) continue;
      const text = m.text.toLowerCase();
      if (!needles.every((w) => text.includes(w))) continue;
      const score = needles.reduce((s, w) => s + text.split(w).length - 1, 0);
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
  const put = (conv: number, ts: string, text: string, subtype?: string, user: string | undefined = creds.installerUserId) => {
    const col = messages(t, convs[conv]);
    const m: MessageDoc = { id: ts, type: 'message', ts, ...(user ? { user } : {}), text, ...(subtype ? { subtype } : {}) };
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
  const want = (words: string[], sort: string, dir: string) => reference(tenant, creds.installerUserId, { words }, sort, dir);
  return { put, remove, search, want, tenant, userId: creds.installerUserId, convs };
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

// Modifiers as https://slack.com/help/articles/202528808-Search-in-Slack names them and as the twin reads them:
// from:<@U…>|@name, in:<#C…>, before: (earlier days), after: (later days), on: (that day), has:reaction, has:pin;
// "quoted phrases" and other tokens (punctuation, is:thread, -word) are matched as text. A date that is no day
// (2023-13-45) constrains nothing.
describe('search.messages with modifiers from the author, reaction, pin and date indexes', () => {
  it('answers what scanning every message answers, across posts, edits, deletes, reactions and pins (fast-check)', async () => {
    const word = fc.constantFrom('g7', 'g70', 'g7g7', 'bench', 'Bench', 'a', '12', '7', 'a.b', 'g7,', 'is:thread', '-g7');
    const text = fc.array(word, { maxLength: 3 }).map((ws) => ws.join(' '));
    // Whole seconds on both sides of midnights (1699920000 is 2023-11-14, 1700006400 the 15th), fractions, and an
    // odd ts past six fraction digits (its conversation is then read whole).
    const second = fc.constantFrom(1699919999, 1699920000, 1700000000, 1700006399, 1700006400, 1700092800);
    const ts = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(second, fc.integer({ min: 0, max: 20 })).map(([s, n]) => `${s}.${String(n).padStart(6, '0')}`) },
      { weight: 1, arbitrary: second.map(String) },
      { weight: 1, arbitrary: fc.constantFrom('1700000000.1111111', '1700000000.22222222') },
    );
    const subtype = fc.constantFrom(undefined, undefined, undefined, 'bot_message', 'channel_join');
    const day = fc.constantFrom('2023-11-13', '2023-11-14', '2023-11-15', '2023-11-16', '2023-13-45');
    const phrase = fc.constantFrom('"g7 bench"', '"a g7"', '"7 g"', '"A.B g7"');
    // Each modifier in about one query of four, so most queries combine one or two and still match something.
    const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
    const parts: fc.Arbitrary<Parts> = fc.record({
      words: fc.array(fc.oneof(word, phrase), { maxLength: 2 }),
      from: rarely(fc.array(fc.nat(2), { minLength: 1, maxLength: 2 })),
      fromName: fc.boolean(),
      in: rarely(fc.nat(1)),
      before: rarely(day),
      after: rarely(day),
      on: rarely(day),
      reaction: rarely(fc.constant(true)),
      pin: rarely(fc.constant(true)),
    });
    type Op =
      | { op: 'put'; conv: number; ts: string; text: string; subtype?: string; by: number }
      | { op: 'delete'; conv: number; ts: string }
      | { op: 'react' | 'pin'; conv: number; ts: string; on: boolean }
      | { op: 'search'; parts: Parts; sort: string; dir: string; count: number; page: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constant('put' as const), conv: fc.nat(1), ts, text, subtype, by: fc.nat(2) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), conv: fc.nat(1), ts }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('react' as const, 'pin' as const), conv: fc.nat(1), ts, on: fc.boolean() }) },
      {
        weight: 3,
        arbitrary: fc.record({
          op: fc.constant('search' as const),
          parts,
          sort: fc.constantFrom('score', 'timestamp'),
          dir: fc.constantFrom('asc', 'desc'),
          count: fc.constantFrom(1, 2, 4),
          page: fc.constantFrom(1, 1, 2, 3),
        }),
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 20, maxLength: 60 }), async (ops) => {
        const ws = await workspace();
        const t = twin.tenant(ws.tenant);
        // Two people and no one (a message without a user).
        const others = users(t).values().filter((u) => u.id !== ws.userId && !u.deleted);
        const people = [ws.userId, others[0].id, ''];
        const names = [users(t).get(ws.userId)!.name, others[0].name, 'nobody-here'];
        for (const o of ops) {
          if (o.op === 'put') ws.put(o.conv, o.ts, o.text, o.subtype, people[o.by] || undefined);
          else if (o.op === 'delete') ws.remove(o.conv, o.ts);
          else if (o.op !== 'search') {
            const col = messages(t, ws.convs[o.conv]);
            if (!col.has(o.ts)) continue;
            if (o.op === 'react') col.patch(o.ts, { reactions: o.on ? [{ name: 'eyes', users: [ws.userId], count: 1 }] : [] });
            else col.patch(o.ts, { pinned_to: o.on ? [ws.convs[o.conv]] : [] });
          } else {
            const p = o.parts;
            const q = [
              ...p.words,
              ...(p.from ?? []).map((i: number) => (p.fromName ? `from:@${names[i]}` : `from:<@${people[i] || 'U0NOBODY'}>`)),
              ...(p.in !== undefined ? [`in:<#${ws.convs[p.in]}>`] : []),
              ...(p.before ? [`before:${p.before}`] : []),
              ...(p.after ? [`after:${p.after}`] : []),
              ...(p.on ? [`on:${p.on}`] : []),
              ...(p.reaction ? ['has:reaction'] : []),
              ...(p.pin ? ['has:pin'] : []),
            ].join(' ');
            if (!q) continue;
            const found = await ws.search({ query: q, sort: o.sort, sort_dir: o.dir, count: String(o.count), page: String(o.page) });
            const want = reference(ws.tenant, ws.userId, { ...p, words: p.words.map((w) => w.replace(/^"(.*)"$/, '$1')) }, o.sort, o.dir, people, ws.convs);
            expect(found.total, q).toBe(want.total);
            expect(found.matches.map((m: any) => m.iid), q).toEqual(want.ids.slice((o.page - 1) * o.count, o.page * o.count));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
