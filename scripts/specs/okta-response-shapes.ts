// One-off generator of Okta response-shape corrections (twins/okta/openapi/overlays/40-*.json, 41-*.json).
//
//   npx tsx scripts/specs/okta-response-shapes.ts <path/to/okta-sdk-python-cassettes>
//
// 40-free-form-maps.json is a rule over the document: the 2.15.0 spec types its
// free-form maps `additionalProperties: {type: object}`. Okta's HAL `_links` and
// `_embedded` maps hold an object *or an array of objects* per key
// (authorization server `_links.metadata`, app `_links.appLinks`, refresh token
// `_embedded.scopes`); profile maps and log details hold any JSON value.
//
// 41-recorded-response-shapes.json comes from recordings of real Okta orgs
// (the okta-sdk-python integration-test cassettes: directories of VCR YAML
// files). Every recorded 2xx JSON response is validated against the digest
// built from all other overlays; each failure a schema change can explain
// becomes a JSON merge patch (`patchSchemas`) on the schema that owns the
// failing property: `null` where the spec says string/object (nullable), an
// array where it says object, an enum value it does not list. Failures of
// other kinds are printed for a human. Re-run after changing other overlays.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Digest } from '../../src/core/digest.js';
import { projectRoot } from '../../src/core/paths.js';
import { OperationRouter } from '../../src/core/router.js';
import { Validator } from '../../src/core/validate.js';
import { buildDigest } from './build-digest.js';
import { fetchSources } from './fetch.js';
import { loadDoc, type Obj } from './load.js';
import { applyOverlay, loadOverlays, mergePatch, type OverlayFile } from './overlay.js';
import { vendorSpec } from './sources.js';

const root = projectRoot();
const cassettes = process.argv[2];
if (!cassettes) {
  console.error('usage: npx tsx scripts/specs/okta-response-shapes.ts <path/to/okta-sdk-python-cassettes>');
  process.exit(2);
}
const overlayDir = join(root, 'twins', 'okta', 'openapi', 'overlays');
const FREE_FORM_FILE = '40-free-form-maps.json';
const RECORDED_FILE = '41-recorded-response-shapes.json';
const spec = vendorSpec('okta');

/** The overlaid document and its digest, from every overlay except the ones named. */
async function build(except: string[], extra: OverlayFile[] = []): Promise<{ doc: Obj; digest: Digest }> {
  const overlays = [...loadOverlays(overlayDir).filter((o) => !except.includes(o.file)), ...extra];
  const loaded = await loadDoc(fetchSources(root, spec.sources)[0]!, spec.sources[0]!);
  const touched = new Map<string, string[]>();
  for (const overlay of overlays) applyOverlay(loaded.doc, overlay, touched);
  const digest = buildDigest(spec, [{ loaded, touched }], overlays);
  return { doc: loaded.doc, digest };
}

const lines = (obj: Obj) => Object.entries(obj).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
function write(file: string, reason: string, patches: Obj): void {
  const sorted = Object.fromEntries(Object.entries(patches).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(join(overlayDir, file), `{\n  "reason": ${JSON.stringify(reason)},\n  "patchSchemas": {\n${lines(sorted)}\n  }\n}\n`);
}

// --- 40: free-form maps ----------------------------------------------------------------------

const objectOrArray = { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] };
const base = await build([FREE_FORM_FILE, RECORDED_FILE]);
const freeForm: Obj = {};
/** Walks properties/items/additionalProperties (not allOf arrays, which a merge patch cannot address). */
function freeFormMaps(node: Obj, pointer: string[], found: Array<{ pointer: string[]; key: string }>): void {
  if (!node || typeof node !== 'object') return;
  const ap = node.additionalProperties;
  if (ap && typeof ap === 'object' && ap.type === 'object' && Object.keys(ap).length === 1) found.push({ pointer, key: pointer[pointer.length - 1] ?? '' });
  for (const [name, sub] of Object.entries<Obj>(node.properties ?? {})) freeFormMaps(sub, [...pointer, 'properties', name], found);
  if (node.items && !Array.isArray(node.items)) freeFormMaps(node.items, [...pointer, 'items'], found);
  if (ap && typeof ap === 'object') freeFormMaps(ap, [...pointer, 'additionalProperties'], found);
}
for (const [name, schema] of Object.entries<Obj>(base.doc.components.schemas)) {
  const found: Array<{ pointer: string[]; key: string }> = [];
  freeFormMaps(schema, [], found);
  for (const { pointer, key } of found) {
    const value = key === '_links' || key === '_embedded' ? { type: null, ...objectOrArray } : { type: null };
    freeForm[name] = composePatch(freeForm[name] ?? {}, nest([...pointer, 'additionalProperties'], value));
  }
}
write(
  FREE_FORM_FILE,
  "Free-form maps the spec types additionalProperties {type: object}: HAL _links and _embedded entries are an object or an array of objects (authorization server metadata, app logo, refresh token scopes); profile and log detail values are any JSON value",
  freeForm,
);
console.log(`okta-response-shapes: ${FREE_FORM_FILE}: ${Object.keys(freeForm).length} schemas`);

