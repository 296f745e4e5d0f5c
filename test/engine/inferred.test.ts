// The inferred layer serves genuine CRUD only: actions, RPC calls, singletons and reads of collections nothing writes answer 501; entity properties are {key, value}.
import { describe, expect, it } from 'vitest';
import type { Digest, JsonSchema, OperationDigest } from '../../src/core/digest.js';
import { Inference } from '../../src/core/inferred.js';
import { Twin } from '../../src/core/twin.js';
import { petsDefinition } from './fixture-twin.js';

const json = (schema: object) => ({ 'application/json': { schema: schema as JsonSchema } });
const obj = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } };
const list = { type: 'array', items: obj };
const idParam = (name: string) => ({ name, in: 'path' as const, required: true, schema: { type: 'string' } });
const op = (id: string, method: OperationDigest['method'], path: string, extra: Partial<OperationDigest> = {}): OperationDigest => ({
  id,
  method,
  path,
  parameters: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => idParam(m[1])),
  responses: { '200': { content: json(method === 'get' && !/\}$/.test(path) ? list : obj) } },
  ...(['post', 'put', 'patch'].includes(method) ? { requestBody: { required: true, content: json(obj) } } : {}),
  ...extra,
});

function served(operations: OperationDigest[], handwritten: string[] = []): string[] {
  const inf = new Inference({ operations, schemas: {} } as unknown as Digest, {}, new Set(handwritten));
  return operations.filter((o) => !handwritten.includes(o.id) && inf.handlerFor(o)).map((o) => o.id);
}

describe('what the inferred layer serves', () => {
  it('collection/item CRUD on one key space', () => {
    const ops = [op('createWidget', 'post', '/api/v1/widgets'), op('listWidgets', 'get', '/api/v1/widgets'), op('getWidget', 'get', '/api/v1/widgets/{widgetId}'), op('replaceWidget', 'put', '/api/v1/widgets/{widgetId}'), op('deleteWidget', 'delete', '/api/v1/widgets/{widgetId}')];
    expect(served(ops)).toEqual(['createWidget', 'listWidgets', 'getWidget', 'replaceWidget', 'deleteWidget']);
  });

  it('never actions or RPC-style POSTs, whatever their shape', () => {
    const ops = [
      op('createWidget', 'post', '/api/v1/widgets'),
      op('activateWidget', 'post', '/api/v1/widgets/{widgetId}/lifecycle/activate'),
      op('createWidgetSearch', 'post', '/api/v1/widgets/search'),
      op('bulkCreateWidgets', 'post', '/api/v1/widgets/bulk'),
      op('createVerification', 'post', '/api/v1/widgets/{widgetId}/verify'),
      op('createRotation', 'post', '/api/v1/widgets/{widgetId}/keys/rotate'),
      op('createWorkflows', 'post', '/api/v1/workflows/create'),
      op('sendNotification', 'post', '/api/v1/notifications'),
    ];
    expect(served(ops)).toEqual(['createWidget']);
  });

  it('never singleton GETs (settings, license, configuration, current)', () => {
    const ops = [op('getOrgSettings', 'get', '/api/v1/org/settings'), op('getLicense', 'get', '/api/v1/license'), op('getCurrentUser', 'get', '/api/v1/users/current'), op('replaceOrgSettings', 'put', '/api/v1/org/settings/{name}')];
    expect(served(ops)).toEqual([]);
  });

  it('never reads of a collection nothing writes; a hand-written write on the same path counts', () => {
    const ops = [op('listDevices', 'get', '/api/v1/devices'), op('getDevice', 'get', '/api/v1/devices/{deviceId}'), op('listGroups', 'get', '/api/v1/groups'), op('getGroup', 'get', '/api/v1/groups/{id}'), op('createGroup', 'post', '/api/v1/groups')];
    expect(served(ops)).toEqual(['listGroups', 'getGroup', 'createGroup']);
    expect(served(ops, ['createGroup'])).toEqual(['listGroups', 'getGroup']);
    expect(served(ops.slice(0, 4))).toEqual([]);
  });

  it('never an operation whose required query parameter picks part of the key space', () => {
    const q = { name: 'accountId', in: 'query' as const, required: true, schema: { type: 'string' } };
    const ops = [op('setUserProperty', 'put', '/api/v1/user/properties/{propertyKey}'), op('getUserProperty', 'get', '/api/v1/user/properties/{propertyKey}')];
    for (const o of ops) o.parameters.push(q);
    expect(served(ops)).toEqual([]);
  });
});

describe('entity properties', () => {
  const keys = { type: 'object', properties: { keys: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, self: { type: 'string' } } } } } };
  const prop = { type: 'object', properties: { key: { type: 'string' }, value: {} } };
  const ops: OperationDigest[] = [
    { id: 'createPet', method: 'post', path: '/v1/pets', parameters: [], requestBody: { required: true, content: json(obj) }, responses: { '201': { content: json(obj) } } },
    { id: 'getPetPropertyKeys', method: 'get', path: '/v1/pets/{petIdOrName}/properties', parameters: [idParam('petIdOrName')], responses: { '200': { content: json(keys) } } },
    { id: 'setPetProperty', method: 'put', path: '/v1/pets/{petIdOrName}/properties/{propertyKey}', parameters: [idParam('petIdOrName'), idParam('propertyKey')], requestBody: { required: true, content: json({}) }, responses: { '200': { content: json({}) }, '201': { content: json({}) } } },
    { id: 'getPetProperty', method: 'get', path: '/v1/pets/{petIdOrName}/properties/{propertyKey}', parameters: [idParam('petIdOrName'), idParam('propertyKey')], responses: { '200': { content: json(prop) } } },
    { id: 'deletePetProperty', method: 'delete', path: '/v1/pets/{petIdOrName}/properties/{propertyKey}', parameters: [idParam('petIdOrName'), idParam('propertyKey')], responses: { '204': {} } },
  ];

  it('stores any JSON value under its key and answers {key, value}; a name and an id address one record', async () => {
    const base = petsDefinition();
    const twin = new Twin({
      ...base,
      digest: { ...base.digest, operations: [...base.digest.operations.filter((o) => o.id === 'whoami'), ...ops] },
      inference: {
        ...base.inference,
        // The pet named "rex" is the pet with that id: both spellings are one key space.
        canonicalParam: (t, name, value) => (name === 'petIdOrName' ? (t.collection('/v1/pets').find((p) => p.name === value)?.id ?? value) : value),
      },
    });
    const key = `key-acme`;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await twin.fetch(new Request(`http://pets.test/t/acme${path}`, { method, headers: { authorization: `Key ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) }));
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const pet = (await call('POST', '/v1/pets', { name: 'rex' })).body;
    expect((await call('PUT', `/v1/pets/${pet.id}/properties/colour`, { shade: 'brown', tags: [1, 2] })).status).toBe(201);
    expect((await call('PUT', '/v1/pets/rex/properties/colour', ['black'])).status).toBe(200);
    expect((await call('GET', `/v1/pets/${pet.id}/properties/colour`)).body).toEqual({ key: 'colour', value: ['black'] });
    expect((await call('GET', '/v1/pets/rex/properties')).body).toEqual({ keys: [{ key: 'colour', self: `http://pets.test/t/acme/v1/pets/rex/properties/colour` }] });
    expect((await call('DELETE', '/v1/pets/rex/properties/colour')).status).toBe(204);
    expect((await call('GET', `/v1/pets/${pet.id}/properties/colour`)).status).toBe(404);
    await twin.close();
  });
});
