/** Drive's change log bound (`--log-entries`): the oldest changes leave first, and a page token from before them is refused as an invalid pageToken (https://google.aip.dev/158: page tokens may expire). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../../src/server/node.js';
import { createVendorTwin } from '../../src/vendors.js';
import { freshTenant } from './helpers.js';

let l: Listening;
beforeAll(async () => {
  l = await listen(await createVendorTwin('google', { retention: { logEntries: 3 } }), { port: 0 });
});
afterAll(async () => {
  await l.close();
});

describe('change log bound', () => {
  it('keeps the newest changes, and answers a token older than them with 400 invalid pageToken', async () => {
    const { name, creds, base } = await freshTenant(l);
    const h = { authorization: `Bearer ${creds.accessToken}`, 'content-type': 'application/json' };
    const token = async () => (await (await fetch(`${base}/drive/v3/changes/startPageToken`, { headers: h })).json()).startPageToken as string;
    const start = await token();
    const made: string[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) {
      tokens.push(await token());
      made.push((await (await fetch(`${base}/drive/v3/files`, { method: 'POST', headers: h, body: JSON.stringify({ name: `f${i}.txt` }) })).json()).id);
    }
    expect(l.twin.tenant(name).collection('/drive/v3/changes').size).toBe(3);
    const list = async (t: string) => {
      const res = await fetch(`${base}/drive/v3/changes?pageToken=${t}`, { headers: h });
      return { status: res.status, body: await res.json() };
    };
    // The token taken before the third file still lists every change after it: f2, f3 and f4.
    const ok = await list(tokens[2]);
    expect(ok.status).toBe(200);
    expect(ok.body.changes.map((c: any) => c.fileId)).toEqual(made.slice(2));
    // Tokens from before the dropped changes (f0's and f1's) would miss them: refused, as Drive refuses a bad token.
    for (const t of [start, tokens[1]]) {
      const bad = await list(t);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 400, message: 'Invalid Value', errors: [{ reason: 'invalid', location: 'pageToken' }] });
    }
  });
});
