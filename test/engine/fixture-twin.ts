/** A small twin over a hand-made digest ("pets"), for testing the engine without any vendor. */
import type { Digest } from '../../src/core/digest.js';
import type { TwinDefinition } from '../../src/core/twin.js';
import { VendorError, fail, type EngineFailure } from '../../src/core/errors.js';
import type { Tenant } from '../../src/core/tenant.js';

const json = (schema: Record<string, unknown>) => ({ 'application/json': { schema } });

export const petsDigest: Digest = {
  generated: 'test fixture',
  vendor: 'pets',
  sources: [{ package: 'test', version: '0', file: 'inline' }],
  overlays: [],
  schemas: {
    Pet: {
      type: 'object',
      required: ['name'],
      properties: {
        id: { type: 'string', readOnly: true },
        name: { type: 'string', minLength: 1 },
        kind: { type: 'string', enum: ['cat', 'dog'] },
        age: { type: 'integer', minimum: 0 },
        tags: { type: 'array', items: { type: 'string' } },
        created: { type: 'string', format: 'date-time' },
        lastUpdated: { type: 'string', format: 'date-time' },
        owner: { $ref: '#/schemas/Owner' },
      },
    },
    Owner: { type: 'object', properties: { name: { type: 'string' } } },
    Toy: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' } } },
    PetPage: { type: 'object', properties: { kind: { type: 'string', default: 'pets#list' }, pets: { type: 'array', items: { $ref: '#/schemas/Pet' } }, nextPageToken: { type: 'string' } } },
  },
  securitySchemes: {},
  operations: [
    { id: 'listPets', method: 'get', path: '/v1/pets', parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } }, { name: 'after', in: 'query', required: false, schema: { type: 'string' } }], responses: { '200': { content: json({ type: 'array', items: { $ref: '#/schemas/Pet' } }) } } },
    { id: 'createPet', method: 'post', path: '/v1/pets', parameters: [], requestBody: { required: true, content: json({ $ref: '#/schemas/Pet' }) }, responses: { '201': { content: json({ $ref: '#/schemas/Pet' }) } } },
    { id: 'getPet', method: 'get', path: '/v1/pets/{petId}', parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { content: json({ $ref: '#/schemas/Pet' }) } } },
    { id: 'replacePet', method: 'put', path: '/v1/pets/{petId}', parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }], requestBody: { required: true, content: json({ $ref: '#/schemas/Pet' }) }, responses: { '200': { content: json({ $ref: '#/schemas/Pet' }) } } },
    { id: 'patchPet', method: 'patch', path: '/v1/pets/{petId}', parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }], requestBody: { required: true, content: json({ type: 'object', properties: { name: { type: 'string' }, owner: { $ref: '#/schemas/Owner' } } }) }, responses: { '200': { content: json({ $ref: '#/schemas/Pet' }) } } },
    { id: 'deletePet', method: 'delete', path: '/v1/pets/{petId}', parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': {} } },
    { id: 'listToys', method: 'get', path: '/v1/pets/{petId}/toys', parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { content: json({ type: 'array', items: { $ref: '#/schemas/Toy' } }) } } },
    { id: 'createToy', method: 'post', path: '/v1/pets/{petId}/toys', parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }], requestBody: { required: true, content: json({ $ref: '#/schemas/Toy' }) }, responses: { '200': { content: json({ $ref: '#/schemas/Toy' }) } } },
    { id: 'feedPet', method: 'post', path: '/v1/pets/{petId}/lifecycle/feed', parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { content: json({ $ref: '#/schemas/Pet' }) } } },
    { id: 'searchPets', method: 'get', path: '/v1/pets:search', parameters: [], responses: { '200': { content: json({ $ref: '#/schemas/PetPage' }) } } },
    { id: 'whoami', method: 'get', path: '/v1/pets/me', parameters: [], responses: { '200': { content: json({ type: 'object' }) } } },
    { id: 'listPage', method: 'get', path: '/v1/pages', parameters: [{ name: 'pageSize', in: 'query', required: false, schema: { type: 'integer' } }, { name: 'pageToken', in: 'query', required: false, schema: { type: 'string' } }], responses: { '200': { content: json({ $ref: '#/schemas/PetPage' }) } } },
    { id: 'createPage', method: 'post', path: '/v1/pages', parameters: [], requestBody: { required: true, content: json({ $ref: '#/schemas/Toy' }) }, responses: { '200': { content: json({ $ref: '#/schemas/Toy' }) } } },
  ],
};

/** Errors in a made-up vendor format that is easy to assert on: `{ code, message }`. */
export function renderPetsFailure(f: EngineFailure): VendorError {
  const status: Record<EngineFailure['kind'], number> = {
    route_not_found: 404, method_not_allowed: 405, malformed_body: 400, unsupported_media_type: 415, body_too_large: 413,
    invalid_encoding: 400, validation: 400, unauthenticated: 401, forbidden: 403, not_implemented: 501, rate_limited: 429,
    fault: 0, outage: 503, not_found: 404,
  };
  const s = f.kind === 'fault' ? f.status : status[f.kind];
  const headers: Record<string, string> = f.kind === 'rate_limited' ? { 'retry-after': String(f.retryAfterSec) } : {};
  return new VendorError(s, { code: f.kind, detail: f }, headers);
}

export function petsDefinition(overrides: Partial<TwinDefinition> = {}): TwinDefinition {
  return {
    name: 'pets',
    title: 'Pets (test)',
    digest: petsDigest,
    handlers: {
      whoami: (ctx) => ({ body: { subject: ctx.principal.subject, tenant: ctx.tenant.name } }),
    },
    inference: {
      pagination: 'okta-link',
      newId: (t: Tenant) => `pet${t.random.hex(8)}`,
    },
    renderFailure: renderPetsFailure,
    authenticate: ({ req, tenant }) => {
      const h = req.headers.get('authorization');
      if (!h) return fail({ kind: 'unauthenticated', reason: 'missing' });
      const m = /^Key (\S+)$/.exec(h);
      if (!m) return fail({ kind: 'unauthenticated', reason: 'malformed' });
      if (m[1] !== tenant.meta('key', () => `key-${tenant.name}`)) return fail({ kind: 'unauthenticated', reason: 'invalid' });
      return { kind: 'Key', subject: `owner@${tenant.name}`, token: m[1] };
    },
    credentialOf: (req) => /^Key (\S+)$/.exec(req.headers.get('authorization') ?? '')?.[1],
    credentialValues: (t) => [t.meta('key', () => `key-${t.name}`)],
    populate: (tenant, fixture) => {
      const pets = (fixture as { pets?: Array<{ name: string }> } | null)?.pets ?? [];
      for (const p of pets) tenant.collection('/v1/pets').put({ id: `pet${tenant.random.hex(8)}`, ...p });
    },
    credentials: (t, baseUrl) => ({ baseUrl, key: t.meta('key', () => `key-${t.name}`) }),
    rateLimit: {
      bucket: (op) => ({ key: op.path, limit: 3, windowSec: 60 }),
      headers: (s) => ({ 'x-limit': String(s.limit), 'x-remaining': String(s.remaining), 'x-reset': String(s.resetAt) }),
    },
    ...overrides,
  };
}
