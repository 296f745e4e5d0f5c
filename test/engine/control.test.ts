import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Twin } from '../../src/core/twin.js';
import { Clock } from '../../src/core/clock.js';
import { readPersistedTenant } from '../../src/core/registry.js';
import { listen, type Listening } from '../../src/server/node.js';
import { petsDefinition } from './fixture-twin.js';

const open: Listening[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

function client(twin: Twin, tenant = 'default') {
  const base = `http://pets.test/t/${tenant}`;
  return {
    api: (method: string, path: string, body?: unknown) =>
      twin.fetch(new Request(`${base}${path}`, { method, headers: { authorization: `Key key-${tenant}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })),
    control: async (method: string, path: string, body?: unknown) => {
      const res = await twin.fetch(new Request(`${base}/_dtu/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }));
      return { status: res.status, body: await res.json() };
    },
  };
}

describe('control plane', () => {
  it('reports health, credentials, coverage and its own OpenAPI document', async () => {
    const twin = new Twin(petsDefinition());
    const { control } = client(twin, 'acme');
    expect((await control('GET', 'health')).body).toMatchObject({ ok: true, twin: 'pets', operations: 13 });
    expect((await control('GET', 'credentials')).body).toEqual({ baseUrl: 'http://pets.test/t/acme', key: 'key-acme' });
    expect((await control('GET', 'coverage')).body).toMatchObject({ handwritten: 1, inferred: 10 });
    const doc = (await control('GET', 'openapi.json')).body;
    expect(Object.keys(doc.paths)).toContain('/_dtu/faults');
    const withExtra = new Twin(petsDefinition({ control: (app) => app.post('/_dtu/pets/act/:petId/feed', (c) => c.json({ ok: true })) }));
    const extra = await (await withExtra.fetch(new Request('http://pets.test/_dtu/openapi.json'))).json();
    expect(extra.paths['/_dtu/pets/act/{petId}/feed'].post).toMatchObject({ operationId: 'postDtuPetsActPetIdFeed', tags: ['pets'] });
    expect((await control('GET', 'nope')).status).toBe(404);
  });

  it('resets a tenant to its fixture, and snapshots/restores state and random position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtu-'));
    const fixture = join(dir, 'pets.json');
    writeFileSync(fixture, JSON.stringify({ pets: [{ name: 'Seeded' }] }));
    const twin = new Twin(petsDefinition(), { fixture });
    const { api, control } = client(twin, 'snap');
    expect((await (await api('GET', '/v1/pets')).json()).map((p: { name: string }) => p.name)).toEqual(['Seeded']);
    const snap = (await control('GET', 'snapshot')).body;
    const afterSnap = await (await api('POST', '/v1/pets', { name: 'A' })).json();
    await control('POST', 'restore', snap);
    const again = await (await api('POST', '/v1/pets', { name: 'A' })).json();
    expect(again.id).toBe(afterSnap.id); // same random position after restore
    expect((await (await api('GET', '/v1/pets')).json()).length).toBe(2);
    await control('POST', 'reset');
    expect((await (await api('GET', '/v1/pets')).json()).map((p: { name: string }) => p.name)).toEqual(['Seeded']);
    expect((await control('POST', 'restore', { tenants: 'x' })).status).toBe(400);
  });

  it('re-seeds a tenant from a posted fixture', async () => {
    const twin = new Twin(petsDefinition());
    const { api, control } = client(twin, 'seedme');
    expect((await control('POST', 'seed', { fixture: { pets: [{ name: 'One' }, { name: 'Two' }] } })).body).toEqual({ ok: true, seeded: 'seedme' });
    expect((await (await api('GET', '/v1/pets')).json()).length).toBe(2);
    expect((await control('POST', 'seed', {})).status).toBe(400);
  });

  it('injects errors and outages in the vendor format, by operation and count', async () => {
    const twin = new Twin(petsDefinition());
    const { api, control } = client(twin, 'faulty');
    const rule = (await control('POST', 'faults', { kind: 'error', operation: 'list*', status: 503, count: 2 })).body;
    expect(rule).toMatchObject({ id: expect.any(String), kind: 'error', tenant: 'faulty' });
    expect((await api('GET', '/v1/pets')).status).toBe(503);
    expect((await api('GET', '/v1/pets')).status).toBe(503);
    expect((await api('GET', '/v1/pets')).status).toBe(200);
    await control('POST', 'faults', { kind: 'outage' });
    expect(await (await api('GET', '/v1/pets/me')).json()).toMatchObject({ code: 'outage' });
    await control('DELETE', 'faults');
    expect((await api('GET', '/v1/pets/me')).status).toBe(200);
    expect((await control('POST', 'faults', { kind: 'explode' })).status).toBe(400);
  });

  it('always sends rate-limit headers and rejects with 429 only when enforcement is on', async () => {
    const twin = new Twin(petsDefinition(), { clock: new Clock(() => 1_700_000_000_000) });
    const { api, control } = client(twin, 'rl');
    for (let i = 0; i < 4; i++) expect((await api('GET', '/v1/pets')).status).toBe(200);
    await control('PUT', 'ratelimits', { enforce: true });
    await control('POST', 'reset');
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await api('GET', '/v1/pets');
      statuses.push([res.status, res.headers.get('x-remaining')]);
    }
    expect(statuses).toEqual([[200, '2'], [200, '1'], [200, '0'], [429, '0']]);
    await control('POST', 'clock', { advanceMs: 60_000 });
    expect((await api('GET', '/v1/pets')).status).toBe(200);
    expect((await control('PUT', 'ratelimits', { scale: -1 })).status).toBe(400);
  });

  it('freezes and advances the clock that stamps resources', async () => {
    const twin = new Twin(petsDefinition());
    const { api, control } = client(twin, 'clock');
    await control('POST', 'clock', { freeze: '2031-05-01T10:00:00Z' });
    expect((await api('POST', '/v1/pets', { name: 'x' }).then((r) => r.json())).created).toBe('2031-05-01T10:00:00.000Z');
    expect((await control('POST', 'clock', { advanceMs: 1500 })).body).toMatchObject({ now: '2031-05-01T10:00:01.500Z', frozen: true });
    expect((await control('POST', 'clock', { set: 'not a date' })).status).toBe(400);
  });

  it('journals every exchange and streams new ones over SSE', async () => {
    const twin = new Twin(petsDefinition());
    const l = await listen(twin);
    open.push(l);
    const res = await fetch(`${l.url}/t/j/_dtu/journal/stream`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    await fetch(`${l.url}/t/j/v1/pets`, { headers: { authorization: 'Key key-j' } });
    let text = '';
    const dec = new TextDecoder();
    while (!text.includes('event: exchange')) text += dec.decode((await reader.read()).value);
    await reader.cancel();
    while (!text.includes('\n\n', text.indexOf('event: exchange'))) text += dec.decode((await reader.read().catch(() => ({ value: undefined }))).value);
    const data = JSON.parse(/event: exchange\ndata: (.*)\n/.exec(text)![1]);
    expect(data).toMatchObject({ tenant: 'j', operationId: 'listPets', status: 200, request: { headers: { authorization: 'Key [redacted]' } } });
    const journal = await (await fetch(`${l.url}/t/j/_dtu/journal?operationId=listPets`)).json();
    expect(journal.entries).toHaveLength(1);
  });
});

