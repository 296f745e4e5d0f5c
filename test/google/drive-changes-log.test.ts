/** Drive's change log keeps one entry per file: changes.list reports only a file's latest change, so earlier ones are never read again. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { freshTenant, startTwin } from './helpers.js';

let l: Listening;
beforeAll(async () => {
  l = await startTwin();
});
afterAll(async () => {
  await l.close();
});

describe('change log', () => {
  it('a file changed many times is one change in every listing, and the log holds one entry for it', async () => {
    const { name, creds, base } = await freshTenant(l);
    const h = { authorization: `Bearer ${creds.accessToken}`, 'content-type': 'application/json' };
    const start = (await (await fetch(`${base}/drive/v3/changes/startPageToken`, { headers: h })).json()).startPageToken as string;
    const file = await (await fetch(`${base}/drive/v3/files`, { method: 'POST', headers: h, body: JSON.stringify({ name: 'v0.txt' }) })).json();
    const other = await (await fetch(`${base}/drive/v3/files`, { method: 'POST', headers: h, body: JSON.stringify({ name: 'other.txt' }) })).json();
    const tokens = [start];
    for (let i = 1; i <= 5; i++) {
      tokens.push((await (await fetch(`${base}/drive/v3/changes/startPageToken`, { headers: h })).json()).startPageToken);
      expect((await fetch(`${base}/drive/v3/files/${file.id}`, { method: 'PATCH', headers: h, body: JSON.stringify({ name: `v${i}.txt` }) })).status).toBe(200);
    }
    // From any page token, the file appears once, with its latest state (changes.list, "Retrieve changes").
    for (const token of tokens) {
      const list = await (await fetch(`${base}/drive/v3/changes?pageToken=${token}&fields=*`, { headers: h })).json();
      const mine = list.changes.filter((c: any) => c.fileId === file.id);
      expect(mine.map((c: any) => c.file.name)).toEqual(['v5.txt']);
      expect(list.changes.some((c: any) => c.fileId === other.id)).toBe(token === start);
    }
    const log = l.twin.tenant(name).collection<{ id: string; fileId: string }>('/drive/v3/changes').values().filter((c) => c.fileId === file.id);
    expect(log).toHaveLength(1);
  });
});