// --- 41: recorded responses ------------------------------------------------------------------

const { digest } = await build([RECORDED_FILE]);
const schemas = digest.schemas as Record<string, Obj>;
const router = new OperationRouter(digest.operations);
let validator = new Validator(digest);
const refName = (ref: string) => /^#\/schemas\/(.+)$/.exec(ref)?.[1];

interface Slot {
  /** Component schema that owns the slot, and the pointer from it; undefined when inline in an operation. */
  owner?: string;
  pointer: string[];
  node: Obj;
}

/** Follows an instance path through the schema, returning the slot that holds the last value's schema. */
function locate(start: Obj, segments: string[]): Slot | undefined {
  let slot: Slot = { pointer: [], node: start };
  for (const seg of segments) {
    const resolved = deref(slot);
    if (!resolved) return undefined;
    const next = step(resolved, seg);
    if (!next) return undefined;
    slot = next;
  }
  return slot;
}

/** A slot whose node is a `$ref` becomes the referenced component (pointer empty). */
function deref(slot: Slot): Slot | undefined {
  let current = slot;
  for (let hops = 0; current.node.$ref; hops++) {
    const name = refName(current.node.$ref);
    if (!name || !schemas[name] || hops > 10) return undefined;
    current = { owner: name, pointer: [], node: schemas[name]! };
  }
  return current;
}

function step(slot: Slot, seg: string): Slot | undefined {
  const { node } = slot;
  const at = (keys: string[], child: Obj): Slot => ({ owner: slot.owner, pointer: [...slot.pointer, ...keys], node: child });
  if (node.properties?.[seg]) return at(['properties', seg], node.properties[seg]);
  if (/^\d+$/.test(seg) && node.items) return at(['items'], node.items);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    for (const [i, branch] of (node[key] ?? []).entries()) {
      const resolved = deref(at([key, String(i)], branch));
      const found = resolved && step(resolved, seg);
      // A slot reached through an inline branch sits inside an array, which a merge patch cannot address.
      if (found) return found.pointer.some((p) => p === key) && !found.owner ? undefined : found;
    }
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') return at(['additionalProperties'], node.additionalProperties);
  return undefined;
}

function valueAt(body: unknown, segments: string[]): unknown {
  let v: any = body;
  for (const s of segments) v = v?.[s];
  return v;
}

/** Nested merge patch for one slot. */
function nest(pointer: string[], patch: Obj): Obj {
  return pointer.reduceRight<Obj>((acc, key) => ({ [key]: acc }), patch);
}

