// Transformers normalize by reference: the same recorded id keeps one placeholder, and a twin id shares it only if it stands for that id.
import { describe, expect, it } from 'vitest';
import { ReplayIdentity } from '../../src/fidelity/identity.js';
import { Normalizer } from '../../src/fidelity/normalize.js';
import { compareShapes, compareValues, shapeOf } from '../../src/fidelity/compare.js';
import { findDeviation } from '../../src/fidelity/deviations.js';

const bases = { recorded: ['https://acme.okta.com'], twin: 'http://okta.twin.test/t/replay-1' };

describe('normalization by reference', () => {
  it('normalizes keys built from a paired name: Okta app link keys are `<app name>_link`', () => {
    const id = new ReplayIdentity('okta', bases);
    const n = new Normalizer(id);
    const app = (org: string, base: string, x: string) => ({
      id: `0oa${x.repeat(16)}1`,
      name: `${org}_testapp_1`,
      visibility: { appLinks: { [`${org}_testapp_1_link`]: true } },
      _links: { appLinks: [{ name: `${org}_testapp_1_link`, href: `${base}/home/${org}_testapp_1/0oa${x.repeat(16)}1/aln${x.repeat(16)}1` }] },
    });
    const rec = app('rec-org', 'https://acme.okta.com', 'A');
    const twin = app('twin-org', 'http://okta.twin.test/t/replay-1', 'X');
    id.learnCreated(rec, twin);
    const r = n.body('recorded', rec) as { visibility: { appLinks: Record<string, boolean> } };
    expect(Object.keys(r.visibility.appLinks)).toEqual(['<id:2>_link']);
    expect(n.body('twin', twin)).toEqual(r);
    // A key naming some other app stays apart.
    const other = { ...twin, visibility: { appLinks: { 'twin-org_otherapp_1_link': true } } };
    expect(n.body('twin', other)).not.toEqual(r);
  });

  it('keeps identity relations and exposes broken ones', () => {
    const id = new ReplayIdentity('okta', bases);
    const n = new Normalizer(id);
    const rec1 = { id: '00uAAAAAAAAAAAAAAAA1', created: '2021-06-14T15:06:13.000Z' };
    const twin1 = { id: '00uXXXXXXXXXXXXXXXX1', created: '2025-01-01T00:00:00.000Z' };
    id.learn(rec1, twin1);
    expect(n.body('recorded', rec1)).toEqual({ id: '<id:1>', created: '<timestamp>' });
    expect(n.body('twin', twin1)).toEqual({ id: '<id:1>', created: '<timestamp>' });

    // The recording refers back to the same user; the twin answers with a new id but the right owner.
    const rec2 = { id: '00uAAAAAAAAAAAAAAAA1', managerId: '00uAAAAAAAAAAAAAAAA1', _links: { self: { href: 'https://acme.okta.com/api/v1/users/00uAAAAAAAAAAAAAAAA1?expand=x' } } };
    const twin2 = { id: '00uYYYYYYYYYYYYYYYY2', managerId: '00uXXXXXXXXXXXXXXXX1', _links: { self: { href: 'http://okta.twin.test/t/replay-1/api/v1/users/00uXXXXXXXXXXXXXXXX1?expand=x' } } };
    id.learn(rec2, twin2);
    const r = n.body('recorded', rec2);
    const t = n.body('twin', twin2);
    expect(r).toEqual({ _links: { self: { href: '<origin>/api/v1/users/<id:1>?expand=x' } }, id: '<id:1>', managerId: '<id:1>' });
    expect(t).toEqual({ _links: { self: { href: '<origin>/api/v1/users/<id:1>?expand=x' } }, id: '<twin-id:1>', managerId: '<id:1>' });
    expect(compareValues(r, t)).toEqual([{ kind: 'value', path: '$.id', recorded: '<id:1>', twin: '<twin-id:1>' }]);
  });

  it('carries recorded ids and cursors into later requests', () => {
    const id = new ReplayIdentity('okta', bases);
    id.learn({ id: '00gAAAAAAAAAAAAAAAA1' }, { id: '00gZZZZZZZZZZZZZZZZ9' });
    id.learnLink('<https://acme.okta.com/api/v1/groups?after=cur-rec-1&limit=1>; rel="next"', '<http://okta.twin.test/t/replay-1/api/v1/groups?after=cur-twin-1&limit=1>; rel="next"');
    expect(id.rewritePath('/api/v1/groups/00gAAAAAAAAAAAAAAAA1/users?after=cur-rec-1&q=a%20b')).toBe('/api/v1/groups/00gZZZZZZZZZZZZZZZZ9/users?after=cur-twin-1&q=a%20b');
    expect(id.rewriteJson({ groupIds: ['00gAAAAAAAAAAAAAAAA1'], href: 'https://acme.okta.com/api/v1/groups/00gAAAAAAAAAAAAAAAA1', note: 'x' })).toEqual({
      groupIds: ['00gZZZZZZZZZZZZZZZZ9'],
      href: 'http://okta.twin.test/t/replay-1/api/v1/groups/00gZZZZZZZZZZZZZZZZ9',
      note: 'x',
    });
    expect(id.rewriteForm('channel=00gAAAAAAAAAAAAAAAA1&text=hi+there')).toBe('channel=00gZZZZZZZZZZZZZZZZ9&text=hi+there');
  });

  it('does not pair path words as ids', () => {
    const id = new ReplayIdentity('okta', bases);
    id.learnUrl('https://acme.okta.com/api/v1/users/00u1', 'http://okta.twin.test/t/replay-1/api/v1/groups/00g2');
    expect(id.forward.size).toBe(0);
  });

  it('compares shapes with id-keyed maps renamed by reference and nulls kept apart', () => {
    const id = new ReplayIdentity('slack', { recorded: ['https://slack.com'], twin: 'http://slack.twin.test/t/r' });
    id.learn({ channel: 'C0AAAAAAAA' }, { channel: 'C0BBBBBBBB' });
    const n = new Normalizer(id);
    n.body('recorded', { channel: 'C0AAAAAAAA' });
    n.body('twin', { channel: 'C0BBBBBBBB' });
    const rec = shapeOf({ members: { C0AAAAAAAA: { n: 1 } }, topic: null, list: [{ a: 1 }, { b: 'x' }] }, (k) => n.key('recorded', k));
    const twin = shapeOf({ members: { C0BBBBBBBB: { n: 2 } }, topic: 'hi', list: [{ a: 2, b: 'y' }] }, (k) => n.key('twin', k));
    expect(compareShapes(rec, twin)).toEqual([{ kind: 'nullability', path: '$.topic', recorded: 'null', twin: 'string' }]);
    expect(compareShapes(shapeOf({ a: 1 }), shapeOf({ a: '1', b: [] }))).toEqual([
      { kind: 'type', path: '$.a', recorded: 'number', twin: 'string' },
      { kind: 'extra', path: '$.b', twin: 'array' },
    ]);
  });

  it('matches deviations by canonical path, prefix and operation', () => {
    const devs = [{ path: '$.items[0].etag', reason: 'r1' }, { path: '$._links', operation: 'getUser', reason: 'r2' }];
    expect(findDeviation(devs, '$.items[7].etag', { method: 'GET', path: '/x' })?.reason).toBe('r1');
    expect(findDeviation(devs, '$._links.self', { operationId: 'getUser', method: 'GET', path: '/x' })?.reason).toBe('r2');
    expect(findDeviation(devs, '$._links.self', { operationId: 'listUsers', method: 'GET', path: '/x' })).toBeUndefined();
    expect(findDeviation(devs, '$._linksExtra', { operationId: 'getUser', method: 'GET', path: '/x' })).toBeUndefined();
  });
});
