// Our corrections to vendor documents: small JSON patch files, each with a one-line reason, applied before digesting.
//
// Format (twins/<vendor>/openapi/overlays/*.json, applied in filename order):
//   {
//     "reason": "one line: why the vendor document needs this",
//     "api": "drive",                        // only for twins built from several documents
//     "remove": ["POST /full/path"],         // operations to delete
//     "paths": { "/full/path": { "post": { ...OpenAPI operation... }, "parameters": [...] } },
//     "schemas": { "Name": { ...schema... } },
//     "patchSchemas": { "Name": { "properties": { "lastLogin": { "nullable": true } } } },
//     "dropParameters": [{ "in": "header", "name": "token" }]   // from every operation; "in": "body"
//                                                                // drops a request body property instead
//   }
// Paths are full request paths (server base path included), as in the digest.
// An operation that exists is merged shallowly (the overlay's top-level fields
// replace the vendor's, e.g. a new `requestBody`); a new one is added whole.
// Schemas are added or replaced whole. `patchSchemas` corrects part of an existing
// schema instead: each value is a JSON merge patch (RFC 7386: objects merge, `null`
// deletes a key, anything else, arrays included, replaces). `$ref`s use the document's
// own namespace (`#/components/schemas/File`). Every entry must hit something: a
// removal, a patched schema or a dropped parameter that matches nothing means the
// overlay went stale and fails.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTTP_METHODS, type Obj } from './load.js';

export interface Overlay {
  reason: string;
  api?: string;
  remove?: string[];
  paths?: Record<string, Obj>;
  schemas?: Record<string, Obj>;
  patchSchemas?: Record<string, Obj>;
  dropParameters?: Array<{ in: string; name: string }>;
}

export interface OverlayFile {
  file: string;
  overlay: Overlay;
}

/** `post /api/v1/users` → names of the overlay files that added or changed it. */
export type Touched = Map<string, string[]>;

const KEYS = new Set(['reason', 'api', 'remove', 'paths', 'schemas', 'patchSchemas', 'dropParameters']);

export function loadOverlays(dir: string): OverlayFile[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    const overlay = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Overlay;
    checkOverlay(file, overlay);
    return { file, overlay };
  });
}

