/** Partial responses: parsing, checking and applying the `fields` parameter. */
/*
 * Partial responses: the `fields` parameter (`files(id,name),nextPageToken`,
 * `permissions/role`, `sheets.properties`, `*`), checked against the response schema the way Google
 * checks it — an unknown field is a 400, not silently ignored
 * (https://developers.google.com/workspace/drive/api/guides/fields-parameter).
 */
import type { Digest, JsonSchema } from '../../src/core/digest.js';

export type FieldTree = Map<string, FieldTree | true>;

export class FieldSyntaxError extends Error {
  constructor(readonly field: string) {
    super(`Invalid field selection ${field}`);
  }
}

/** Parses a selector into a tree; `true` marks "the whole subtree". */
export function parseFields(spec: string): FieldTree {
  let i = 0;
  const s = spec.replace(/\s+/g, '');
  const parseList = (depth: number): FieldTree => {
    const tree: FieldTree = new Map();
    for (;;) {
      const start = i;
      while (i < s.length && !',()'.includes(s[i])) i++;
      const path = s.slice(start, i);
      if (!path || path.split(/[/.]/).some((p) => !p)) throw new FieldSyntaxError(path || s.slice(start, start + 1) || spec);
      let leaf: FieldTree | true = true;
      if (s[i] === '(') {
        i++;
        leaf = parseList(depth + 1);
        if (s[i] !== ')') throw new FieldSyntaxError(path);
        i++;
      }
      insert(tree, path.split(/[/.]/), leaf);
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ')' && depth > 0) return tree;
      if (i >= s.length && depth === 0) return tree;
      throw new FieldSyntaxError(path);
    }
  };
  return parseList(0);
}

function insert(tree: FieldTree, path: string[], leaf: FieldTree | true): void {
  const [head, ...rest] = path;
  if (!rest.length) {
    const prev = tree.get(head);
    tree.set(head, prev === true || leaf === true ? true : merge(prev, leaf));
    return;
  }
  let sub = tree.get(head);
  if (sub === true) return;
  if (!sub) tree.set(head, (sub = new Map()));
  insert(sub, rest, leaf);
}

function merge(a: FieldTree | undefined, b: FieldTree): FieldTree {
  if (!a) return b;
  for (const [k, v] of b) {
    const prev = a.get(k);
    a.set(k, prev === true || v === true ? true : merge(prev, v));
  }
  return a;
}

/** Checks every named field exists in the schema (`*` and free-form maps accept anything). */
export function checkFields(tree: FieldTree, schema: JsonSchema | undefined, digest: Digest): void {
  const s = resolve(schema, digest);
  if (!s) return;
  const props = s.properties as Record<string, JsonSchema> | undefined;
  for (const [name, sub] of tree) {
    if (name === '*') continue;
    if (!props || !(name in props)) {
      if (s.additionalProperties) continue;
      throw new FieldSyntaxError(name);
    }
    if (sub !== true) {
      let child = resolve(props[name], digest);
      if (child?.type === 'array') child = resolve(child.items as JsonSchema, digest);
      checkFields(sub, child, digest);
    }
  }
}

function resolve(schema: JsonSchema | undefined, digest: Digest): JsonSchema | undefined {
  let s = schema;
  for (let n = 0; s && typeof s.$ref === 'string' && n < 10; n++) s = digest.schemas[(s.$ref as string).replace('#/schemas/', '')];
  return s;
}

/** Keeps only the selected fields of a value (arrays apply the selection to each element). */
export function applyFields(value: unknown, tree: FieldTree | true): unknown {
  if (tree === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => applyFields(v, tree));
  if (tree.has('*')) return value;
  const out: Record<string, unknown> = {};
  const obj = value as Record<string, unknown>;
  for (const [k, sub] of tree) if (obj[k] !== undefined) out[k] = applyFields(obj[k], sub);
  return out;
}

/** The selection the caller's `fields` names (checked against the schema), or the method's default set when none was given. */
export function selection(fields: string | undefined, fallback: string, schema: JsonSchema | undefined, digest: Digest): FieldTree {
  const tree = parseFields(fields && fields.trim() ? fields : fallback);
  if (fields) checkFields(tree, schema, digest);
  return tree;
}

/** A selection that keeps nothing (a value it is applied to becomes `{}`). */
export const NOTHING: FieldTree = new Map();

/** Whether a selection keeps the field `name` of the value it is applied to. */
export const selects = (tree: FieldTree | true, name: string): boolean => tree === true || tree.has('*') || tree.has(name);

/** What a selection keeps inside the field `name`: all of it, part of it, or (when the field is not kept) nothing. */
export function within(tree: FieldTree | true, name: string): FieldTree | true {
  if (tree === true || tree.has('*')) return true;
  return tree.get(name) ?? NOTHING;
}
