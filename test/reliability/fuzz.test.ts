// Schema-driven fuzzing of every twin (a short slice; scripts/reliability/fuzz.ts runs 100,000 requests): no 5xx but 501, no hang, vendor error formats.
import { describe, expect, it } from 'vitest';
import { VENDORS, createVendorTwin } from '../../src/vendors.js';
import { formatProblem, fuzzTwin, socketAbuse } from '../../scripts/reliability/fuzz.js';

// A fixed seed keeps CI reproducible; DTU_FUZZ_SEED explores further. Failures carry the seed that replays them.
const SEED = Number(process.env.DTU_FUZZ_SEED ?? 14);

describe('fuzzing from the spec', () => {
  for (const [k, vendor] of VENDORS.entries()) {
    it(`${vendor}: 400 valid, boundary and malformed requests get no 5xx and vendor-format errors`, async () => {
      const report = await fuzzTwin(vendor, { requests: 400, seed: SEED + k * 10_000_000 });
      expect(report.requests).toBe(400);
      expect(report.failures.map((f) => `${f.op} seed=${f.seed} ${f.strategy} ${f.status} ${f.problem} ${f.excerpt.slice(0, 120)}`)).toEqual([]);
      // The slice gets past the gates (auth, method, unimplemented) to validation and handlers for a good share of requests.
      const past = Object.entries(report.byStatus).filter(([st]) => !['401', '403', '405', '501'].includes(st)).reduce((a, [, n]) => a + n, 0);
      expect(past).toBeGreaterThan(100);
    }, 120_000);
  }

  it('a body with 20,000 wrong items is refused in the vendor format, not with a 500 (found by the long run, seed 20017202)', async () => {
    const jira = await createVendorTwin('jira', { journalCapacity: 10 });
    const creds = (await (await jira.fetch(new Request('http://f/t/bulk/_dtu/credentials'))).json()) as Record<string, string>;
    const res = await jira.fetch(
      new Request('http://f/t/bulk/rest/api/3/field/customfield_1/context/defaultValue', {
        method: 'PUT',
        headers: { authorization: `Basic ${Buffer.from(`${creds.email}:${creds.apiToken}`).toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ defaultValues: Array.from({ length: 20_000 }, () => 'y') }),
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorMessages: [], errors: { defaultValues: expect.any(String) } });
  });

  it('Slack admin.apps.config.set with malformed domain_restrictions JSON is invalid_arguments, not a 500 (found by the long run, seed 10014299)', async () => {
    const slack = await createVendorTwin('slack', { journalCapacity: 10 });
    const creds = (await (await slack.fetch(new Request('http://f/t/cfg/_dtu/credentials'))).json()) as Record<string, string>;
    const res = await slack.fetch(
      new Request('http://f/t/cfg/api/admin.apps.config.set', {
        method: 'POST',
        headers: { authorization: `Bearer ${creds.adminToken}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ app_id: creds.appId, domain_restrictions: 'xxxxxxxx' }),
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });

  it('slow, truncated and garbled clients on a real socket do not stop a twin', async () => {
    const r = await socketAbuse('okta');
    expect(r.problems).toEqual([]);
  }, 30_000);

  it('the format checks can fail: a bare 400 or a Slack error on HTTP 400 is caught', () => {
    expect(formatProblem('okta', '/api/v1/users', 400, '{"message":"bad"}', 'application/json')).toMatch(/not an Okta error/);
    expect(formatProblem('slack', '/api/chat.postMessage', 400, '{"ok":false,"error":"x"}', 'application/json')).toMatch(/HTTP 200/);
    expect(formatProblem('jira', '/rest/api/3/issue', 400, 'oops', 'text/plain')).toMatch(/not a Jira error/);
    expect(formatProblem('google', '/drive/v3/files', 404, '{"error":"x"}', 'application/json')).toMatch(/not a Google error/);
  });
});
