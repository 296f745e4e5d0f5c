import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Journal, StoredBody, headerLines, headerRecord, redactHeaders, truncationMarker, type JournalInput } from '../../src/core/journal.js';

const entry = (tenant: string, body?: unknown, status = 200): JournalInput => ({
  time: '2024-01-01T00:00:00.000Z',
  twin: 'pets',
  tenant,
  method: 'GET',
  path: '/v1/pets',
  query: '',
  status,
  durationMs: 1,
  request: { headers: { accept: 'application/json' }, body: undefined },
  response: { headers: { 'content-type': 'application/json' }, body },
});

describe('journal', () => {
  it('keeps at most maxEntries, dropping the oldest, with sequence numbers running on', () => {
    const j = new Journal({ maxEntries: 3 });
    for (let i = 0; i < 5000; i++) j.add(entry('a', { i }));
    const kept = j.query();
    expect(kept.map((e) => e.seq)).toEqual([4998, 4999, 5000]);
    expect(kept.at(-1)!.response.body).toEqual({ i: 4999 });
    expect(j.size.entries).toBe(3);
  });

  it('keeps at most maxBytes of entries, but always the newest one', () => {
    const j = new Journal({ maxBytes: 10_000, maxBodyChars: 100_000 });
    const big = 'x'.repeat(3000);
    for (let i = 0; i < 20; i++) j.add(entry('a', StoredBody.text('json', JSON.stringify({ big, i }))));
    expect(j.size.bytes).toBeLessThanOrEqual(10_000);
    expect(j.query().length).toBe(j.size.entries);
    expect(j.query().length).toBeLessThan(5);
    j.add(entry('a', StoredBody.text('json', JSON.stringify({ huge: 'y'.repeat(50_000) }))));
    expect(j.query()).toHaveLength(1);
  });

  it('serializes nothing on store and parses bodies when read', () => {
    const j = new Journal();
    j.add(entry('a', StoredBody.text('json', '{"id":"p1","tags":["x"]}')));
    j.add({ ...entry('a'), request: { headers: {}, body: StoredBody.text('form', 'token=t&channel=C1&channel=C2') } });
    const [json, form] = j.query();
    expect(json.response.body).toEqual({ id: 'p1', tags: ['x'] });
    expect(form.request.body).toEqual({ token: '[redacted]', channel: ['C1', 'C2'] });
  });

  it('counts text the previous entry already holds once: a kept reply served again, shared header values', () => {
    const reply = StoredBody.text('json', JSON.stringify({ big: 'x'.repeat(20_000) }));
    const shared = new Journal({ maxBodyChars: 100_000 });
    for (let i = 0; i < 10; i++) shared.add(entry('a', reply));
    const fresh = new Journal({ maxBodyChars: 100_000 });
    for (let i = 0; i < 10; i++) fresh.add(entry('a', StoredBody.text('json', JSON.stringify({ big: 'x'.repeat(20_000), i }))));
    // Ten entries pointing at one text hold it once; ten texts of their own hold ten.
    expect(shared.size.bytes).toBeLessThan(20_000 + 10 * 2_000);
    expect(fresh.size.bytes).toBeGreaterThan(10 * 20_000);
    // A tenant cleared from between two entries leaves the later one holding the text alone: it counts it again.
    const mixed = new Journal({ maxBodyChars: 100_000 });
    mixed.add(entry('a', reply));
    mixed.add(entry('b', reply));
    const before = mixed.size.bytes;
    mixed.clear('a');
    expect(mixed.size.bytes).toBeGreaterThan(20_000);
    expect(mixed.size.bytes).toBeLessThan(before);
  });

  it('truncates large bodies with a marker that says how much was cut', () => {
    const j = new Journal({ maxBodyChars: 10 });
    j.add(entry('a', StoredBody.text('json', JSON.stringify({ long: 'abcdefghijklmnop' }), 10)));
    j.add(entry('a', { long: 'abcdefghijklmnop' }));
    const [lazy, eager] = j.query();
    expect(lazy.response.body).toBe(`{"long":"a${truncationMarker(17)}`);
    expect(eager.response.body).toBe(`{"long":"a${truncationMarker(17)}`);
  });

  it('reads give copies: changing a returned entry does not change the journal', () => {
    const j = new Journal();
    j.add(entry('a', StoredBody.text('json', '{"n":1}')));
    const first = j.query()[0];
    (first.response.body as { n: number }).n = 2;
    first.request.headers.accept = 'changed';
    expect(j.query()[0].response.body).toEqual({ n: 1 });
    expect(j.query()[0].request.headers.accept).toBe('application/json');
  });

  it('filters by tenant, operation, status and sequence, and clears one tenant', () => {
    const j = new Journal();
    j.add(entry('a'));
    j.add(entry('b', undefined, 404));
    j.add(entry('a', undefined, 404));
    expect(j.query({ tenant: 'a' }).map((e) => e.seq)).toEqual([1, 3]);
    expect(j.query({ status: 404, sinceSeq: 2 }).map((e) => e.seq)).toEqual([3]);
    expect(j.query({ limit: 1 }).map((e) => e.seq)).toEqual([3]);
    j.clear('a');
    expect(j.query().map((e) => e.tenant)).toEqual(['b']);
  });

  it('redacts secrets in raw header lines and joins repeated names', () => {
    expect(redactHeaders(['Authorization', 'Bearer abc', 'X-A', '1', 'x-a', '2'])).toEqual({ authorization: 'Bearer [redacted]', 'x-a': '1, 2' });
  });
});

