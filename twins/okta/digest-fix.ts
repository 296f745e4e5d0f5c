// Twin-local corrections to the loaded digest until the engine and the overlays catch up (the digest file is untouched).
import type { Digest } from '../../src/core/digest.js';

/** Marks every typed property nullable, recursively. */
function nullable(schema: unknown, depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 40) return schema;
  if (Array.isArray(schema)) return schema.map((x) => nullable(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, prop]) => {
        const p = nullable(prop, depth + 1) as Record<string, unknown>;
        return [name, p && typeof p === 'object' && (p.type || p.$ref) ? (p.$ref ? { allOf: [p], nullable: true } : { ...p, nullable: true }) : p];
      }));
    } else out[k] = nullable(v, depth + 1);
  }
  return out;
}

/**
 * The 2.15.0 spec has no `nullable`, yet Okta sends (and the SDK sends back)
 * `null` for every unset attribute: profile fields, timestamps, redirect URLs,
 * notes (cassette test_users_it: `"activated":null,"lastLogin":null`). It also
 * types every `_links` entry as an object where Okta sends arrays (`logo`,
 * `appLinks`). Both are relaxed so validation and contract checks follow the wire.
 */
export function relaxNullsAndLinks(digest: Digest): Digest {
  // Only validation reads the schemas, and it starts on the first request: relax them then, not at start-up.
  let relaxed: Digest['schemas'] | undefined;
  const out = { ...digest };
  Object.defineProperty(out, 'schemas', { enumerable: true, get: () => (relaxed ??= relaxSchemas(digest)) });
  return out;
}

function relaxSchemas(digest: Digest): Digest['schemas'] {
  const schemas: Record<string, Record<string, any>> = {};
  for (const [name, s] of Object.entries(digest.schemas)) {
    const n = nullable(s) as Record<string, any>;
    const links = n?.properties?._links;
    if (links && typeof links === 'object') {
      const base = links.allOf ? links : links;
      n.properties._links = { ...base, additionalProperties: true };
    }
    schemas[name] = n;
  }
  return schemas;
}
