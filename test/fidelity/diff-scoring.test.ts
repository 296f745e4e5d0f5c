// dtu diff scoring on recordings made here (the Okta SDK through the recording proxy to a small twin), varied the way live corpora vary:
// vcrpy JSON, schemeless Authorization, recorded auth failures, empty lists, different errors, reused ids, unrouted requests, and --dir aggregates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import okta from '@okta/okta-sdk-nodejs';
import { Twin } from '../../src/core/twin.js';
import { listen, type Listening } from '../../src/server/node.js';
import { startRecorder } from '../../src/fidelity/recorder.js';
import { loadRecording, parseRecording } from '../../src/fidelity/recording.js';
import { replay } from '../../src/fidelity/replay.js';
import { SHAPE_KINDS } from '../../src/fidelity/compare.js';
import { replayCorpus } from '../../src/fidelity/corpus.js';
import type { RecordedExchange, Recording } from '../../src/fidelity/exchange.js';
import { renderParity } from '../../src/fidelity/parity-md.js';
import { summarizeSuite } from '../../src/fidelity/suite-summary.js';
import { miniOktaDefinition } from './helpers/mini-okta.js';

let dir: string;
let upstream: Listening;
let recording: Recording;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dtu-diff-scoring-'));
  upstream = await listen(new Twin(miniOktaDefinition()));
  origin = `${upstream.url}/t/rec-1`;
  const creds = (await (await fetch(`${origin}/_dtu/credentials`)).json()) as { token: string };
  const file = join(dir, 'groups.har');
  const rec = await startRecorder({ upstream: origin, out: file, vendor: 'okta' });
  const c = new okta.Client({ orgUrl: rec.url, token: creds.token, cacheMiddleware: null });
  const a = await c.groupApi.createGroup({ group: { profile: { name: 'Alpha' } } });
  await c.groupApi.getGroup({ groupId: a.id! });
  await c.groupApi.deleteGroup({ groupId: a.id! });
  await c.groupApi.getGroup({ groupId: a.id! }).catch(() => undefined); // 404 E0000007
  const bad = new okta.Client({ orgUrl: rec.url, token: 'not-the-token', cacheMiddleware: null });
  await bad.groupApi.getGroup({ groupId: a.id! }).catch(() => undefined); // 401 E0000011
  await rec.close();
  recording = loadRecording(file);
  expect(recording.exchanges.map((x) => x.response.status)).toEqual([200, 200, 204, 404, 401]);
}, 30_000);
afterAll(async () => {
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The recording as a vcrpy cassette (the live host instead of the twin's), with edits applied to copies of its exchanges. */
function cassette(edit: (xs: RecordedExchange[]) => RecordedExchange[] = (xs) => xs): Record<string, unknown> {
  const live = (s: string) => s.split(origin).join('https://test.okta.com');
  const xs = edit(structuredClone(recording.exchanges));
  return {
    version: 1,
    interactions: xs.map((x) => ({
      request: { method: x.request.method, uri: live(x.request.url), body: x.request.body ?? null, headers: Object.fromEntries(Object.entries(x.request.headers).map(([k, v]) => [k, [v]])) },
      response: { status: { code: x.response.status, message: '' }, headers: Object.fromEntries(Object.entries(x.response.headers).map(([k, v]) => [k, [live(v)]])), body: { string: live(x.response.body ?? '') } },
    })),
  };
}

const replayed = (doc: unknown, name = 'groups.json') => replay(parseRecording(JSON.stringify(doc, null, 4), name), { definition: miniOktaDefinition() });

describe('dtu diff scoring', () => {
  it('reads vcrpy cassettes serialized as JSON, and a recorded auth failure replays with a bad credential so the failures are compared', async () => {
    const r = await replayed(cassette());
    expect(r.format).toBe('vcrpy');
    expect(r.exchanges.map((x) => [x.status.recorded, x.status.twin])).toEqual([[200, 200], [200, 200], [204, 204], [404, 404], [401, 401]]);
    expect(r.score).toBe(1);
  });

  it('an Authorization header recorded without a scheme (`<ACCESS_TOKEN>`) still replays authenticated', async () => {
    const r = await replayed(cassette((xs) => xs.slice(0, 4).map((x) => ({ ...x, request: { ...x.request, headers: { ...x.request.headers, authorization: '<ACCESS_TOKEN>' } } }))));
    expect(r.exchanges.map((x) => x.status.twin)).toEqual([200, 200, 204, 404]);
    expect(r.score).toBe(1);
  });

  it('a different error under the same status is a mismatch (Okta errorCode)', async () => {
    const r = await replayed(cassette((xs) => xs.map((x) => (x.response.status === 404 ? { ...x, response: { ...x.response, body: x.response.body!.replace('E0000007', 'E0000008') } } : x))));
    const notFound = r.exchanges[3];
    expect(notFound.match).toBe(false);
    expect(notFound.diffs.filter((d) => SHAPE_KINDS.includes(d.kind))).toEqual([{ kind: 'error', path: '$.errorCode', recorded: 'E0000008', twin: 'E0000007' }]);
  });

  it('an empty list where the recording had items is a mismatch, counted as pre-existing state when nothing recorded created them', async () => {
    const list: RecordedExchange = {
      request: { method: 'GET', url: `${origin}/api/v1/groups`, headers: { ...recording.exchanges[1].request.headers } },
      response: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ id: '00gPREEXISTING0000001', profile: { name: 'Old' }, objectClass: ['okta:user_group'] }]) },
    };
    const r = await replayed(cassette(() => [list]));
    expect(r.exchanges[0]).toMatchObject({ match: false, preExisting: '00gPREEXISTING0000001' });
    expect(r.exchanges[0].diffs.filter((d) => SHAPE_KINDS.includes(d.kind))).toEqual([{ kind: 'empty', path: '$', recorded: 'non-empty', twin: 'empty' }]);
  });

  it('a recorded id reused for a re-created object names the newest one; a request the twin did not journal gets its own name', async () => {
    const r = await replayed(
      cassette((xs) => {
        const [create, get, del] = xs;
        const unrouted: RecordedExchange = { request: { method: 'GET', url: `${origin}/api/v1/nowhere/00gX1234567890abcdef`, headers: { ...get.request.headers } }, response: { status: 404, headers: {} } };
        // Create, delete, create again: the recording shows the same id both times.
        return [create, del, structuredClone(create), get, unrouted];
      }),
    );
    expect(r.exchanges.map((x) => x.operationId)).toEqual(['addGroup', 'deleteGroup', 'addGroup', 'getGroup', 'unrouted GET /api/v1/nowhere/{id}']);
    expect(r.exchanges[3]).toMatchObject({ match: true, status: { recorded: 200, twin: 200 } });
  });

  it('--dir aggregates per corpus, per API area and status class, with reasons and an example each', async () => {
    const corpus = join(dir, 'corpus');
    mkdirSync(join(corpus, 'nested'), { recursive: true });
    writeFileSync(join(corpus, 'a.json'), JSON.stringify(cassette()));
    writeFileSync(join(corpus, 'nested', 'b.json'), JSON.stringify(cassette((xs) => xs.map((x) => (x.response.status === 404 ? { ...x, response: { ...x.response, status: 410 } } : x)))));
    writeFileSync(join(corpus, 'broken.yaml'), 'not: a cassette\n');
    const { corpus: c } = await replayCorpus(corpus, { vendor: 'okta', definition: () => miniOktaDefinition() });
    expect(c).toMatchObject({ corpus: 'corpus', files: 2, total: 10, matched: 9, defects: 1, preExisting: 0 });
    expect(c.unreadable.map((u) => u.file)).toEqual(['broken.yaml']);
    expect(c.byStatusClass.find((t) => t.key === '4xx')).toMatchObject({ total: 4, matched: 3 });
    expect(c.byArea).toEqual([{ key: 'groups', total: 10, matched: 9, preExisting: 0, score: 0.9 }]);
    expect(c.reasons).toEqual([{ reason: 'status 410 → 404 (getGroup)', count: 1, example: expect.objectContaining({ file: join('nested', 'b.json'), index: 4, method: 'GET' }) }]);

    // The parity writer (what `npm run parity` commits as PARITY.md) on this corpus and a suite's run.sh output.
    const suite = summarizeSuite('sdk-it', [
      'PASS test/it/a.ts: 2 passed, 0 failed, 0 skipped',
      'FAIL test/it/b.ts: 0 passed, 3 failed, 1 skipped',
      '    x B creates a key -- Okta HTTP 501 E0000060 Unsupported operation.. ',
      '    x B clones a key -- Okta HTTP 501 E0000060 Unsupported operation.. ',
      "    x B reads 00u1a2b3c4d5e6f7g8h9 -- expected 'x' to equal 'y'",
      '2 passed, 3 failed, 1 skipped',
    ].join('\n'));
    expect(suite).toMatchObject({ passed: 2, failed: 3, skipped: 1, causes: [{ count: 2, cause: 'Okta HTTP 501 E0000060 Unsupported operation..' }, { count: 1 }] });
    expect(summarizeSuite('setup-fails', 'FAIL tests/live/setup/globalSetup.ts: global setup failed, no test ran -- ServerError: 501\n0 passed, 1 failed, 0 skipped')).toMatchObject({ failed: 1, causes: [{ cause: 'ServerError: 501', tests: ['tests/live/setup/globalSetup.ts'] }] });
    const md = renderParity({ corpora: [c], suites: [suite] });
    expect(md).toContain('| corpus | 90.0% of 10 exchanges match (90.0% without pre-existing state) |');
    expect(md).toContain('| groups | 10 | 9 | 90.0% | 0 |');
    expect(md).toContain('| 1 | status 410 → 404 (getGroup) |');
    expect(md).toContain('**2 passed**, 3 failed, 1 skipped');
    expect(md).toContain('| 2 | Okta HTTP 501 E0000060 Unsupported operation.. | B creates a key; B clones a key |');
  }, 30_000);
});