describe('journal bounds from twin options', () => {
  it('applies journal limits given to the twin', async () => {
    const { Twin } = await import('../../src/core/twin.js');
    const { petsDefinition } = await import('./fixture-twin.js');
    const twin = new Twin(petsDefinition(), { journal: { maxEntries: 2 } });
    for (let i = 0; i < 3; i++) await twin.fetch(new Request('http://pets.test/t/j/v1/pets', { headers: { authorization: 'Key key-j' } }));
    expect(twin.journal.limits.maxEntries).toBe(2);
    expect(twin.journal.query().map((e) => e.seq)).toEqual([2, 3]);
  });
});

describe('request header lines as one text', () => {
  const name = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}$/);
  // Header values as a parser hands them over: no CR, LF or NUL, no surrounding whitespace.
  const value = fc.stringMatching(/^[\t\x20-\x7e\x80-\xff]{0,40}$/).map((v) => v.trim());
  const lines = fc.array(fc.tuple(name, value), { maxLength: 12 }).map((pairs) => pairs.flat());

  it('reads back as the lines it was made from, and counts the same bytes', () => {
    fc.assert(
      fc.property(lines, (raw) => {
        expect(headerRecord(headerLines(raw))).toEqual(headerRecord(raw));
        const asArray = new Journal();
        const asText = new Journal();
        asArray.add({ ...entry('a'), request: { headers: raw } });
        asText.add({ ...entry('a'), request: { headers: headerLines(raw) } });
        expect(asText.size.bytes).toBe(asArray.size.bytes);
        expect(asText.query()[0].request.headers).toEqual(asArray.query()[0].request.headers);
      }),
    );
  });
});

describe('request headers journaled from a socket', () => {
  it('records each request its own lines, whether they repeat the previous request or not', async () => {
    const { Twin } = await import('../../src/core/twin.js');
    const { listen } = await import('../../src/server/node.js');
    const { petsDefinition } = await import('./fixture-twin.js');
    const l = await listen(new Twin(petsDefinition()));
    try {
      const get = (headers: Record<string, string>) => fetch(`${l.url}/t/h/v1/pets`, { headers: { authorization: 'Key key-h', ...headers } }).then((r) => r.text());
      await get({ 'x-trace': 'one' });
      await get({ 'x-trace': 'one' });
      await get({ 'x-trace': 'two' });
      await get({ 'x-trace': 'one' });
      const seen = l.twin.journal.query({ tenant: 'h' }).map((e) => e.request.headers['x-trace']);
      expect(seen).toEqual(['one', 'one', 'two', 'one']);
      expect(l.twin.journal.query({ tenant: 'h' })[0].request.headers.authorization).toBe('Key [redacted]');
    } finally {
      await l.close();
    }
  });
});

