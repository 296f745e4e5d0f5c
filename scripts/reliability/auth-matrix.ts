/**
 * The auth negative matrix over every protected operation of every twin, with figures.
 *
 *   npx tsx scripts/reliability/auth-matrix.ts
 */
import { VENDORS, createVendorTwin } from '../../src/vendors.js';
import { authMatrix } from '../../test/reliability/auth-matrix.js';

let wrong = 0;
let total = 0;
for (const v of VENDORS) {
  const r = await authMatrix(v, () => createVendorTwin(v, { journalCapacity: 100 }));
  const n = Object.values(r.tried).reduce((a, b) => a + b, 0);
  total += n;
  wrong += r.wrong.length;
  console.log(`${v}: ${n} refusals checked ${JSON.stringify(r.tried)}, ${r.wrong.length} wrong${r.wrong.length ? `\n  ${r.wrong.join('\n  ')}` : ''}${r.skipped.length ? `\n  skipped: ${r.skipped.join('; ')}` : ''}`);
}
console.log(`${total} credential refusals checked across ${VENDORS.length} twins, ${wrong} not in the vendor's words`);
process.exit(wrong ? 1 : 0);
