/** The System Log's entry bound (`--log-entries`): oldest events leave first, and a poll whose cursor left answers E0000029 as Okta does for an unknown cursor. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwin } from '../../src/core/twin.js';
import { listen, type Listening } from '../../src/server/node.js';
import { definition } from '../../twins/okta/index.js';
import { sswsOrg as org } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await listen(createTwin(definition(), { fixture: 'empty', retention: { logEntries: 5 } }), { port: 0 });
});
afterAll(async () => {
  await server.close();
});

describe('system log bound', () => {
  it('keeps the newest events, oldest dropped first, and refuses a cursor that was dropped', async () => {
    const o = await org(server, 'log-bound');
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await o.raw('/api/v1/groups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile: { name: `Bounded ${i}` } }) });
      expect(res.status).toBe(200);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const poll = async (query: string) => {
      const res = await o.raw(`/api/v1/logs?${query}`);
      return { status: res.status, body: (await res.json()) as any };
    };
    const all = await poll('limit=1000');
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(5);
    // The five newest group creations, in time order: the first three groups' events were dropped.
    const created = all.body.filter((e: any) => e.eventType === 'group.lifecycle.create').map((e: any) => e.target[0].id);
    expect(created).toEqual(ids.slice(-created.length));
    expect(created.length).toBeGreaterThan(0);
    // A cursor still kept pages on from there; one that was dropped is Okta's "Invalid paging request" (E0000029, HTTP 400).
    const kept = await poll(`after=${all.body[0].uuid}&limit=1000`);
    expect(kept.status).toBe(200);
    expect(kept.body.map((e: any) => e.uuid)).toEqual(all.body.slice(1).map((e: any) => e.uuid));
    const first = await poll('limit=1');
    const gone = first.body[0].uuid;
    for (let i = 0; i < 5; i++) await o.raw('/api/v1/groups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile: { name: `Later ${i}` } }) });
    const expired = await poll(`after=${gone}`);
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ errorCode: 'E0000029', errorSummary: 'Invalid paging request.' });
  });
});
