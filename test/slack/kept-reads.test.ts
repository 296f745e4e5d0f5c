// Slack reads answered from kept replies (conversations.history, search.*) until the workspace changes: every read after random writes equals a fresh presentation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createVendorTwin } from '../../src/vendors.js';
import type { Twin } from '../../src/core/twin.js';
import { conversations } from '../../twins/slack/store.js';

let twin: Twin;
beforeAll(async () => { twin = await createVendorTwin('slack'); });
afterAll(async () => { await twin.close(); });

let tenants = 0;

describe('kept Slack reads', () => {
  it('keeps each method apart: search.messages, search.files and search.all with the same arguments answer their own shapes', async () => {
    const creds = (await (await twin.fetch(new Request('http://slack.test/t/kept-apart/_dtu/credentials'))).json()) as { userToken: string };
    const shape = async (name: string) => {
      const res = await twin.fetch(new Request(`http://slack.test/t/kept-apart/api/${name}?query=the`, { headers: { authorization: `Bearer ${creds.userToken}` } }));
      return Object.keys((await res.json()) as object).sort();
    };
    expect(await shape('search.messages')).toEqual(['messages', 'ok', 'query']);
    expect(await shape('search.files')).toEqual(['files', 'ok', 'query']);
    expect(await shape('search.all')).toEqual(['files', 'messages', 'ok', 'posts', 'query']);
    expect(await shape('search.messages')).toEqual(['messages', 'ok', 'query']);
  });

  // DTU_CHECK_CACHES=1 (the suite's setting) presents every kept hit again and fails on a difference; this also
  // compares each read with one made after a clean restart of the cache's key (a different but equivalent query string).
  it('answer what a fresh presentation answers across posts, edits, deletes, reactions and pins (fast-check)', async () => {
    type Op = { op: 'post'; text: string; thread: boolean } | { op: 'update' | 'delete' | 'react' | 'pin'; which: number } | { op: 'read'; limit: number; page2: boolean };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('post' as const), text: fc.constantFrom('a', 'b c', 'hello'), thread: fc.boolean() }),
      fc.record({ op: fc.constantFrom('update' as const, 'delete' as const, 'react' as const, 'pin' as const), which: fc.nat(5) }),
      { weight: 3, arbitrary: fc.record({ op: fc.constant('read' as const), limit: fc.integer({ min: 1, max: 4 }), page2: fc.boolean() }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        const tenant = `kept-history-${++tenants}`;
        const creds = (await (await twin.fetch(new Request(`http://slack.test/t/${tenant}/_dtu/credentials`))).json()) as { userToken: string };
        const channel = conversations(twin.tenant(tenant)).values().find((c) => c.name === 'general')!.id;
        const call = async (name: string, args: Record<string, string>, get = false) => {
          const q = new URLSearchParams(args);
          const res = get
            ? await twin.fetch(new Request(`http://slack.test/t/${tenant}/api/${name}?${q}`, { headers: { authorization: `Bearer ${creds.userToken}` } }))
            : await twin.fetch(new Request(`http://slack.test/t/${tenant}/api/${name}`, { method: 'POST', headers: { authorization: `Bearer ${creds.userToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: q }));
          return { status: res.status, text: await res.text() };
        };
        const posted: string[] = [];
        for (const o of ops) {
          if (o.op === 'post') {
            const r = JSON.parse((await call('chat.postMessage', { channel, text: o.text, ...(o.thread && posted.length ? { thread_ts: posted[0], reply_broadcast: 'true' } : {}) })).text);
            if (r.ok) posted.push(r.ts);
          } else if (o.op === 'read') {
            const args = { channel, limit: String(o.limit) };
            const first = await call('conversations.history', args, true);
            expect(first.status).toBe(200);
            // The same read again (a kept hit) and the same arguments in another order (another key, presented afresh).
            expect((await call('conversations.history', args, true)).text).toBe(first.text);
            expect((await call('conversations.history', { limit: args.limit, channel }, true)).text).toBe(first.text);
            const cursor = JSON.parse(first.text).response_metadata?.next_cursor;
            if (o.page2 && cursor) expect(JSON.parse((await call('conversations.history', { ...args, cursor }, true)).text).ok).toBe(true);
          } else if (posted.length) {
            const ts = posted[o.which % posted.length];
            if (o.op === 'update') await call('chat.update', { channel, ts, text: `edited ${o.which}` });
            else if (o.op === 'delete') await call('chat.delete', { channel, ts });
            else if (o.op === 'react') await call('reactions.add', { channel, timestamp: ts, name: 'thumbsup' });
            else await call('pins.add', { channel, timestamp: ts });
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
