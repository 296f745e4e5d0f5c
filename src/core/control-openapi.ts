/** The control plane's own OpenAPI document, served at `/_dtu/openapi.json`. */
import { clockSchema, faultSchema as fault, rateLimitSchema, restoreSchema, seedSchema } from './control-input.js';

const tenantParam = { name: 'tenant', in: 'query', required: false, schema: { type: 'string' }, description: 'Tenant name (or use the /t/<name> path prefix).' };
const ok = (description: string, schema: object = { type: 'object' }) => ({ 200: { description, content: { 'application/json': { schema } } } });
const json = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });

/** Twin-specific control routes (`/_dtu/<twin>/…`), described from the routes the twin registered. */
function twinPaths(routes: Array<{ method: string; path: string }>, twin: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    if (!r.path.startsWith(`/_dtu/${twin}/`) || r.method === 'ALL') continue;
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    (out[path] ??= {})[r.method.toLowerCase()] = {
      operationId: `${r.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      tags: [twin],
      parameters: [tenantParam, ...params],
      responses: ok('See the twin\'s README section'),
    };
  }
  return out;
}

export function controlOpenApi(twin: string, routes: Array<{ method: string; path: string }> = []) {
  return {
    openapi: '3.0.3',
    info: { title: `dtu control plane (${twin})`, version: '1' },
    paths: {
      ...twinPaths(routes, twin),
      '/_dtu/health': { get: { operationId: 'health', responses: ok('Twin status') } },
      '/_dtu/memory': { get: { operationId: 'memory', responses: ok('process.memoryUsage(): rss, heapTotal, heapUsed, external, arrayBuffers (bytes)') } },
      '/_dtu/credentials': { get: { operationId: 'credentials', parameters: [tenantParam], responses: ok('SDK-ready credentials for the tenant') } },
      '/_dtu/coverage': { get: { operationId: 'coverage', responses: ok('Operations: hand-written, inferred, not implemented') } },
      '/_dtu/reset': { post: { operationId: 'reset', parameters: [tenantParam], responses: ok('Tenants reset to their fixture') } },
      '/_dtu/snapshot': { get: { operationId: 'snapshot', parameters: [tenantParam], responses: ok('Serialized tenant state') } },
      '/_dtu/restore': { post: { operationId: 'restore', requestBody: json(restoreSchema), responses: ok('Restored tenants') } },
      '/_dtu/seed': { post: { operationId: 'seed', parameters: [tenantParam], requestBody: json(seedSchema), responses: ok('Tenant re-seeded') } },
      '/_dtu/journal': {
        get: {
          operationId: 'journal',
          parameters: [tenantParam, ...['operationId', 'status', 'since', 'limit'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }))],
          responses: ok('Recorded exchanges'),
        },
        delete: { operationId: 'clearJournal', parameters: [tenantParam], responses: ok('Cleared') },
      },
      '/_dtu/journal/stream': {
        get: { operationId: 'journalStream', parameters: [tenantParam], responses: { 200: { description: 'Live exchanges', content: { 'text/event-stream': { schema: { type: 'string' } } } } } },
      },
      '/_dtu/faults': {
        get: { operationId: 'listFaults', responses: ok('Active fault rules') },
        post: { operationId: 'addFault', parameters: [tenantParam], requestBody: json(fault), responses: { 201: { description: 'Rule added', content: { 'application/json': { schema: fault } } } } },
        delete: { operationId: 'clearFaults', parameters: [tenantParam], responses: ok('Cleared') },
      },
      '/_dtu/faults/{id}': { delete: { operationId: 'removeFault', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok('Removed') } },
      '/_dtu/ratelimits': {
        get: { operationId: 'rateLimits', parameters: [tenantParam], responses: ok('Rate-limit settings') },
        put: { operationId: 'setRateLimits', parameters: [tenantParam], requestBody: json(rateLimitSchema), responses: ok('Rate-limit settings') },
      },
      '/_dtu/clock': {
        get: { operationId: 'clock', responses: ok('Current twin time') },
        post: { operationId: 'setClock', requestBody: json(clockSchema), responses: ok('Current twin time') },
      },
    },
  };
}
