/** Writes COVERAGE.md and the README's coverage table from `dtu coverage`: per twin, hand-written, inferred CRUD, 501 and the behavior share. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { coverageMarkdown, coverageMarkdownTable, coverageRows } from '../src/cli/coverage.js';
import { replaceBlock } from '../src/cli/doc-blocks.js';

const rows = await coverageRows();
const out = fileURLToPath(new URL('../COVERAGE.md', import.meta.url));
writeFileSync(out, coverageMarkdown(rows));
const readme = fileURLToPath(new URL('../README.md', import.meta.url));
writeFileSync(readme, replaceBlock(readFileSync(readme, 'utf8'), 'coverage', coverageMarkdownTable(rows)));
console.log(`wrote ${out} and the coverage table in ${readme}`);
