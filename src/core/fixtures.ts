/**
 * Seed data. A fixture is a twin-specific JSON document under
 * `fixtures/<vendor>/<name>.json`; `empty` means none. A file given by path may
 * hold one vendor's fixture, or several under vendor-name keys.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from './paths.js';

const VENDORS = ['okta', 'slack', 'jira', 'google'];

export function loadFixture(vendor: string, nameOrFile: string): unknown {
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
