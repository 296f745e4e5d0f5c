import { describe, expect, it } from 'vitest';
import { Twin, type TwinDefinition } from '../../src/core/twin.js';
import { petsDefinition } from './fixture-twin.js';

let n = 0;
function setup(over: Partial<TwinDefinition> = {}) {
  const twin = new Twin(petsDefinition(over), { seed: 'test' });
  const tenant = `p${++n}`;
  const base = `http://pets.test/t/${tenant}`;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    twin.fetch(
      new Request(`${base}${path}`, {
        method,
        headers: { authorization: `Key key-${tenant}`, ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  return { twin, tenant, base, call };
}

describe('inferred resources', () => {
  it('creates, reads, patches, replaces and deletes with state kept across calls', async () => {
    const { call } = setup();
    const created = await call('POST', '/v1/pets', { name: 'Rex', kind: 'dog', owner: { name: 'Ann' } });
    expect(created.status).toBe(201);
    const pet = await created.json();
    expect(pet).toMatchObject({ name: 'Rex', kind: 'dog', id: expect.stringMatching(/^pet[0-9a-f]{8}$/) });
    expect(pet.created).toBe(pet.lastUpdated);

    expect(await (await call('GET', `/v1/pets/${pet.id}`)).json()).toEqual(pet);
    const patched = await (await call('PATCH', `/v1/pets/${pet.id}`, { owner: { name: 'Bo' } })).json();
    expect(patched).toMatchObject({ name: 'Rex', owner: { name: 'Bo' }, created: pet.created });

    const replaced = await (await call('PUT', `/v1/pets/${pet.id}`, { name: 'Max' })).json();
    expect(replaced).toMatchObject({ id: pet.id, name: 'Max', created: pet.created });
    expect(replaced.kind).toBeUndefined();

    expect((await call('DELETE', `/v1/pets/${pet.id}`)).status).toBe(204);
    const gone = await call('GET', `/v1/pets/${pet.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ code: 'not_found', detail: { id: pet.id } });
  });

  it('keeps sub-resources under their parent and requires the parent to exist', async () => {
    const { call } = setup();
    const pet = await (await call('POST', '/v1/pets', { name: 'Tom' })).json();
    expect((await call('POST', `/v1/pets/${pet.id}/toys`, { label: 'ball' })).status).toBe(200);
    expect(await (await call('GET', `/v1/pets/${pet.id}/toys`)).json()).toMatchObject([{ label: 'ball' }]);
    expect((await call('GET', '/v1/pets/nope/toys')).status).toBe(404);
    await call('DELETE', `/v1/pets/${pet.id}`);
    const again = await (await call('POST', '/v1/pets', { name: 'Tom2' })).json();
    expect(await (await call('GET', `/v1/pets/${again.id}/toys`)).json()).toEqual([]);
  });

  it('pages lists with limit/after and a Link header on the caller’s own origin and prefix', async () => {
    const { call, base } = setup();
    for (const name of ['a', 'b', 'c']) await call('POST', '/v1/pets', { name });
    const first = await call('GET', '/v1/pets?limit=2');
    const page1 = await first.json();
    expect(page1.map((p: { name: string }) => p.name)).toEqual(['a', 'b']);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next?.startsWith(`${base}/v1/pets?`)).toBe(true);
    const page2 = await (await call('GET', next!.slice(base.length))).json();
    expect(page2.map((p: { name: string }) => p.name)).toEqual(['c']);
  });

  it('answers 501 in the vendor format for operations with no behavior', async () => {
    const { call, twin } = setup();
    const res = await call('POST', '/v1/pets/x/lifecycle/feed');
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ code: 'not_implemented' });
    expect(twin.coverage()).toMatchObject({ operations: 13, handwritten: 1, notImplemented: 2, missing: ['feedPet', 'searchPets'] });
  });

  it('fills list envelopes and schema defaults for token-paged APIs', async () => {
    const { call } = setup({ inference: { pagination: 'google-token' } });
    const res = await (await call('GET', '/v1/pages?pageSize=1')).json();
    expect(res).toEqual({ kind: 'pets#list', pets: [] });
  });
});

describe('validation and bad input', () => {
  it('rejects bodies that break the schema, with the failing paths', async () => {
    const { call } = setup();
    const res = await call('POST', '/v1/pets', { kind: 'fish', age: 'old' });
    expect(res.status).toBe(400);
    const body = await res.json();
    const paths = body.detail.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['/age', '/kind', '/name']);
  });

  it('coerces query parameters to their declared types and rejects bad ones', async () => {
    const { call } = setup();
    expect((await call('GET', '/v1/pets?limit=5')).status).toBe(200);
    const bad = await call('GET', '/v1/pets?limit=zero');
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail.issues[0]).toMatchObject({ location: 'query', path: 'limit' });
  });

  it('answers malformed JSON, invalid UTF-8, oversized bodies, unknown routes and wrong methods in the vendor format', async () => {
    const { call } = setup({ bodyLimit: 1024 });
    expect((await call('POST', '/v1/pets', '{"name":', { 'content-type': 'application/json' })).status).toBe(400);
    const utf = await setup().twin.fetch(new Request('http://pets.test/v1/pets', { method: 'POST', headers: { authorization: 'Key key-default', 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }));
    expect(await utf.json()).toMatchObject({ code: 'invalid_encoding' });
    const big = await call('POST', '/v1/pets', JSON.stringify({ name: 'x'.repeat(5000) }), { 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    expect((await call('GET', '/v2/nothing')).status).toBe(404);
    const wrong = await call('PATCH', '/v1/pets');
    expect(wrong.status).toBe(405);
    expect(await wrong.json()).toMatchObject({ code: 'method_not_allowed', detail: { allowed: ['GET', 'POST'] } });
  });

  it('checks credentials before looking at a malformed body', async () => {
    const { twin } = setup();
    const res = await twin.fetch(new Request('http://pets.test/v1/pets', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Key wrong' }, body: '{bad' }));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'unauthenticated', detail: { reason: 'invalid' } });
    const missing = await twin.fetch(new Request('http://pets.test/v1/pets'));
    expect(await missing.json()).toMatchObject({ detail: { reason: 'missing' } });
  });

  it('reports a throwing handler as a twin bug, never as a vendor answer', async () => {
    const { call, twin } = setup({ handlers: { whoami: () => { throw new Error('boom'); } } });
    const res = await call('GET', '/v1/pets/me');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ dtu_twin_bug: 'boom', operationId: 'whoami' });
    expect(twin.journal.query({ operationId: 'whoami' })[0].notes?.[0]).toMatch(/^twin bug: Error: boom/);
  });
});

describe('tenants', () => {
  it('picks the tenant by path prefix, else by credential, and isolates state', async () => {
    const { twin, call, tenant } = setup();
    await call('POST', '/v1/pets', { name: 'mine' });
    twin.tenant('other');
    const byCredential = await twin.fetch(new Request('http://pets.test/v1/pets/me', { headers: { authorization: `Key key-${tenant}` } }));
    expect(await byCredential.json()).toEqual({ subject: `owner@${tenant}`, tenant });
    const other = await twin.fetch(new Request('http://pets.test/t/other/v1/pets', { headers: { authorization: 'Key key-other' } }));
    expect(await other.json()).toEqual([]);
  });

  it('produces the same ids for the same seed in a fresh twin', async () => {
    const a = setup();
    const idA = (await (await a.call('POST', '/v1/pets', { name: 'x' })).json()).id;
    const b = new Twin(petsDefinition(), { seed: 'test' });
    const idB = (await (await b.fetch(new Request(`${a.base}/v1/pets`, { method: 'POST', headers: { authorization: `Key key-${a.tenant}`, 'content-type': 'application/json' }, body: '{"name":"x"}' }))).json()).id;
    expect(idB).toBe(idA);
  });
});

describe('media types', () => {
  it('rejects a body whose media type the operation does not declare, and lets the twin widen the list', async () => {
    const { call } = setup();
    const res = await call('POST', '/v1/pets', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'unsupported_media_type', detail: { contentType: 'application/x-www-form-urlencoded' } });
    const lenient = setup({ mediaTypes: () => ['application/json', 'application/x-www-form-urlencoded'] });
    expect((await lenient.call('POST', '/v1/pets', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(201);
  });
});

describe('normalize hook', () => {
  it('lets a twin reshape arguments before validation (query and body merged, as Slack reads them)', async () => {
    const strict = setup();
    expect((await strict.call('GET', '/v1/pets?limit=oops')).status).toBe(400);
    const merged = setup({
      normalize: (_op, parts) => {
        if (parts.query.max !== undefined) parts.query.limit = parts.query.max;
        delete parts.query.max;
      },
    });
    expect((await merged.call('GET', '/v1/pets?max=oops')).status).toBe(400);
    expect((await merged.call('GET', '/v1/pets?max=2')).status).toBe(200);
  });
});

describe('hardening', () => {
  it('keeps numeric-looking path ids as strings for lookups', async () => {
    const { call, twin, tenant } = setup();
    twin.tenant(tenant).collection('/v1/pets').put({ id: '10001', name: 'numeric' });
    expect(await (await call('GET', '/v1/pets/10001')).json()).toMatchObject({ id: '10001', name: 'numeric' });
  });

  it('refuses absurdly deep JSON in the vendor format instead of overflowing the stack', async () => {
    const { call } = setup();
    const deep = `${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}`;
    const res = await call('POST', '/v1/pets', deep, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'malformed_body', detail: { detail: 'nesting depth exceeds 1000' } });
  });

  it('names the offending property of additionalProperties failures', async () => {
    const { twin } = setup();
    const issues = twin.validator.request(
      { id: 'x', method: 'post', path: '/x', parameters: [], responses: {}, requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } } } } } },
      { params: {}, query: {}, headers: new Headers(), body: { a: 'ok', zzz: 1 }, mediaType: 'application/json' },
    );
    expect(issues).toMatchObject([{ path: "/zzz", keyword: 'additionalProperties', params: { additionalProperty: 'zzz' } }]);
  });
});

describe('raw bodies', () => {
  it('hands opaque bytes to operations the twin marks raw, whatever the content type claims', async () => {
    let seen: unknown;
    const { call } = setup({ rawBody: (op) => op.id === 'createToy', handlers: { createToy: (ctx) => { seen = ctx.body; return { body: { bytes: ctx.rawBody.byteLength } }; } } });
    const pet = await (await call('POST', '/v1/pets', { name: 'p' })).json();
    const res = await call('POST', `/v1/pets/${pet.id}/toys`, '{not json', { 'content-type': 'application/json' });
    expect(await res.json()).toEqual({ bytes: 9 });
    expect(seen).toBeInstanceOf(Uint8Array);
  });
});

describe('multipart', () => {
  it('never touches the body stream of a request that frames no body (RFC 9112 §6.3)', async () => {
    const twin = new Twin(petsDefinition(), { seed: 'test' });
    const read = ['body', 'bodyUsed', 'arrayBuffer', 'text', 'json', 'formData', 'blob', 'clone'];
    const guarded = (method: string, path: string) => {
      const req = new Request(`http://pets.test${path}`, { method, headers: { authorization: 'Key key-default' } });
      return new Proxy(req, {
        get(target, key) {
          if (typeof key === 'string' && read.includes(key)) throw new Error(`${method} read ${key}`);
          const v = Reflect.get(target, key, target);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    };
    expect((await twin.fetch(guarded('GET', '/v1/pets'))).status).toBe(200);
    // Over a socket the HTTP parser framed the request, so a DELETE without Content-Length has no body to look for.
    const framed = { incoming: { rawHeaders: ['Host', 'pets.test', 'Authorization', 'Key key-default'] } };
    expect((await twin.fetch(guarded('DELETE', '/v1/pets/nope'), framed)).status).toBe(404);
    expect(twin.journal.query().every((e) => !e.notes?.some((n) => n.includes('twin bug')))).toBe(true);
  });

  it('keeps every part of a repeated field', async () => {
    let seen: any;
    const { twin, tenant } = setup({ mediaTypes: () => ['multipart/form-data'], handlers: { createToy: (ctx) => { seen = ctx.body; return { body: {} }; } } });
    twin.tenant(tenant).collection('/v1/pets').put({ id: 'p1', name: 'p' });
    const form = new FormData();
    form.append('file', new Blob(['one']), 'a.txt');
    form.append('file', new Blob(['two']), 'b.txt');
    form.append('note', 'hi');
    await twin.fetch(new Request(`http://pets.test/t/${tenant}/v1/pets/p1/toys`, { method: 'POST', headers: { authorization: `Key key-${tenant}` }, body: form }));
    expect(seen.note).toBe('hi');
    expect(seen.file.map((f: { filename: string }) => f.filename)).toEqual(['a.txt', 'b.txt']);
  });
});
