/** Custom user schemas: definitions, validation of users' `customSchemas` values against them, and schema-aware search. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { E } from '../../errors.js';
import { K, users, type DirUser } from '../../store.js';

export type FieldType = 'STRING' | 'INT64' | 'BOOL' | 'DOUBLE' | 'EMAIL' | 'PHONE' | 'DATE';
const TYPES: FieldType[] = ['STRING', 'INT64', 'BOOL', 'DOUBLE', 'EMAIL', 'PHONE', 'DATE'];

export interface SchemaField {
  fieldId: string;
  fieldName: string;
  fieldType: FieldType;
  multiValued: boolean;
  indexed: boolean;
  readAccessType: 'ALL_DOMAIN_USERS' | 'ADMINS_AND_SELF';
  displayName: string;
  numericIndexingSpec?: { minValue?: number; maxValue?: number };
}

export interface UserSchema extends Doc {
  schemaName: string;
  displayName: string;
  fields: SchemaField[];
}

export const userSchemas = (t: Tenant) => t.collection<UserSchema>(K.userSchemas);
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const newId = (t: Tenant) => t.random.chars(22, ID_CHARS);

export function schemaByKey(t: Tenant, key: string): UserSchema | undefined {
  return userSchemas(t).get(key) ?? userSchemas(t).find((s) => s.schemaName === key);
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Builds a schema from a request body, keeping field ids of fields that keep their name. */
export function buildSchema(t: Tenant, body: Record<string, unknown>, prev?: UserSchema): UserSchema {
  const schemaName = typeof body.schemaName === 'string' ? body.schemaName : prev?.schemaName;
  if (!schemaName || !NAME.test(schemaName)) throw E.invalidInput('schemaName');
  const clash = userSchemas(t).find((s) => s.id !== prev?.id && s.schemaName.toLowerCase() === schemaName.toLowerCase());
  if (clash) throw E.entityExists();
  const raw = body.fields ?? prev?.fields;
  if (!Array.isArray(raw) || !raw.length) throw E.invalidInput('fields');
  const seen = new Set<string>();
  const fields = raw.map((x): SchemaField => {
    const f = (x ?? {}) as Record<string, unknown>;
    const fieldName = f.fieldName;
    if (typeof fieldName !== 'string' || !NAME.test(fieldName) || seen.has(fieldName.toLowerCase())) throw E.invalidInput(`fieldName ${String(fieldName)}`);
    seen.add(fieldName.toLowerCase());
    const fieldType = f.fieldType as FieldType;
    if (!TYPES.includes(fieldType)) throw E.invalidInput(`fieldType ${String(f.fieldType)}`);
    const old = prev?.fields.find((p) => p.fieldName === fieldName);
    return {
      fieldId: old?.fieldId ?? newId(t),
      fieldName,
      fieldType,
      multiValued: f.multiValued === true,
      indexed: f.indexed !== false,
      readAccessType: f.readAccessType === 'ADMINS_AND_SELF' ? 'ADMINS_AND_SELF' : 'ALL_DOMAIN_USERS',
      displayName: typeof f.displayName === 'string' ? f.displayName : fieldName,
      ...(f.numericIndexingSpec && typeof f.numericIndexingSpec === 'object' ? { numericIndexingSpec: f.numericIndexingSpec as SchemaField['numericIndexingSpec'] } : {}),
    };
  });
  return { id: prev?.id ?? newId(t), schemaName, displayName: typeof body.displayName === 'string' ? body.displayName : (prev?.displayName ?? schemaName), fields };
}

/** One value in its stored form; the Directory API carries INT64 as a decimal string, as JSON int64 always is. */
function typed(f: SchemaField, v: unknown): unknown {
  const bad = () => E.invalidInput(`Invalid value for ${f.fieldName}: ${JSON.stringify(v)}`);
  switch (f.fieldType) {
    case 'INT64': {
      const s = String(v);
      if (!/^-?\d+$/.test(s)) throw bad();
      const n = Number(s);
      const spec = f.numericIndexingSpec;
      if (spec && ((spec.minValue !== undefined && n < spec.minValue) || (spec.maxValue !== undefined && n > spec.maxValue))) throw bad();
      return s;
    }
    case 'DOUBLE': {
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(n)) throw bad();
      return n;
    }
    case 'BOOL':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      throw bad();
    case 'DATE':
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw bad();
      return v;
    case 'EMAIL':
      if (typeof v !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) throw bad();
      return v;
    default:
      if (typeof v !== 'string' && typeof v !== 'number') throw bad();
      return String(v);
  }
}

