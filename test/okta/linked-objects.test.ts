import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { newUser, sswsOrg, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(() => server.close());

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('linked objects (developer.okta.com "Linked Objects API")', () => {
  it('links an associated user to a primary, reads it from both sides and unlinks it', async () => {
    const o = await sswsOrg(server, 'linked');
    const def = await o.raw('/api/v1/meta/schemas/user/linkedObjects', json({
      primary: { name: 'manager', title: 'Manager', type: 'USER' },
      associated: { name: 'subordinate', title: 'Subordinate', type: 'USER' },
    }));
    expect(def.status).toBe(201);
    const boss = await (await o.raw('/api/v1/users?activate=true', json(newUser('boss@example.com')))).json();
    const report = await (await o.raw('/api/v1/users?activate=true', json(newUser('report@example.com')))).json();

    const put = await o.raw(`/api/v1/users/${report.id}/linkedObjects/manager/${boss.id}`, { method: 'PUT' });
    expect(put.status).toBe(204);
    const managers = await (await o.raw(`/api/v1/users/${report.id}/linkedObjects/manager`)).json();
    expect(managers.map((l: { _links: { self: { href: string } } }) => l._links.self.href)).toEqual([`${o.base}/api/v1/users/${boss.id}`]);
    const subordinates = await (await o.raw(`/api/v1/users/${boss.id}/linkedObjects/subordinate`)).json();
    expect(subordinates).toHaveLength(1);

    const wrongSide = await o.raw(`/api/v1/users/${report.id}/linkedObjects/subordinate/${boss.id}`, { method: 'PUT' });
    expect(wrongSide.status).toBe(400);
    expect((await o.raw(`/api/v1/users/${report.id}/linkedObjects/manager`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await o.raw(`/api/v1/users/${report.id}/linkedObjects/manager`)).json()).toEqual([]);
  });
});
