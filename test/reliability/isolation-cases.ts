/**
 * Tenant isolation as a property: requests made with tenant A's credentials —
 * against B's prefix, without a prefix, or against A's prefix naming B's ids —
 * never show B's data or secrets and never change B. Shared by the CI test and
 * the long-run script.
 */
import fc from 'fast-check';
import type { Vendor } from '../../src/vendors.js';
import type { Twin } from '../../src/core/twin.js';
import { fromSchema } from '../../scripts/reliability/fuzz-requests.js';
import { call, credentialsOf, freshTenant } from './helpers.js';

export interface IsolationReport {
  cases: number;
  leaks: string[];
  changedB: boolean;
}

/** Admin headers for a tenant, per vendor. */
export function authHeaders(vendor: Vendor, c: Record<string, any>): Record<string, string> {
  switch (vendor) {
    case 'okta': return { authorization: `SSWS ${c.token}` };
    case 'slack': return { authorization: `Bearer ${c.userToken}` };
    case 'jira': return { authorization: `Basic ${Buffer.from(`${c.email}:${c.apiToken}`).toString('base64')}` };
    case 'google': return { authorization: `Bearer ${c.accessToken}` };
  }
}

/** Creates, as tenant B, resources whose names exist nowhere else; returns those names. */
async function plant(vendor: Vendor, twin: Twin, tenant: string, c: Record<string, any>): Promise<string[]> {
  const marker = `zq${tenant.replace(/[^a-z0-9]/gi, '').toLowerCase()}mark`;
  const h = { ...authHeaders(vendor, c), 'x-atlassian-token': 'no-check' };
  const p = `/t/${tenant}`;
  const ok = (r: { status: number; text: string }) => {
    if (r.status >= 300 || r.text.includes('"ok":false')) throw new Error(`planting ${marker} in ${vendor}: ${r.status} ${r.text.slice(0, 200)}`);
  };
  switch (vendor) {
    case 'okta':
      ok(await call(twin, 'POST', `${p}/api/v1/users?activate=true`, { headers: h, body: { profile: { firstName: marker, lastName: marker, email: `${marker}@b.example`, login: `${marker}@b.example` } } }));
      ok(await call(twin, 'POST', `${p}/api/v1/groups`, { headers: h, body: { profile: { name: `${marker}-group`, description: marker } } }));
      break;
    case 'slack':
      ok(await call(twin, 'POST', `${p}/api/conversations.create`, { headers: h, body: { name: `${marker}-chan` } }));
      ok(await call(twin, 'POST', `${p}/api/chat.postMessage`, { headers: h, body: { channel: '#general', text: `${marker} message` } }));
      break;
    case 'jira':
      ok(await call(twin, 'POST', `${p}/rest/api/3/issue`, { headers: h, body: { fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: `${marker} issue` } } }));
      break;
    case 'google':
      ok(await call(twin, 'POST', `${p}/drive/v3/files`, { headers: h, body: { name: `${marker} file`, mimeType: 'text/plain' } }));
      break;
  }
  return [marker];
}

function docIds(twin: Twin, tenant: string): Set<string> {
  const ids = new Set<string>();
  for (const docs of Object.values(twin.registry.snapshot(tenant)[tenant].collections)) for (const d of docs) if (typeof d.id === 'string' && d.id.length >= 6) ids.add(d.id);
  return ids;
}

/** Credential-looking strings of a tenant (tokens, secrets, keys). */
function secretsOf(c: unknown, out: string[] = []): string[] {
  if (typeof c === 'string') {
    if (c.length >= 20 && !/^https?:/.test(c)) out.push(c);
  } else if (c && typeof c === 'object') for (const v of Object.values(c)) secretsOf(v, out);
  return out;
}

export async function isolationRun(vendor: Vendor, twin: Twin, opts: { runs: number; seed: number }): Promise<IsolationReport> {
  const A = freshTenant('iso-a');
  const B = freshTenant('iso-b');
  const credsA = await credentialsOf(twin, A);
  const credsB = await credentialsOf(twin, B);
  const markers = await plant(vendor, twin, B, credsB);
  const secretsB = secretsOf(credsB).filter((s) => !secretsOf(credsA).includes(s));
  const idsA = docIds(twin, A);
  const onlyB = [...docIds(twin, B)].filter((id) => !idsA.has(id));
  const before = JSON.stringify(twin.registry.snapshot(B)[B].collections);
  const ops = twin.def.digest.operations;
  const report: IsolationReport = { cases: 0, leaks: [], changedB: false };
  const headersA = authHeaders(vendor, credsA);
  const sentByA: string[] = [];

  const caseArb = fc.record({
    op: fc.nat(ops.length - 1),
    mode: fc.constantFrom('foreign-prefix', 'no-prefix', 'own-prefix-foreign-ids'),
    id: fc.constantFrom(...onlyB),
  }).chain((c) => {
    const op = ops[c.op];
    const query = fc.record(Object.fromEntries(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, fromSchema(p.schema, twin.def.digest)])), { requiredKeys: [] });
    const media = Object.keys(op.requestBody?.content ?? {})[0];
    const body = media ? fromSchema(op.requestBody!.content[media]?.schema, twin.def.digest) : fc.constant(undefined);
    return fc.record({ c: fc.constant(c), query, body });
  });

  await fc.assert(
    fc.asyncProperty(caseArb, async ({ c, query, body }) => {
      const op = ops[c.op];
      const prefix = c.mode === 'foreign-prefix' ? `/t/${B}` : c.mode === 'own-prefix-foreign-ids' ? `/t/${A}` : '';
      const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(c.id));
      const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
      const url = `${prefix}${path}${qs ? `?${qs}` : ''}`;
      // What A itself sent, now or earlier, may come back ("not found: <id>", a property A stored); anything else of B's is a leak.
      sentByA.push(url, c.id, JSON.stringify(body) ?? '');
      const sent = sentByA.join(' ');
      const res = await call(twin, op.method.toUpperCase(), url, { headers: { ...headersA, 'x-atlassian-token': 'no-check' }, body: op.method === 'get' ? undefined : body });
      report.cases++;
      const text = res.text;
      const leaked = [...markers.filter((m) => text.includes(m)), ...secretsB.filter((s) => text.includes(s) && !sent.includes(s)), ...onlyB.filter((id) => text.includes(id) && !sent.includes(id))];
      if (leaked.length) report.leaks.push(`${op.id} ${c.mode} ${res.status}: ${leaked.join(', ')} in ${text.slice(0, 200)}`);
      return leaked.length === 0;
    }),
    { numRuns: opts.runs, seed: opts.seed, endOnFailure: true },
  ).catch((e: Error) => report.leaks.push(e.message.split('\n').slice(0, 4).join(' ')));

  report.changedB = JSON.stringify(twin.registry.snapshot(B)[B].collections) !== before;
  return report;
}