/**
 * Merges a body's `customSchemas` into a user's: each named schema must exist,
 * each field must belong to it and have its type; a multi-valued field is a list
 * of `{value, type, customType}`; an empty string clears a field.
 */
export function mergeCustomSchemas(t: Tenant, current: Record<string, Record<string, unknown>> | undefined, sent: unknown): Record<string, Record<string, unknown>> | undefined {
  if (sent === undefined) return current;
  if (!sent || typeof sent !== 'object' || Array.isArray(sent)) throw E.invalidInput('customSchemas');
  const out = structuredClone(current ?? {});
  for (const [name, values] of Object.entries(sent as Record<string, unknown>)) {
    const schema = userSchemas(t).find((s) => s.schemaName === name);
    if (!schema) throw E.invalidInput(`Schema ${name} does not exist`);
    if (values === null) {
      delete out[name];
      continue;
    }
    if (typeof values !== 'object' || Array.isArray(values)) throw E.invalidInput(`customSchemas.${name}`);
    const target = (out[name] ??= {});
    for (const [fieldName, v] of Object.entries(values as Record<string, unknown>)) {
      const f = schema.fields.find((x) => x.fieldName === fieldName);
      if (!f) throw E.invalidInput(`Field ${fieldName} does not exist in schema ${name}`);
      // The front end drops JSON nulls before the body is read, so an empty string is how a value is cleared.
      if (v === null || v === '') {
        delete target[fieldName];
      } else if (f.multiValued) {
        if (!Array.isArray(v)) throw E.invalidInput(`Invalid value for ${fieldName}: a multi-valued field takes a list`);
        target[fieldName] = v.map((item) => {
          const i = (item ?? {}) as Record<string, unknown>;
          return { value: typed(f, i.value), ...(typeof i.type === 'string' ? { type: i.type } : {}), ...(typeof i.customType === 'string' ? { customType: i.customType } : {}) };
        });
      } else {
        target[fieldName] = typed(f, v);
      }
    }
    if (!Object.keys(target).length) delete out[name];
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Carries users' values when a schema changes: fields `keep` rejects are
 * dropped, a renamed schema's values move to the new name, and `to` undefined
 * (a deleted schema) drops them all.
 */
export function moveSchemaData(t: Tenant, from: string, to: string | undefined, keep: (fieldName: string) => boolean = () => true): void {
  for (const u of users(t).values()) {
    const values = u.customSchemas?.[from];
    if (!values) continue;
    const next = structuredClone(u.customSchemas!);
    delete next[from];
    const kept = Object.fromEntries(Object.entries(values).filter(([k]) => keep(k)));
    if (to && Object.keys(kept).length) next[to] = kept;
    users(t).put({ ...u, customSchemas: Object.keys(next).length ? next : undefined });
  }
}

/**
 * The schemas a read shows (`projection=custom|full`, `customFieldMask`), and
 * for a non-admin reader only fields readable by all domain users.
 */
export function visibleCustomSchemas(t: Tenant, u: DirUser, projection: string, mask: string | undefined, adminView: boolean): Record<string, unknown> | undefined {
  if (projection !== 'custom' && projection !== 'full') return undefined;
  const names = projection === 'custom' ? (mask ?? '').split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  const out: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(u.customSchemas ?? {})) {
    if (names && !names.includes(name)) continue;
    const schema = userSchemas(t).find((s) => s.schemaName === name);
    const shown = Object.fromEntries(Object.entries(values).filter(([k]) => adminView || schema?.fields.find((f) => f.fieldName === k)?.readAccessType === 'ALL_DOMAIN_USERS'));
    if (Object.keys(shown).length) out[name] = shown;
  }
  return Object.keys(out).length ? out : undefined;
}

/** A user's values for `Schema.field`, flattened (multi-valued lists give each value). */
export function customValues(u: DirUser, schemaName: string, fieldName: string): unknown[] {
  const v = u.customSchemas?.[schemaName]?.[fieldName];
  if (v === undefined) return [];
  return Array.isArray(v) ? v.map((x) => (x as { value: unknown }).value) : [v];
}
