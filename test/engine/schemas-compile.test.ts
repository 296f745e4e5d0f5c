// Every schema of every twin's digest (as the twin loads it) compiles under the engine's validator: one that does not is a build error, never a check skipped at run time.
import { describe, expect, it } from 'vitest';
import { Validator } from '../../src/core/validate.js';
import { VENDORS, loadDefinition } from '../../src/vendors.js';

describe('request and response schemas compile', () => {
  for (const vendor of VENDORS) {
    it(`${vendor}`, async () => {
      const def = await loadDefinition(vendor);
      expect(new Validator(def.digest).compileAll()).toEqual([]);
    }, 180_000);
  }

  it('OpenAPI nullable without a type means "this schema or null"', () => {
    const v = new Validator({ vendor: 't', operations: [], schemas: { Pet: { type: 'object', properties: { id: { type: 'string' } } } } } as never);
    const op = { id: 'getPet', method: 'get', path: '/p', parameters: [], responses: { '200': { content: { 'application/json': { schema: { nullable: true, allOf: [{ $ref: '#/schemas/Pet' }] } } } } } } as never;
    expect(v.response(op, 200, 'application/json', null)).toEqual([]);
    expect(v.response(op, 200, 'application/json', { id: 'x' })).toEqual([]);
    expect(v.response(op, 200, 'application/json', 'nope').length).toBeGreaterThan(0);
  });
});
