/** A tiny Okta-shaped twin (groups only) over a hand-made digest, so fidelity tests can drive the real Okta SDK without the Okta twin. */
import type { Digest } from '../../../src/core/digest.js';
import type { TwinDefinition } from '../../../src/core/twin.js';
import { VendorError, type EngineFailure } from '../../../src/core/errors.js';
import type { Tenant } from '../../../src/core/tenant.js';

const json = (schema: Record<string, unknown>) => ({ 'application/json': { schema } });
const groupId = [{ name: 'groupId', in: 'path' as const, required: true, schema: { type: 'string' } }];
const error = { content: json({ $ref: '#/schemas/Error' }) };

export const miniOktaDigest: Digest = {
  generated: 'test fixture',
  vendor: 'okta',
  sources: [{ package: 'test', version: '0', file: 'inline' }],
  overlays: [],
  schemas: {
    Group: {
      type: 'object',
      // `objectClass` is required by this digest and never produced by the inferred layer: a deliberate contract finding.
      required: ['id', 'profile', 'objectClass'],
      properties: {
        id: { type: 'string' },
        created: { type: 'string', format: 'date-time' },
        lastUpdated: { type: 'string', format: 'date-time' },
        type: { type: 'string', default: 'OKTA_GROUP' },
        objectClass: { type: 'array', items: { type: 'string' } },
        profile: { type: 'object', properties: { name: { type: 'string' }, description: { type: 'string' } } },
      },
    },
    GroupInput: { type: 'object', properties: { profile: { type: 'object', properties: { name: { type: 'string' }, description: { type: 'string' } } } } },
    Error: { type: 'object', properties: { errorCode: { type: 'string' }, errorSummary: { type: 'string' }, errorId: { type: 'string' }, errorCauses: { type: 'array' } } },
  },
  securitySchemes: {},
  operations: [
    {
      id: 'listGroups',
      method: 'get',
      path: '/api/v1/groups',
      parameters: [
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer' } },
        { name: 'after', in: 'query', required: false, schema: { type: 'string' } },
      ],
      responses: { '200': { content: json({ type: 'array', items: { $ref: '#/schemas/Group' } }) }, '401': error },
    },
    { id: 'addGroup', method: 'post', path: '/api/v1/groups', parameters: [], requestBody: { required: true, content: json({ $ref: '#/schemas/GroupInput' }) }, responses: { '200': { content: json({ $ref: '#/schemas/Group' }) } } },
    { id: 'getGroup', method: 'get', path: '/api/v1/groups/{groupId}', parameters: groupId, responses: { '200': { content: json({ $ref: '#/schemas/Group' }) }, '404': error } },
    { id: 'replaceGroup', method: 'put', path: '/api/v1/groups/{groupId}', parameters: groupId, requestBody: { required: true, content: json({ $ref: '#/schemas/GroupInput' }) }, responses: { '200': { content: json({ $ref: '#/schemas/Group' }) } } },
    { id: 'deleteGroup', method: 'delete', path: '/api/v1/groups/{groupId}', parameters: groupId, responses: { '204': {}, '404': error } },
    { id: 'listGroupUsers', method: 'get', path: '/api/v1/groups/{groupId}/users', parameters: groupId, responses: { '200': { content: json({ type: 'array', items: { type: 'object' } }) } } },
  ],
};

const FAILURES: Partial<Record<EngineFailure['kind'], [number, string, string]>> = {
  unauthenticated: [401, 'E0000011', 'Invalid token provided'],
  not_found: [404, 'E0000007', 'Not found: Resource not found'],
  route_not_found: [404, 'E0000022', 'The endpoint does not support the provided HTTP method'],
  validation: [400, 'E0000001', 'Api validation failed'],
  not_implemented: [501, 'E0000060', 'Unsupported operation.'],
};

export const tokenOf = (t: Tenant) => t.meta('token', () => `00tok-${t.name}`);

export function miniOktaDefinition(overrides: Partial<TwinDefinition> = {}): TwinDefinition {
  return {
    name: 'okta',
    title: 'Mini Okta (test)',
    digest: miniOktaDigest,
    handlers: {},
    inference: { pagination: 'okta-link', newId: (t) => `00g${t.random.hex(17)}`.slice(0, 20) },
    renderFailure: (f) => {
      const [status, errorCode, summary] = FAILURES[f.kind] ?? [500, 'E0000009', 'Internal Server Error'];
      return new VendorError(status, { errorCode, errorSummary: summary, errorLink: errorCode, errorId: 'oae-test', errorCauses: [] });
    },
    authenticate: ({ req, tenant }) => {
      const m = /^SSWS (\S+)$/.exec(req.headers.get('authorization') ?? '');
      if (!m || m[1] !== tokenOf(tenant)) throw new VendorError(401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorId: 'oae-test', errorCauses: [] });
      return { kind: 'SSWS', subject: 'admin', token: m[1] };
    },
    credentialOf: (req) => /^SSWS (\S+)$/.exec(req.headers.get('authorization') ?? '')?.[1],
    credentialValues: (t) => [tokenOf(t)],
    populate: () => {},
    credentials: (t, baseUrl) => ({ orgUrl: baseUrl, token: tokenOf(t) }),
    commonHeaders: () => ({ 'x-rate-limit-limit': '600', 'x-rate-limit-remaining': '599', 'x-rate-limit-reset': '1700000000' }),
    ...overrides,
  };
}
