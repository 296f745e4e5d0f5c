// Issue fields that refer to project configuration — components, fix and affects versions — and custom field values: input checks, updates and changelog items.
import type { Tenant } from '../../../../src/core/tenant.js';
import { applyCustom, customChangeString, customField } from './custom-fields.js';
import { components, versions, type ChangeItem, type IssueDoc } from '../../store.js';

type Ref = { kind: 'components' | 'fixVersions' | 'versions' };
const REF_FIELDS: Record<string, Ref['kind']> = { components: 'components', fixVersions: 'fixVersions', versions: 'versions' };
const STORE: Record<Ref['kind'], 'componentIds' | 'fixVersionIds' | 'affectedVersionIds'> = { components: 'componentIds', fixVersions: 'fixVersionIds', versions: 'affectedVersionIds' };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Fields this module owns: the three reference lists and every custom field of the site. */
export function isRefField(t: Tenant, field: string): boolean {
  return Object.hasOwn(REF_FIELDS, field) || !!customField(t, field);
}

/** Resolves `{id}` or `{name}` to a component or version of the issue's project; returns the id or Jira's message. */
function resolveRef(t: Tenant, kind: Ref['kind'], projectId: string, raw: unknown, kept: string[] | null): string | { error: string } {
  const o = isObj(raw) ? raw : {};
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : undefined;
  const name = typeof o.name === 'string' ? o.name : undefined;
  const what = kind === 'components' ? 'Component' : 'Version';
  const bad = { error: id !== undefined ? `${what} id '${id}' is not valid` : `${what} name '${name ?? ''}' is not valid` };
  if (kind === 'components') {
    const list = components(t).filter((c) => c.projectId === projectId);
    const c = id !== undefined ? list.find((x) => x.id === id) : list.find((x) => x.name === name) ?? list.find((x) => x.name.toLowerCase() === name?.toLowerCase());
    return c ? c.id : bad;
  }
  const list = versions(t).filter((x) => x.projectId === projectId);
  const v = id !== undefined ? list.find((x) => x.id === id) : list.find((x) => x.name === name);
  // Archived versions stay on the issues that have them (`kept`), but cannot be newly chosen.
  return v && !(v.archived && kept && !kept.includes(v.id)) ? v.id : bad;
}

/**
 * Applies `set`/`add`/`remove` of a reference or custom field to the working
 * copy `w`; problems go into `errors` under the field's id.
 */
export function applyRef(t: Tenant, w: IssueDoc, field: string, verb: string, value: unknown, errors: Record<string, string>): void {
  const custom = customField(t, field);
  if (custom) {
    const r = applyCustom(t, custom, w.extra?.[field], verb, value);
    if ('error' in r) errors[field] = r.error;
    else {
      w.extra = { ...(w.extra ?? {}) };
      if (r.value === null) delete w.extra[field];
      else w.extra[field] = r.value;
    }
    return;
  }
  const kind = REF_FIELDS[field];
  const key = STORE[kind];
  const current = w[key] ?? [];
  if (verb === 'set') {
    if (value === null) {
      w[key] = [];
      return;
    }
    if (!Array.isArray(value)) {
      errors[field] = 'data was not an array';
      return;
    }
    const ids: string[] = [];
    for (const raw of value) {
      const r = resolveRef(t, kind, w.projectId, raw, current);
      if (typeof r !== 'string') {
        errors[field] = r.error;
        return;
      }
      if (!ids.includes(r)) ids.push(r);
    }
    w[key] = ids;
  } else if (verb === 'add' || verb === 'remove') {
    const r = resolveRef(t, kind, w.projectId, value, verb === 'add' ? current : null);
    if (typeof r !== 'string') errors[field] = r.error;
    else w[key] = verb === 'add' ? (current.includes(r) ? current : [...current, r]) : current.filter((x) => x !== r);
  } else {
    errors[field] = `Field '${field}' does not support the '${verb}' operation.`;
  }
}

const NAMES: Record<Ref['kind'], string> = { components: 'Component', fixVersions: 'Fix Version', versions: 'Version' };

/** Changelog items: one per component or version added or removed, one per custom field changed. */
export function refItems(t: Tenant, a: IssueDoc, b: IssueDoc): ChangeItem[] {
  const items: ChangeItem[] = [];
  for (const kind of Object.values(REF_FIELDS)) {
    const before = a[STORE[kind]] ?? [];
    const after = b[STORE[kind]] ?? [];
    const name = (id: string) => (kind === 'components' ? components(t).get(id)?.name : versions(t).get(id)?.name) ?? null;
    for (const id of before.filter((x) => !after.includes(x))) items.push({ field: NAMES[kind], fieldtype: 'jira', fieldId: kind, from: id, fromString: name(id), to: null, toString: null });
    for (const id of after.filter((x) => !before.includes(x))) items.push({ field: NAMES[kind], fieldtype: 'jira', fieldId: kind, from: null, fromString: null, to: id, toString: name(id) });
  }
  const ids = new Set([...Object.keys(a.extra ?? {}), ...Object.keys(b.extra ?? {})]);
  for (const id of ids) {
    const d = customField(t, id);
    const x = a.extra?.[id];
    const y = b.extra?.[id];
    if (!d || JSON.stringify(x) === JSON.stringify(y)) continue;
    const refId = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'object' && !Array.isArray(v) ? null : Array.isArray(v) ? v.join(',') : String(v));
    const byRef = /:(userpicker|multiuserpicker|select|radiobuttons|multiselect|multicheckboxes)$/.test(d.type);
    items.push({
      field: d.name,
      fieldtype: 'custom',
      fieldId: d.id,
      from: byRef ? refId(x) : null,
      fromString: customChangeString(t, d, x),
      to: byRef ? refId(y) : null,
      toString: customChangeString(t, d, y),
    });
  }
  return items;
}
