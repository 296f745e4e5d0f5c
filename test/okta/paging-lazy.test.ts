// Okta's lazy page (pageOf) against the plain one over a filtered array: same users, same Link header, for any cursor and limit.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { OpContext } from '../../src/core/handler.js';
import { Clock } from '../../src/core/clock.js';
import { Tenant, type Doc } from '../../src/core/tenant.js';
import { page, pageOf } from '../../twins/okta/present/paging.js';

interface U extends Doc {
  status: string;
}

const ctxFor = (query: Record<string, string>): OpContext => {
  const url = new URL('http://okta.test/api/v1/users');
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return { query, req: new Request(url), baseUrl: 'http://okta.test' } as unknown as OpContext;
};

describe('Okta paging: pageOf reads lazily what page reads from the whole filtered list', () => {
  it('agrees for every cursor (present, filtered out, deleted, between ids, past the end) and limit', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `00u${String(i).padStart(3, '0')}`);
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom(...ids), status: fc.constantFrom('ACTIVE', 'STAGED') }), { maxLength: 14 }),
        fc.option(fc.oneof(fc.constantFrom(...ids), fc.constantFrom('00u0055', '00t', '00v', '')), { nil: undefined }),
        fc.integer({ min: 1, max: 5 }),
        (docs, after, limit) => {
          const t = new Tenant('okta', 'default', new Clock(() => 0), 'seed');
          const col = t.collection<U>('users');
          for (const d of docs) col.put({ ...d });
          const query: Record<string, string> = { limit: String(limit), ...(after === undefined ? {} : { after }) };
          const active = (u: U) => u.status === 'ACTIVE';
          const opts = { defaultLimit: 200, maxLimit: 200 };
          const lazy = pageOf(ctxFor(query), col, active, opts);
          const eager = page(ctxFor(query), col.filter(active), opts);
          expect(lazy.body).toEqual(eager.body);
          expect(lazy.headers).toEqual(eager.headers);
        },
      ),
      { numRuns: 500 },
    );
  });
});
