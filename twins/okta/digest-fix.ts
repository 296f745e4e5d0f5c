// Twin-local corrections to the loaded digest until the engine and the overlays catch up (the digest file is untouched).
import type { Digest, OperationDigest } from '../../src/core/digest.js';

/**
 * `OperationRouter` reuses one trie node for `/users/{associatedUserId}` and
 * `/users/{userId}`, keeping the first name it saw, so later operations receive
 * (and are validated against) the wrong parameter name. Renaming every
 * operation's path parameter to the name most operations use at that position
 * makes the router, the validator and the handlers agree whatever the order.
 * The digest file itself is untouched.
 */
export function unifyPathParams(digest: Digest): Digest {
  const positions = (op: OperationDigest) => {
    const out: Array<{ prefix: string; name: string }> = [];
    let prefix = '';
    for (const seg of op.path.split('/').filter(Boolean)) {
      const m = /^\{([^}]+)\}$/.exec(seg);
      if (m) out.push({ prefix, name: m[1] });
      prefix += `/${m ? '{}' : seg}`;
    }
    return out;
  };
  const counts = new Map<string, Map<string, number>>();
  for (const op of digest.operations) {
    for (const { prefix, name } of positions(op)) {
      const c = counts.get(prefix) ?? new Map<string, number>();
      c.set(name, (c.get(name) ?? 0) + 1);
      counts.set(prefix, c);
    }
  }
  const majority = (prefix: string) => [...counts.get(prefix)!.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const operations = digest.operations.map((op) => {
    const renames = new Map<string, string>();
    for (const { prefix, name } of positions(op)) if (majority(prefix) !== name) renames.set(name, majority(prefix));
    if (!renames.size) return op;
    const path = op.path.replace(/\{([^}]+)\}/g, (all, n: string) => (renames.has(n) ? `{${renames.get(n)}}` : all));
    const parameters = op.parameters.map((p) => (p.in === 'path' && renames.has(p.name) ? { ...p, name: renames.get(p.name)! } : p));
    return { ...op, path, parameters } satisfies OperationDigest;
  });
  return { ...digest, operations };
}

/**
 * The 2.15.0 spec types free-form profiles as `additionalProperties: {type: object}`,
 * which rejects every string value an app-user or app profile really holds
 * (`{"role": "editor"}`). Until an overlay fixes the digest, the twin reads these
 * profiles as free-form objects.
 */
const FREE_FORM_PROFILES = ['AppUser', 'Application', 'ApplicationGroupAssignment', 'IdentityProviderApplicationUser'];

export function relaxFreeFormProfiles(digest: Digest): Digest {
  const schemas = { ...digest.schemas };
  for (const name of FREE_FORM_PROFILES) {
    const s = schemas[name] as { properties?: Record<string, Record<string, unknown>> } | undefined;
    const profile = s?.properties?.profile;
    if (!profile || (profile.additionalProperties as { type?: string } | undefined)?.type !== 'object') continue;
    schemas[name] = { ...s, properties: { ...s!.properties, profile: { ...profile, additionalProperties: true } } };
  }
  return { ...digest, schemas };
}

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
  return { ...digest, schemas };
}
