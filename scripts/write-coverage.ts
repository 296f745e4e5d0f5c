/** Writes COVERAGE.md from `dtu coverage`: per twin, operations hand-written, inferred and answering 501. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { coverageMarkdown } from '../src/cli/coverage.js';
import { coverageRows } from '../src/cli/coverage.js';

const out = fileURLToPath(new URL('../COVERAGE.md', import.meta.url));
writeFileSync(out, coverageMarkdown(await coverageRows()));
console.log(`wrote ${out}`);
