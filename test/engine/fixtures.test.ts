// Committed fixtures against their schemas, and the build's record of that check (which lets a start skip it).
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFixture, checkedDigest, loadFixture } from '../../src/core/fixtures.js';
import { projectRoot } from '../../src/core/paths.js';

const VENDORS = ['okta', 'slack', 'jira', 'google'];

describe('fixtures', () => {
  for (const vendor of VENDORS) {
    for (const name of readdirSync(join(projectRoot(), 'fixtures', vendor)).filter((f) => f.endsWith('.json') && f !== 'schema.json')) {
      it(`fixtures/${vendor}/${name} fits its schema`, () => {
        expect(checkFixture(vendor, JSON.parse(readFileSync(join(projectRoot(), 'fixtures', vendor, name), 'utf8')))).toBeUndefined();
      });
    }
  }

  it('a build-time check vouches for the exact schema and fixture text only', () => {
    const text = readFileSync(join(projectRoot(), 'fixtures', 'okta', 'default.json'), 'utf8');
    expect(checkedDigest('okta', text)).toBe(checkedDigest('okta', text));
    expect(checkedDigest('okta', `${text} `)).not.toBe(checkedDigest('okta', text));
    expect(checkedDigest('slack', text)).not.toBe(checkedDigest('okta', text));
  });

  it('a fixture given by file is always checked', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dtu-fixture-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ okta: { users: 'not a list' } }));
    expect(() => loadFixture('okta', file)).toThrow(/malformed/);
  });
});