/** Fails on a missing or multi-line reason, unknown keys, or malformed entries. */
export function checkOverlay(file: string, overlay: Overlay): void {
  const fail = (why: string) => {
    throw new Error(`overlay ${file}: ${why}`);
  };
  if (typeof overlay.reason !== 'string' || !overlay.reason.trim()) fail('needs a one-line "reason"');
  if (/[\r\n]/.test(overlay.reason)) fail('"reason" must be one line');
  for (const key of Object.keys(overlay)) if (!KEYS.has(key)) fail(`unknown key "${key}"`);
  for (const entry of overlay.remove ?? []) if (!parseOpKey(entry)) fail(`bad removal "${entry}" (want "METHOD /path")`);
  for (const [path, item] of Object.entries(overlay.paths ?? {})) {
    if (!path.startsWith('/') || /[?#]/.test(path)) fail(`bad path "${path}"`);
    for (const key of Object.keys(item)) {
      if (key !== 'parameters' && !(HTTP_METHODS as readonly string[]).includes(key)) fail(`unknown key "${key}" under ${path}`);
    }
  }
}

export function applyOverlay(doc: Obj, { file, overlay }: OverlayFile, touched: Touched): void {
  const mark = (key: string) => touched.set(key, [...(touched.get(key) ?? []).filter((f) => f !== file), file]);
  doc.paths ??= {};

  for (const entry of overlay.remove ?? []) {
    const { method, path } = parseOpKey(entry)!;
    if (!doc.paths[path]?.[method]) throw new Error(`overlay ${file}: nothing to remove at ${entry}`);
    delete doc.paths[path][method];
    touched.delete(`${method} ${path}`);
    if (!HTTP_METHODS.some((m) => doc.paths[path][m])) delete doc.paths[path];
  }

  for (const [path, item] of Object.entries(overlay.paths ?? {})) {
    const target = (doc.paths[path] ??= {});
    for (const [key, value] of Object.entries<Obj>(item)) {
      if (key === 'parameters') {
        target.parameters = structuredClone(value);
        for (const method of HTTP_METHODS) if (target[method]) mark(`${method} ${path}`);
        continue;
      }
      target[key] = target[key] ? { ...target[key], ...structuredClone(value) } : structuredClone(value);
      mark(`${key} ${path}`);
    }
  }

  if (overlay.schemas) {
    doc.components ??= {};
    doc.components.schemas ??= {};
    for (const [name, schema] of Object.entries(overlay.schemas)) doc.components.schemas[name] = structuredClone(schema);
  }

  for (const [name, patch] of Object.entries(overlay.patchSchemas ?? {})) {
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`overlay ${file}: no schema ${name} to patch`);
    doc.components.schemas[name] = mergePatch(target, patch);
  }

  for (const drop of overlay.dropParameters ?? []) {
    let hits = 0;
    const keep = (param: Obj) => {
      const p = param.$ref ? resolveLocal(doc, param.$ref) : param;
      const match = p?.in === drop.in && p?.name === drop.name;
      if (match) hits++;
      return !match;
    };
    for (const [path, item] of Object.entries<Obj>(doc.paths)) {
      if (Array.isArray(item.parameters)) {
        const before = item.parameters.length;
        item.parameters = item.parameters.filter(keep);
        if (item.parameters.length !== before) for (const m of HTTP_METHODS) if (item[m]) mark(`${m} ${path}`);
      }
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!Array.isArray(op?.parameters)) continue;
        const before = op.parameters.length;
        op.parameters = op.parameters.filter(keep);
        if (op.parameters.length !== before) mark(`${method} ${path}`);
      }
    }
    if (drop.in === 'body') hits += dropBodyProperty(doc, drop.name, mark);
    if (!hits) throw new Error(`overlay ${file}: no operation has a ${drop.in} parameter "${drop.name}"`);
  }
}

/** RFC 7386 JSON merge patch: objects merge recursively, `null` removes a key, other values replace. */
export function mergePatch(target: unknown, patch: unknown): any {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out: Obj = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Obj) } : {};
  for (const [key, value] of Object.entries(patch as Obj)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** `{in: "body"}`: the argument is a property of the request body schema (form fields); removed with its `required` entry. */
function dropBodyProperty(doc: Obj, name: string, mark: (key: string) => void): number {
  let hits = 0;
  for (const [path, item] of Object.entries<Obj>(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const body = item[method]?.requestBody;
      const resolved = body?.$ref ? resolveLocal(doc, body.$ref) : body;
      for (const media of Object.values<Obj>(resolved?.content ?? {})) {
        const schema = media.schema?.$ref ? resolveLocal(doc, media.schema.$ref) : media.schema;
        if (!schema?.properties?.[name]) continue;
        delete schema.properties[name];
        if (Array.isArray(schema.required)) schema.required = schema.required.filter((r: string) => r !== name);
        if (Array.isArray(schema.required) && !schema.required.length) delete schema.required;
        hits++;
        mark(`${method} ${path}`);
      }
    }
  }
  return hits;
}

export function parseOpKey(entry: string): { method: string; path: string } | undefined {
  const match = /^([A-Za-z]+) (\/\S*)$/.exec(entry);
  const method = match?.[1]!.toLowerCase();
  if (!match || !(HTTP_METHODS as readonly string[]).includes(method!)) return undefined;
  return { method: method!, path: match[2]! };
}

/** Follows a local `#/…` pointer inside the document. */
export function resolveLocal(doc: Obj, ref: string): Obj | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: any = doc;
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node as Obj | undefined;
}
