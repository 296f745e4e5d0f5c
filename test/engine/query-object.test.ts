/** The pipeline reads a query without URLSearchParams when it has no escapes: the same object either way. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { queryObject, queryOf } from '../../src/core/pipeline.js';

describe('queryOf', () => {
  it('reads every query as queryObject reads it through URLSearchParams', () => {
    const piece = fc.oneof(fc.constantFrom('&', '=', '&&', '==', 'a', 'b', 'activate', 'true', 'True', '%20', '+', '%zz', '?', '__proto__', 'constructor', ''), fc.stringMatching(/^[\x21-\x7e]{0,5}$/));
    fc.assert(
      fc.property(fc.boolean(), fc.array(piece, { maxLength: 10 }), (mark, parts) => {
        const search = `${mark ? '?' : ''}${parts.join('')}`;
        const params = new URLSearchParams(search);
        expect(queryOf({ search, searchParams: params })).toEqual(queryObject(new URLSearchParams(search)));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads names the Object prototype holds as the caller\'s own (seed -1053346956: `?__proto__&constructor`)', () => {
    for (const q of [queryOf({ search: '?__proto__&constructor=1&toString&constructor=2', searchParams: new URLSearchParams() }), queryObject(new URLSearchParams('?__proto__&constructor=1&toString&constructor=2'))]) {
      expect(Object.getPrototypeOf(q)).toBe(Object.prototype);
      expect(Object.entries(q)).toEqual([['__proto__', ''], ['constructor', ['1', '2']], ['toString', '']]);
    }
  });

  it('keeps repeated names as arrays in order and bare names as empty values', () => {
    expect(queryOf({ search: '?a=1&b&a=2&&a=3=4&=x', searchParams: new URLSearchParams() })).toEqual({ a: ['1', '2', '3=4'], b: '', '': 'x' });
  });
});