describe('persistence', () => {
  it('survives a restart from --data-dir, written atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtu-data-'));
    const first = new Twin(petsDefinition(), { dataDir: dir });
    const { api } = client(first, 'keep');
    const pet = await (await api('POST', '/v1/pets', { name: 'Durable' })).json();
    await first.close();
    const file = join(dir, 'pets', 'keep.json');
    expect(existsSync(file)).toBe(true);
    expect(readPersistedTenant(file).collections['/v1/pets'][0].name).toBe('Durable');
    const second = new Twin(petsDefinition(), { dataDir: dir });
    expect(second.registry.names()).toContain('keep');
    const again = await (await client(second, 'keep').api('GET', `/v1/pets/${pet.id}`)).json();
    expect(again).toEqual(pet);
    const next = await (await client(second, 'keep').api('POST', '/v1/pets', { name: 'n' })).json();
    expect(next.id).not.toBe(pet.id);
  });

  it('has every acknowledged write on disk when its response arrives, even when writes overlap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtu-data-'));
    const twin = new Twin(petsDefinition(), { dataDir: dir });
    const { api } = client(twin, 'burst');
    const file = join(dir, 'pets', 'burst.json');
    // What a restart reads: the tenant's whole file and its log of later writes.
    const onDisk = () => new Set((readPersistedTenant(file).collections['/v1/pets'] as Array<{ id: string }>).map((p) => p.id));
    const created = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const pet = (await (await api('POST', '/v1/pets', { name: `p${i}` })).json()) as { id: string };
        // Read the file as soon as this response is in hand: the pet must already be there.
        expect(onDisk().has(pet.id)).toBe(true);
        return pet.id;
      }),
    );
    expect(new Set(created).size).toBe(40);
    await twin.close();
  });
});
