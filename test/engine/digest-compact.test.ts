/** The digest's lazy form (written by the build, read by `loadDigest`) holds exactly the committed digest. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compactDigest, fromCompactDigest, type Digest } from '../../src/core/digest.js';
import { projectRoot } from '../../src/core/paths.js';

const source = (vendor: string) => join(projectRoot(), 'twins', vendor, 'openapi', 'digest.json');

describe('compact digest', () => {
  it.each(['okta', 'slack', 'jira', 'google'])('%s: the lazy form reads back as the committed digest', (vendor) => {
    const text = readFileSync(source(vendor), 'utf8');
    const stat = statSync(source(vendor));
    const lazy = fromCompactDigest(compactDigest(text, stat), stat)!;
    const whole = JSON.parse(text) as Digest;
    // Routing fields first (what a start reads), then every schema-bearing field, then the whole.
    expect(lazy.operations.map((o) => [o.id, o.method, o.path, o.api])).toEqual(whole.operations.map((o) => [o.id, o.method, o.path, o.api]));
    expect(lazy.operations.map((o) => [o.parameters, o.requestBody, o.responses, o.security, o.tags, o.deprecated, o.overlay])).toEqual(
      whole.operations.map((o) => [o.parameters, o.requestBody, o.responses, o.security, o.tags, o.deprecated, o.overlay]),
    );
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(whole);
  });

  it('parses an operation once: every read sees the same objects', () => {
    const text = readFileSync(source('slack'), 'utf8');
    const stat = statSync(source('slack'));
    const lazy = fromCompactDigest(compactDigest(text, stat), stat)!;
    const op = lazy.operations[0];
    expect(op.parameters).toBe(op.parameters);
    expect(lazy.schemas).toBe(lazy.schemas);
  });

  it('is refused when the committed digest changed since the build (size or time)', () => {
    const text = readFileSync(source('slack'), 'utf8');
    const stat = { size: 100, mtimeMs: 1733500000123.25 };
    const compact = compactDigest(text, stat);
    expect(fromCompactDigest(compact, stat)).toBeDefined();
    expect(fromCompactDigest(compact, { ...stat, size: 101 })).toBeUndefined();
    expect(fromCompactDigest(compact, { ...stat, mtimeMs: stat.mtimeMs + 1 })).toBeUndefined();
  });

  it('keeps any text, outside the BMP included, at its place', () => {
    const word = fc.string({ unit: 'binary', maxLength: 12 });
    const op = fc.record({
      id: word,
      method: fc.constantFrom('get', 'post', 'delete'),
      path: word.map((w) => `/x/${w}`),
      api: fc.option(word, { nil: undefined }),
      parameters: fc.array(fc.record({ name: word, in: fc.constantFrom('path', 'query'), required: fc.boolean(), schema: fc.record({ description: word }) }), { maxLength: 3 }),
      responses: fc.dictionary(fc.constantFrom('200', '4XX', 'default'), fc.record({ content: fc.constant({}) })),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 6 }), fc.dictionary(word, fc.record({ title: word })), (operations, schemas) => {
        const digest = { generated: 'g', vendor: 'v', sources: [], overlays: [], operations, schemas, securitySchemes: {} };
        const text = JSON.stringify(digest);
        const stat = { size: text.length, mtimeMs: 1 };
        // Written and read as UTF-8, as the build and a start do.
        const compact = Buffer.from(compactDigest(text, stat), 'utf8').toString('utf8');
        expect(JSON.parse(JSON.stringify(fromCompactDigest(compact, stat)))).toEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });
});
