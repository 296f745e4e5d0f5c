// Auth negative matrix: protected operations refuse missing, malformed, unknown, expired, revoked and under-scoped credentials as the vendor does.
import { describe, expect, it } from 'vitest';
import { VENDORS } from '../../src/vendors.js';
import { createVendorTwin } from '../../src/vendors.js';
import { authMatrix } from './auth-matrix.js';

describe('auth negative matrix', () => {
  for (const vendor of VENDORS) {
    it(`${vendor}: every protected operation refuses bad credentials in the vendor's words`, async () => {
      const r = await authMatrix(vendor, () => createVendorTwin(vendor, { journalCapacity: 100 }));
      expect(r.wrong).toEqual([]);
      expect(r.tried.missing).toBeGreaterThan(100);
      // Each case the vendor has was exercised, not skipped silently.
      const has = { okta: ['expired', 'revoked', 'under-scoped'], slack: ['revoked', 'under-scoped'], jira: ['under-scoped'], google: ['expired', 'revoked', 'under-scoped'] }[vendor] as Array<keyof typeof r.tried>;
      for (const c of has) expect(r.tried[c], c).toBeGreaterThan(10);
    }, 180_000);
  }
});
