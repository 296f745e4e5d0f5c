// Vendor drift: an extra field the corpus's latest recordings of the same operation always show is reported apart from twin defects, and is still a mismatch.
import { describe, expect, it } from 'vitest';
import { FieldHistory } from '../../src/fidelity/drift.js';
import { shapeOf } from '../../src/fidelity/compare.js';
import { aggregate } from '../../src/fidelity/aggregate.js';
import type { DiffReport, ExchangeResult } from '../../src/fidelity/replay.js';

const group = (links: string[]) => shapeOf({ id: 'g', _links: Object.fromEntries(links.map((l) => [l, { href: 'x' }])) });
const day = (d: number) => new Date(Date.UTC(2025, 0, d)).toUTCString();
const extra = (path: string, recordedAt: string, operationId = 'getGroup'): ExchangeResult => ({
  index: 1, method: 'GET', path: '/api/v1/groups/g', replayedPath: '/api/v1/groups/g', operationId, recordedAt,
  status: { recorded: 200, twin: 200 }, statusMatch: true, shapeMatch: false, match: false,
  diffs: [{ kind: 'extra', path, twin: 'object' }], excused: [],
});

function history(): FieldHistory {
  const h = new FieldHistory();
  // Early recordings lack `owners`; from day 10 on, every one shows it.
  for (let d = 1; d <= 5; d++) h.note('getGroup', day(d), group(['self', 'apps']));
  for (let d = 10; d <= 16; d++) h.note('getGroup', day(d), group(['self', 'apps', 'owners']));
  // A lifecycle link that comes and goes with state never forms a run of the latest recordings.
  for (let d = 1; d <= 16; d++) h.note('getPolicyRule', day(d), group(d % 2 ? ['self', 'activate'] : ['self']));
  return h;
}

describe('vendor drift', () => {
  it('an extra field counts as drift only for recordings made before the vendor began sending it every time', () => {
    const h = history();
    expect(h.isDrift(extra('$._links.owners', day(3)))).toBe(true);
    expect(h.isDrift(extra('$._links.owners', day(12)))).toBe(false);
    expect(h.isDrift(extra('$._links.activate', day(3), 'getPolicyRule'))).toBe(false);
    expect(h.isDrift(extra('$._links.owners', day(3), 'listGroups'))).toBe(false);
    // A missing field, or any other counted difference beside the extra one, stays a defect.
    expect(h.isDrift({ ...extra('$._links.owners', day(3)), diffs: [{ kind: 'extra', path: '$._links.owners' }, { kind: 'missing', path: '$.profile' }] })).toBe(false);
    expect(h.isDrift({ ...extra('$._links.owners', day(3)), recordedAt: undefined })).toBe(false);
  });

  it('the corpus report counts drift apart from defects and never as a match', () => {
    const report: DiffReport = { recording: 'r', format: 'go-vcr', vendor: 'okta', tenant: 't', total: 2, matched: 0, score: 0, idsCarried: 0, exchanges: [extra('$._links.owners', day(3)), extra('$._links.activate', day(3), 'getPolicyRule')] };
    const c = aggregate('c', [report], [], 15, history());
    expect(c.matched).toBe(0);
    expect(c.score).toBe(0);
    expect(c.vendorDrift).toBe(1);
    expect(c.defects).toBe(1);
    expect(c.driftReasons.map((r) => r.reason)).toEqual(['extra $._links.owners (getGroup)']);
    expect(c.reasons.map((r) => r.reason)).toEqual(['extra $._links.activate (getPolicyRule)']);
  });
});
