// dtu diff: a recording made here (the real Okta SDK through the recording proxy to a small twin) replays at 1.0, drops below 1 when behavior changes, and known deviations excuse it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import okta from '@okta/okta-sdk-nodejs';
import { Twin } from '../../src/core/twin.js';
import { VendorError } from '../../src/core/errors.js';
import { listen, type Listening } from '../../src/server/node.js';
import { startRecorder } from '../../src/fidelity/recorder.js';
import { loadRecording, parseRecording } from '../../src/fidelity/recording.js';
import { replay } from '../../src/fidelity/replay.js';
import { renderDiffText } from '../../src/fidelity/diff-text.js';
import { parseDeviations } from '../../src/fidelity/deviations.js';
import { apiKeyQuery, authFor, slackBodyToken } from '../../src/fidelity/credentials.js';
import type { Recording } from '../../src/fidelity/exchange.js';
import { miniOktaDefinition } from './helpers/mini-okta.js';

let dir: string;
let upstream: Listening;
let recording: Recording;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dtu-diff-'));
  upstream = await listen(new Twin(miniOktaDefinition()));
  const creds = (await (await fetch(`${upstream.url}/t/rec-1/_dtu/credentials`)).json()) as { token: string };
  const file = join(dir, 'groups.har');
  const rec = await startRecorder({ upstream: `${upstream.url}/t/rec-1`, out: file, vendor: 'okta' });
  const c = new okta.Client({ orgUrl: rec.url, token: creds.token, cacheMiddleware: null });
  const a = await c.groupApi.createGroup({ group: { profile: { name: 'Alpha' } } });
  const b = await c.groupApi.createGroup({ group: { profile: { name: 'Beta', description: 'second' } } });
  await c.groupApi.getGroup({ groupId: a.id! });
  const seen: string[] = [];
  for await (const g of await c.groupApi.listGroups({ limit: 1 })) seen.push(g!.id!); // two pages: the second asks for after=<a>
  expect(seen).toEqual([a.id, b.id]);
  await c.groupApi.replaceGroup({ groupId: b.id!, group: { profile: { name: 'Beta 2' } } });
  await c.groupApi.deleteGroup({ groupId: a.id! });
  await c.groupApi.getGroup({ groupId: a.id! }).catch(() => undefined);
  await rec.close();
  recording = loadRecording(file);
}, 30_000);
afterAll(async () => {
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dtu diff (replay)', () => {
  it('scores 1.0 when the twin behaves as recorded, carrying ids and cursors the twin hands out', async () => {
    expect(recording.exchanges).toHaveLength(8);
    expect(recording.basePath).toBe('/t/rec-1');
    const r = await replay(recording, { definition: miniOktaDefinition() });
    expect(r.exchanges.filter((x) => !x.match)).toEqual([]);
    expect(r).toMatchObject({ vendor: 'okta', format: 'har', total: 8, matched: 8, score: 1 });
    // A different tenant seeds different ids: both groups' ids were carried (the `after` cursor is one of them).
    expect(r.idsCarried).toBe(2);
    const get = r.exchanges[2];
    expect(get.path).toMatch(/^\/api\/v1\/groups\/00g/);
    expect(get.replayedPath).not.toBe(get.path);
    const page2 = r.exchanges[4];
    expect(page2.path).toMatch(/after=/);
    expect(page2.replayedPath).not.toBe(page2.path);
    expect(r.exchanges.map((x) => x.operationId)).toEqual(['addGroup', 'addGroup', 'getGroup', 'listGroups', 'listGroups', 'replaceGroup', 'deleteGroup', 'getGroup']);
    expect(r.exchanges[7].status).toEqual({ recorded: 404, twin: 404 });
    // Value differences that survive normalization would mean broken identity: there are none.
    expect(r.exchanges.flatMap((x) => x.diffs)).toEqual([]);
    expect(renderDiffText(r)).toContain('fidelity 1.000 — 8 of 8 exchanges match in status and body shape');
  });

  it('reads the same traffic from a vcrpy cassette and scores the same', async () => {
    const cassette = {
      interactions: recording.exchanges.map((x) => ({
        request: { body: x.request.body ?? null, headers: Object.fromEntries(Object.entries(x.request.headers).map(([k, v]) => [k, [v]])), method: x.request.method, uri: x.request.url.replace(/^http:\/\/127\.0\.0\.1:\d+\/t\/rec-1/, 'https://test.okta.com') },
        response: { body: { string: (x.response.body ?? '').split(upstream.url + '/t/rec-1').join('https://test.okta.com') }, headers: Object.fromEntries(Object.entries(x.response.headers).map(([k, v]) => [k, [v.split(`${upstream.url}/t/rec-1`).join('https://test.okta.com')]])), status: { code: x.response.status, message: 'OK' } },
      })),
      version: 1,
    };
    const r = await replay(parseRecording(stringify(cassette), 'groups.yaml'), { definition: miniOktaDefinition() });
    expect(r).toMatchObject({ format: 'vcrpy', vendor: 'okta', score: 1 });
  });

  it('scores below 1 when the upstream behaves differently, naming the paths and statuses', async () => {
    const changed = miniOktaDefinition({
      inference: {
        pagination: 'okta-link',
        newId: (t) => `00g${t.random.hex(17)}`.slice(0, 20),
        present: (doc) => ({ ...doc, profile: undefined, profileName: (doc.profile as { name?: string })?.name }),
      },
      handlers: { deleteGroup: () => { throw new VendorError(403, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' }); } },
    });
    const r = await replay(recording, { definition: changed });
    expect(r.score).toBeLessThan(1);
    const create = r.exchanges[0];
    expect(create.match).toBe(false);
    expect(create.diffs).toEqual(expect.arrayContaining([{ kind: 'missing', path: '$.profile', recorded: 'object' }, { kind: 'extra', path: '$.profileName', twin: 'string' }]));
    expect(r.exchanges[3].diffs).toContainEqual({ kind: 'missing', path: '$[*].profile', recorded: 'object' });
    expect(r.exchanges[6]).toMatchObject({ statusMatch: false, status: { recorded: 204, twin: 403 } });
    const text = renderDiffText(r);
    expect(text).toMatch(/✗ #1 POST \/api\/v1\/groups \(addGroup\)\s+200 = 200/);
    expect(text).toContain('missing   $.profile ("object") — the twin leaves it out');
    expect(text).toContain('status    204 recorded, 403 from the twin');
  });

  it('known deviations, by JSON path and operation, excuse differences with their reason', async () => {
    const changed = miniOktaDefinition({
      inference: { pagination: 'okta-link', newId: (t) => `00g${t.random.hex(17)}`.slice(0, 20), present: (doc) => ({ ...doc, etagLike: 'x' }) },
    });
    const before = await replay(recording, { definition: changed });
    expect(before.score).toBeLessThan(1);
    const deviations = parseDeviations([
      { path: '$.etagLike', reason: 'twin-only bookkeeping field' },
      { path: '$[*].etagLike', operation: 'listGroups', reason: 'same, in lists' },
    ]);
    const after = await replay(recording, { definition: changed, deviations });
    expect(after.score).toBe(1);
    expect(after.exchanges[0].excused).toEqual([{ kind: 'extra', path: '$.etagLike', twin: 'string', reason: 'twin-only bookkeeping field' }]);
    expect(after.exchanges[3].excused[0].reason).toBe('same, in lists');
    expect(() => parseDeviations([{ path: '$.x' }])).toThrow(/reason/);
  });
});

describe('credential substitution', () => {
  const slack = { apiUrl: 'http://x/api/', botToken: 'xoxb-1-2-bot', userToken: 'xoxp-1-2-3-user', adminToken: 'xoxp-9-admin', appToken: 'xapp-1-A-app', signingSecret: 's' };
  it('keeps the recorded scheme and picks the matching twin credential', () => {
    expect(authFor('okta', 'SSWS REDACTED', { orgUrl: 'http://o', token: '00tok' })).toBe('SSWS 00tok');
    expect(authFor('okta', undefined, { token: '00tok' })).toBeUndefined(); // unauthenticated stays unauthenticated
    expect(authFor('slack', 'Bearer xoxb-REDACTED', slack)).toBe('Bearer xoxb-1-2-bot');
    expect(authFor('slack', 'Bearer xoxp-REDACTED', slack)).toBe('Bearer xoxp-1-2-3-user');
    expect(authFor('slack', 'Bearer xapp-REDACTED', slack)).toBe('Bearer xapp-1-A-app');
    const jira = { host: 'http://j', email: 'a@example.com', apiToken: 'ATATT', accessToken: 'eyJ' };
    expect(authFor('jira', 'Basic REDACTED', jira)).toBe(`Basic ${Buffer.from('a@example.com:ATATT').toString('base64')}`);
    expect(authFor('jira', 'Bearer REDACTED', jira)).toBe('Bearer eyJ');
    expect(authFor('google', 'Bearer ya29.REDACTED', { rootUrl: 'http://g/', accessToken: 'ya29.twin', refreshToken: '1//r' })).toBe('Bearer ya29.twin');
  });

  it('swaps Slack body tokens and Google API keys', () => {
    expect(slackBodyToken('slack', 'token=xoxp-REDACTED&channel=C1', undefined, slack, 'form')).toBe('token=xoxp-1-2-3-user&channel=C1');
    expect(JSON.parse(slackBodyToken('slack', '{"token":"xoxb-REDACTED","x":1}', undefined, slack, 'json'))).toEqual({ token: 'xoxb-1-2-bot', x: 1 });
    expect(apiKeyQuery('google', '/drive/v3/files?key=REDACTED&q=a', { apiKey: 'AIzaTwin' })).toBe('/drive/v3/files?key=AIzaTwin&q=a');
  });
});
