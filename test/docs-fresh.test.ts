// COVERAGE.md, FIDELITY.md and the README's generated tables match what the current code produces (regenerate with
// `npm run coverage:write` and `npm run fidelity:write`). FIDELITY.md is compared by the inputs it was generated from
// (SDK surfaces, scenarios, twin coverage): recomputing the full compat run here would take minutes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverageMarkdown, coverageMarkdownTable, coverageRows } from '../src/cli/coverage.js';
import { readBlock } from '../src/cli/doc-blocks.js';
import { fidelityInputs, readInputs } from '../sdk-compat/inputs.js';

const read = (f: string) => readFileSync(new URL(`../${f}`, import.meta.url), 'utf8');

describe('generated docs are current', () => {
  it('COVERAGE.md and the README coverage table', async () => {
    const rows = await coverageRows();
    expect(read('COVERAGE.md'), 'COVERAGE.md is stale: npm run coverage:write').toBe(coverageMarkdown(rows));
    expect(readBlock(read('README.md'), 'coverage'), 'README coverage table is stale: npm run coverage:write').toBe(coverageMarkdownTable(rows));
  }, 120_000);

  it('FIDELITY.md was generated from the current surfaces, scenarios and coverage, and the README shows its headline', async () => {
    const fidelity = read('FIDELITY.md');
    expect(readInputs(fidelity), 'FIDELITY.md is stale: npm run fidelity:write').toEqual(await fidelityInputs());
    const headline = readBlock(read('README.md'), 'fidelity');
    expect(headline && fidelity.includes(headline), 'README SDK table differs from FIDELITY.md: npm run fidelity:write').toBe(true);
  }, 180_000);
});