/** `#/schemas/X` (digest) → `#/components/schemas/X` (document), at any depth. */
function toDocRefs(node: unknown): any {
  if (Array.isArray(node)) return node.map(toDocRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/schemas/', '#/components/schemas/') : toDocRefs(v)]));
}

const patches: Obj = {};
const unexplained = new Map<string, number>();
const addPatch = (owner: string, pointer: string[], patch: Obj) => {
  patches[owner] = composePatch(patches[owner] ?? {}, nest(pointer, patch));
  // Merge patches compose: later fixes on the same slot see earlier ones through the schema as patched.
  schemas[owner] = mergePatch(schemas[owner], nest(pointer, toDigestRefs(patch)));
};
/** Two merge patches as one: like mergePatch, but a `null` (delete) stays in the result. */
function composePatch(first: Obj, second: Obj): Obj {
  const out: Obj = { ...first };
  for (const [key, value] of Object.entries(second)) {
    const isObj = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
    out[key] = isObj(value) && isObj(out[key]) ? composePatch(out[key], value) : value;
  }
  return out;
}

function toDigestRefs(node: unknown): any {
  if (Array.isArray(node)) return node.map(toDigestRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', '#/schemas/') : toDigestRefs(v)]));
}

function fix(slot: Slot, keyword: string, value: unknown): boolean {
  const patch = fixFor(slot, keyword, value);
  if (!patch) return false;
  addPatch(patch.owner, patch.pointer, patch.patch);
  return true;
}

/** The merge patch that lets `value` through at `slot`, if a schema change can explain the failure. */
function fixFor(slot: Slot, keyword: string, value: unknown): { owner: string; pointer: string[]; patch: Obj } | undefined {
  const { owner, pointer, node } = slot;
  if (!owner) return undefined;
  if (keyword === 'type' && value === null) {
    if (node.$ref) return { owner, pointer, patch: { $ref: null, anyOf: [toDocRefs({ $ref: node.$ref }), { enum: [null] }] } };
    if (node.type) return { owner, pointer, patch: { nullable: true } };
    if (node.anyOf) return { owner, pointer, patch: { anyOf: [...toDocRefs(node.anyOf), { enum: [null] }] } };
    return undefined;
  }
  if (keyword === 'type' && Array.isArray(value) && (node.type === 'object' || node.$ref)) {
    const original = toDocRefs(node);
    const removed = Object.fromEntries(Object.keys(original).map((k) => [k, null]));
    return { owner, pointer, patch: { ...removed, anyOf: [original, { type: 'array', items: original }] } };
  }
  if (keyword === 'enum' && typeof value === 'string') {
    const target = node.$ref ? deref(slot) : slot;
    if (!target?.owner || !Array.isArray(target.node.enum)) return undefined;
    return { owner: target.owner, pointer: target.pointer, patch: { enum: [...target.node.enum, value] } };
  }
  return undefined;
}

let checked = 0;
for (const group of readdirSync(cassettes).sort()) {
  for (const file of readdirSync(join(cassettes, group)).filter((f) => f.endsWith('.yaml')).sort()) {
    const doc = parseYaml(readFileSync(join(cassettes, group, file), 'utf8')) as { interactions?: Obj[] };
    for (const it of doc?.interactions ?? []) {
      const status = Number(it.response?.status?.code);
      const text = it.response?.body?.string;
      if (!(status >= 200 && status < 300) || typeof text !== 'string' || !text) continue;
      const match = router.match(it.request.method, new URL(it.request.uri).pathname);
      if (match.kind !== 'match') continue;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        continue;
      }
      checked++;
      const schema = match.op.responses[String(status)]?.content?.['application/json']?.schema;
      if (!schema) continue;
      // Fix one failure at a time: a fixed slot can change what the next validation reports.
      for (let round = 0; round < 50; round++) {
        const issues = validator.response(match.op, status, 'application/json', body).filter((i) => i.keyword === 'type' || i.keyword === 'enum');
        const issue = issues.find((i) => {
          const segments = i.path.split('/').slice(1);
          const slot = locate(schema, segments);
          return slot && fix(slot, i.keyword!, valueAt(body, segments));
        });
        if (!issue) {
          for (const i of issues) unexplained.set(`${match.op.id} ${i.path} ${i.message}`, (unexplained.get(`${match.op.id} ${i.path} ${i.message}`) ?? 0) + 1);
          break;
        }
        // The validator caches compiled schemas: start a fresh one over the patched schemas.
        validator = new Validator(digest);
      }
    }
  }
}
write(RECORDED_FILE, 'Shapes recorded Okta responses have that the spec rejects: null for absent values, arrays where it says object, enum values it lacks (from the okta-sdk-python cassettes)', patches);
console.log(`okta-response-shapes: ${checked} recorded responses, ${RECORDED_FILE}: ${Object.keys(patches).length} schemas patched`);
for (const [what, n] of unexplained) console.log(`  not explained (${n}): ${what}`);
