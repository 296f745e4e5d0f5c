/**
 * Seed data. A fixture is a twin-specific JSON document under
 * `fixtures/<vendor>/<name>.json`; `empty` means none. A file given by path may
 * hold one vendor's fixture, or several under vendor-name keys. Each vendor's
 * fixture shape is `fixtures/<vendor>/schema.json`, checked on load and on seed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from './paths.js';
import { schemaError } from './control-input.js';

const VENDORS = ['okta', 'slack', 'jira', 'google'];

export function loadFixture(vendor: string, nameOrFile: string): unknown {
  const fixture = readFixture(vendor, nameOrFile);
  const invalid = checkFixture(vendor, fixture);
  if (invalid) throw new Error(`dtu: ${vendor} fixture "${nameOrFile}" is malformed: ${invalid}`);
  return fixture;
}

function readFixture(vendor: string, nameOrFile: string): unknown {
  if (nameOrFile === 'empty') return null;
  const looksLikeFile = nameOrFile.includes('/') || nameOrFile.endsWith('.json');
  if (!looksLikeFile) {
    const file = join(projectRoot(), 'fixtures', vendor, `${nameOrFile}.json`);
    if (!existsSync(file)) {
      if (nameOrFile === 'default') return null;
      throw new Error(`dtu: no fixture "${nameOrFile}" for ${vendor} (looked for ${file})`);
    }
    return JSON.parse(readFileSync(file, 'utf8'));
  }
  const doc = JSON.parse(readFileSync(resolve(nameOrFile), 'utf8')) as Record<string, unknown>;
  if (doc && typeof doc === 'object' && VENDORS.some((v) => v in doc)) return doc[vendor] ?? null;
  return doc;
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
