/** The twin's shortcut past Hono: a path it sends straight to the operation pipeline is one no other route can match. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTwin, staticPrefixes, type TwinDefinition } from '../../src/core/twin.js';
import { definition as okta } from '../../twins/okta/index.js';
import { definition as slack } from '../../twins/slack/index.js';
import { definition as jira } from '../../twins/jira/index.js';
import { definition as google } from '../../twins/google/index.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

describe('paths served without Hono', () => {
  it('reads leading literal segments, and gives up on a route that could match anywhere', () => {
    const h = () => undefined;
    const pipeline = () => undefined;
    expect(staticPrefixes([{ path: '/_dtu/*', handler: h }, { path: '/oauth2/:id/v1/authorize', handler: h }, { path: '/api/files.upload', handler: h }, { path: '/*', handler: pipeline }], pipeline)).toEqual(['/_dtu/', '/oauth2/', '/api/files.upload/']);
    // A prefix that begins with another is left out: it could only ever agree with the shorter one.
    expect(staticPrefixes([{ path: '/_dtu/health', handler: h }, { path: '/_dtu/*', handler: h }, { path: '/oauth2/v1/token', handler: h }, { path: '/oauth2x/y', handler: h }], pipeline)).toEqual(['/_dtu/', '/oauth2/v1/token/', '/oauth2x/y/']);
    expect(staticPrefixes([{ path: '/:tenant/x', handler: h }], pipeline)).toBeUndefined();
    expect(staticPrefixes([{ path: '*', handler: h }], pipeline)).toBeUndefined();
  });

  for (const [name, def] of [['okta', okta], ['slack', slack], ['jira', jira], ['google', google]] as Array<[string, () => TwinDefinition]>) {
    it(`${name}: every path it serves directly matches only the catch-all route in Hono`, async () => {
      const twin = createTwin(def());
      try {
        const routes = twin.app.routes;
        const catchAll = new Set<unknown>(routes.filter((r) => r.path === '/*').map((r) => r.handler));
        // Segments the routes and the spec use, plus look-alikes: a path made of these lands near every route.
        const vocabulary = new Set<string>(['', 'x', '%5Fdtu', '_DTU', 'v1', 'api', 'authorize', 'health']);
        for (const p of [...routes.map((r) => r.path), ...twin.def.digest.operations.slice(0, 400).map((o) => o.path)]) for (const s of p.split('/')) vocabulary.add(s.replace(/^:.*|\{.*\}/, 'id1'));
        const segment = fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 6 }).map((s) => encodeURIComponent(s)));
        let direct = 0;
        fc.assert(
          fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.constantFrom(...METHODS), (segs, method) => {
            const path = `/${segs.join('/')}`;
            if (!twin.onlyOperations(path)) return;
            direct++;
            // Hono files each route as [handler, route] and answers [[[handler, route], params], …].
            const [matched] = twin.app.router.match(method, path) as unknown as [Array<[[unknown, unknown], unknown]>];
            expect(matched.length, `${method} ${path}`).toBeGreaterThan(0);
            for (const [[handler]] of matched) expect(catchAll.has(handler), `${method} ${path} reaches another route`).toBe(true);
          }),
          { numRuns: 3000 },
        );
        expect(direct).toBeGreaterThan(100);
      } finally {
        await twin.close();
      }
    });
  }
});
