/**
 * Tenant isolation, long run: random operations of every twin made with tenant
 * A's credentials (B's prefix, no prefix, B's ids) must show nothing of B and
 * change nothing in B. Prints the cases tried and any leak with its seed.
 *
 *   npx tsx scripts/reliability/isolation.ts [--runs 2000] [--seed N]
 */
import { parseArgs } from 'node:util';
import { VENDORS } from '../../src/vendors.js';
import { createVendorTwin } from '../../src/vendors.js';
import { isolationRun } from '../../test/reliability/isolation-cases.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' }, seed: { type: 'string' } } });
const seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
let cases = 0;
let failed = 0;
for (const [k, v] of VENDORS.entries()) {
  const r = await isolationRun(v, await createVendorTwin(v, { journalCapacity: 100 }), { runs: Number(values.runs), seed: seed + k });
  cases += r.cases;
  if (r.leaks.length || r.changedB) failed++;
  console.log(`${v}: ${r.cases} cases (seed ${seed + k}), ${r.leaks.length} leaks, B ${r.changedB ? 'CHANGED' : 'unchanged'}${r.leaks.length ? `\n  ${r.leaks.join('\n  ')}` : ''}`);
}
console.log(`seed ${seed}: ${cases} isolation cases tried across ${VENDORS.length} twins, ${failed} twins with a leak`);
process.exit(failed ? 1 : 0);
