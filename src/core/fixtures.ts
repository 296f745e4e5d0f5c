/**
 * Seed data. A fixture is a twin-specific JSON document under
 * `fixtures/<vendor>/<name>.json`; `empty` means none. A file given by path may
 * hold one vendor's fixture, or several under vendor-name keys. Each vendor's
 * fixture shape is `fixtures/<vendor>/schema.json`, checked on load and on seed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from './paths.js';
import { schemaError } from './control-input.js';

const VENDORS = ['okta', 'slack', 'jira', 'google'];

export function loadFixture(vendor: string, nameOrFile: string): unknown {
  const { fixture, checked } = readFixture(vendor, nameOrFile);
  const invalid = checked ? undefined : checkFixture(vendor, fixture);
  if (invalid) throw new Error(`dtu: ${vendor} fixture "${nameOrFile}" is malformed: ${invalid}`);
  return fixture;
}

/** `fixtures/<vendor>/<name>.json` → `checkedDigest` of the fixture the build checked against its schema. */
export const CHECKED_FIXTURES = 'dist/fixtures-checked.json';
let checkedAtBuild: Record<string, string> | undefined;

/** The committed fixtures as the build checked them (`scripts/bundle.mjs`); empty when running from sources. */
function builtChecks(): Record<string, string> {
  if (!checkedAtBuild) {
    const file = join(projectRoot(), CHECKED_FIXTURES);
    checkedAtBuild = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  }
  return checkedAtBuild;
}

/** What a build-time check vouches for: the schema's text and the fixture's text together. */
export function checkedDigest(vendor: string, text: string): string {
  const schema = join(projectRoot(), 'fixtures', vendor, 'schema.json');
  return createHash('sha256').update(existsSync(schema) ? readFileSync(schema) : '').update('\0').update(text).digest('hex');
}

/**
 * The fixture, and whether its schema check is already done: a committed fixture whose text is the one the
 * build checked needs no check at start (compiling the schema is a good part of a cold start).
 */
function readFixture(vendor: string, nameOrFile: string): { fixture: unknown; checked: boolean } {
  if (nameOrFile === 'empty') return { fixture: null, checked: true };
  const looksLikeFile = nameOrFile.includes('/') || nameOrFile.endsWith('.json');
  if (!looksLikeFile) {
    const file = join(projectRoot(), 'fixtures', vendor, `${nameOrFile}.json`);
    if (!existsSync(file)) {
      if (nameOrFile === 'default') return { fixture: null, checked: true };
      throw new Error(`dtu: no fixture "${nameOrFile}" for ${vendor} (looked for ${file})`);
    }
    const text = readFileSync(file, 'utf8');
    const vouched = builtChecks()[`${vendor}/${nameOrFile}.json`];
    return { fixture: JSON.parse(text), checked: vouched !== undefined && vouched === checkedDigest(vendor, text) };
  }
  const doc = JSON.parse(readFileSync(resolve(nameOrFile), 'utf8')) as Record<string, unknown>;
  if (doc && typeof doc === 'object' && VENDORS.some((v) => v in doc)) return { fixture: doc[vendor] ?? null, checked: false };
  return { fixture: doc, checked: false };
}

const schemas = new Map<string, object | null>();

/** Why a fixture does not fit its vendor's schema, or undefined when it does (or the vendor has none). */
export function checkFixture(vendor: string, fixture: unknown): string | undefined {
  if (!schemas.has(vendor)) {
    const file = join(projectRoot(), 'fixtures', vendor, 'schema.json');
    schemas.set(vendor, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : null);
  }
  const schema = schemas.get(vendor);
  const invalid = schema ? schemaError(schema, fixture, 'fixture') : undefined;
  // A new fixture section is added to the schema beside it; the message says where.
  return invalid && `${invalid} (shape: fixtures/${vendor}/schema.json)`;
}
