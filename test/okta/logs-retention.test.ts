/** System Log retention: Okta keeps events for 90 days (help.okta.com, System Log), on the twin clock; its own server because the test moves the clock. */
import { describe, expect, it } from 'vitest';
import { sswsOrg as org, useOkta } from './helpers.js';

const server = useOkta();

const DAY = 24 * 60 * 60 * 1000;

describe('system log retention', () => {
  it('an event older than 90 days leaves the log when a newer one is written; younger events stay', async () => {
    const o = await org(server(), 'log-retention');
    const group = async (name: string) => (await o.raw('/api/v1/groups', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile: { name } }) })).json();
    const logged = async (filter: string) => {
      const since = new Date(Date.parse((await o.control('GET', 'clock')).now) - 400 * DAY).toISOString();
      const res = await o.raw(`/api/v1/logs?since=${encodeURIComponent(since)}&filter=${encodeURIComponent(filter)}&limit=1000`);
      expect(res.status).toBe(200);
      return ((await res.json()) as Array<{ target: Array<{ id: string }> }>).map((e) => e.target[0]?.id);
    };
    const old = await group('Kept for 90 days');
    expect(await logged(`eventType eq "group.lifecycle.create" and target.id eq "${old.id}"`)).toEqual([old.id]);
    // In steps, each followed by a call: Okta expires an API token unused for 30 days.
    for (const days of [29, 29, 29, 2]) {
      await o.control('POST', 'clock', { advanceMs: days * DAY });
      expect((await o.raw('/api/v1/groups?limit=1')).status).toBe(200);
    }
    const mid = await group('Written on day 89');
    expect(await logged(`eventType eq "group.lifecycle.create" and target.id eq "${old.id}"`)).toEqual([old.id]);
    await o.control('POST', 'clock', { advanceMs: 2 * DAY });
    await group('Written on day 91');
    expect(await logged(`eventType eq "group.lifecycle.create" and target.id eq "${old.id}"`)).toEqual([]);
    expect(await logged(`eventType eq "group.lifecycle.create" and target.id eq "${mid.id}"`)).toEqual([mid.id]);
  });
});