describe('what an entry keeps of the previous one', () => {
  // Entries made of a few texts each, so consecutive ones often repeat a path, query, header set or body.
  const pick = <T>(xs: T[]) => fc.constantFrom(...xs);
  const headerSets: Array<Record<string, string>> = [{ 'content-type': 'application/json' }, { 'content-type': 'application/json', 'x-id': 'a1' }, { 'x-id': 'a1' }, {}];
  const input = fc.record({
    time: fc.oneof(fc.integer({ min: -4e12, max: 4e12 }), fc.double({ min: -4e12, max: 4e12, noNaN: true }), fc.constant('2024-01-01T00:00:00.000Z')),
    durationMs: fc.oneof(fc.integer({ min: 0, max: 1e9 }).map((n) => n / 100), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 5e9 })),
    path: pick(['/v1/pets', '/v1/pets/1', '/v1/p' + 'ets']),
    query: pick(['', '?a=1', '?a=' + '1']),
    reqLines: pick(['host\nx\naccept\n*/*', 'host\nx', 'host\n' + 'x']),
    resHeaders: pick(headerSets.map((_h, i) => i)),
    body: pick(['{"a":1}', '{"a":2}', '{"a"' + ':1}', 'a=1&b=2']),
  });

  it('reads back every field as given, whatever it shares with the entry before (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 30 }), (xs) => {
        const j = new Journal({}, false);
        for (const x of xs) {
          // Each entry its own copies of the texts (as a socket makes them), so sharing is the journal's doing.
          const copy = (t: string) => JSON.parse(JSON.stringify(t)) as string;
          j.add({
            ...entry('a'),
            time: x.time,
            durationMs: x.durationMs,
            path: copy(x.path),
            query: copy(x.query),
            request: { headers: copy(x.reqLines), body: StoredBody.text(x.body.startsWith('{') ? 'json' : 'form', copy(x.body)) },
            response: { headers: { ...headerSets[x.resHeaders] }, body: StoredBody.text('json', copy(x.body.startsWith('{') ? x.body : '{}')) },
          });
        }
        const read = j.query();
        xs.forEach((x, i) => {
          const e = read[i];
          expect(e.time).toBe(typeof x.time === 'number' ? new Date(x.time).toISOString() : x.time);
          expect(e.durationMs).toBe(x.durationMs);
          expect([e.path, e.query]).toEqual([x.path, x.query]);
          expect(e.request.headers).toEqual(headerRecord(x.reqLines));
          expect(e.response.headers).toEqual(headerSets[x.resHeaders]);
          expect(e.request.body).toEqual(x.body.startsWith('{') ? JSON.parse(x.body) : { a: '1', b: '2' });
          expect(e.response.body).toEqual(JSON.parse(x.body.startsWith('{') ? x.body : '{}'));
        });
      }),
    );
  });

  it('keeps a text, header set or body equal to the previous entry\'s as that entry\'s own copy', () => {
    const j = new Journal();
    const make = (n: string) => ({
      ...entry('a'),
      path: `/v1/pets/${n}`,
      request: { headers: `host\nx${n}`, body: undefined },
      response: { headers: { 'content-type': `application/json${n}` }, body: StoredBody.text('json', `{"n":${n}}`) },
    });
    j.add(make('1'));
    j.add(make(['1'][0]));
    j.add(make('2'));
    const kept = (j as unknown as { entries: Array<Record<string, unknown>> }).entries;
    for (const k of ['path', 'requestHeaders', 'responseHeaders', 'response']) {
      expect(kept[1][k], k).toBe(kept[0][k]);
      expect(kept[2][k], k).not.toBe(kept[1][k]);
    }
  });
});
