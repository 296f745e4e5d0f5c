// Tenant isolation: tenant A's credentials never read, list, search or change tenant B's data — over HTTP, WebSocket or webhook.
import { describe, expect, it } from 'vitest';
import { VENDORS } from '../../src/vendors.js';
import { call, credentialsOf, freshTenant, twinOf, WHOAMI } from './helpers.js';
import { isolationRun } from './isolation-cases.js';

const SEED = Number(process.env.DTU_ISOLATION_SEED ?? 7);

describe('tenant isolation over HTTP (property)', () => {
  for (const [k, vendor] of VENDORS.entries()) {
    it(`${vendor}: 150 random operations with A's credentials show nothing of B and change nothing in B`, async () => {
      const twin = await twinOf(vendor);
      const r = await isolationRun(vendor, twin, { runs: 150, seed: SEED + k });
      expect(r.cases).toBe(150);
      expect(r.leaks).toEqual([]);
      expect(r.changedB).toBe(false);
    }, 120_000);
  }

  for (const vendor of VENDORS) {
    it(`${vendor}: A's credentials under B's prefix are refused as the vendor refuses an unknown credential`, async () => {
      const twin = await twinOf(vendor);
      const A = freshTenant('iso-a');
      const B = freshTenant('iso-b');
      const credsA = await credentialsOf(twin, A);
      await credentialsOf(twin, B);
      for (const probe of WHOAMI[vendor](credsA)) {
        const own = await call(twin, probe.method ?? 'GET', `/t/${A}${probe.path}`, { headers: probe.headers });
        expect(probe.ok(own.status, own.json)).toBe(true);
        const foreign = await call(twin, probe.method ?? 'GET', `/t/${B}${probe.path}`, { headers: probe.headers });
        expect(probe.ok(foreign.status, foreign.json)).toBe(false);
        if (vendor === 'slack') expect(foreign.json).toMatchObject({ ok: false, error: 'invalid_auth' });
        else expect(foreign.status).toBe(401);
      }
    });
  }
});
