// Custom fields: the supported types, their schemas and searchers, how issue values are checked, stored and rendered.
import type { Tenant } from '../../../../src/core/tenant.js';
import { isAdfDoc } from './adf.js';
import { MSG } from '../../errors.js';
import { customFields, isJiraDate, jiraTime, users, type CustomFieldDoc } from '../../store.js';

const PREFIX = 'com.atlassian.jira.plugin.system.customfieldtypes:';

interface TypeInfo {
  schema: { type: string; items?: string };
  searcher: string;
  /** Values are lists (labels, multi pickers). */
  multi?: boolean;
  /** How values are kept: text, rich (ADF), number, date, datetime, user, option. */
  store: 'text' | 'rich' | 'number' | 'date' | 'datetime' | 'user' | 'option' | 'label';
}

/**
 * The field types the twin models, by Jira's type key suffix.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-post
 */
export const CUSTOM_TYPES: Record<string, TypeInfo> = {
  textfield: { schema: { type: 'string' }, searcher: 'textsearcher', store: 'text' },
  textarea: { schema: { type: 'string' }, searcher: 'textsearcher', store: 'rich' },
  url: { schema: { type: 'string' }, searcher: 'exacttextsearcher', store: 'text' },
  float: { schema: { type: 'number' }, searcher: 'exactnumber', store: 'number' },
  datepicker: { schema: { type: 'date' }, searcher: 'daterange', store: 'date' },
  datetime: { schema: { type: 'datetime' }, searcher: 'datetimerange', store: 'datetime' },
  labels: { schema: { type: 'array', items: 'string' }, searcher: 'labelsearcher', store: 'label', multi: true },
  userpicker: { schema: { type: 'user' }, searcher: 'userpickergroupsearcher', store: 'user' },
  multiuserpicker: { schema: { type: 'array', items: 'user' }, searcher: 'userpickergroupsearcher', store: 'user', multi: true },
  select: { schema: { type: 'option' }, searcher: 'multiselectsearcher', store: 'option' },
  radiobuttons: { schema: { type: 'option' }, searcher: 'multiselectsearcher', store: 'option' },
  multiselect: { schema: { type: 'array', items: 'option' }, searcher: 'multiselectsearcher', store: 'option', multi: true },
  multicheckboxes: { schema: { type: 'array', items: 'option' }, searcher: 'multiselectsearcher', store: 'option', multi: true },
};

export const typeInfo = (type: string): TypeInfo | undefined =>
  type.startsWith(PREFIX) && Object.hasOwn(CUSTOM_TYPES, type.slice(PREFIX.length)) ? CUSTOM_TYPES[type.slice(PREFIX.length)] : undefined;

export const defaultSearcher = (type: string) => `${PREFIX}${typeInfo(type)?.searcher ?? 'textsearcher'}`;
export const numericId = (d: CustomFieldDoc) => Number(d.id.replace('customfield_', ''));
export const isCustomId = (id: string) => /^customfield_\d+$/.test(id);

export function customField(t: Tenant, id: string): CustomFieldDoc | undefined {
  const d = isCustomId(id) ? customFields(t).get(id) : undefined;
  return d && !d.trashedAt ? d : undefined;
}

/** Textarea fields carry ADF in v3 and wiki strings in v2 (see v2.ts). */
export function isTextareaField(t: Tenant, id: string): boolean {
  const d = customField(t, id);
  return !!d && typeInfo(d.type)?.store === 'rich';
}

/** The schema of the field in `GET /field`, issue `schema` expansions and metadata. */
export function customSchema(d: CustomFieldDoc) {
  const info = typeInfo(d.type);
  return { type: info?.schema.type ?? 'any', ...(info?.schema.items ? { items: info.schema.items } : {}), custom: d.type, customId: numericId(d) };
}

/** `cf[10000]` and the field's name both name it in JQL. */
export const clauseNames = (d: CustomFieldDoc) => [`cf[${numericId(d)}]`, d.name];

/** The string Jira puts in changelog `fromString`/`toString` for a stored value. */
export function customChangeString(t: Tenant, d: CustomFieldDoc, stored: unknown): string | null {
  if (stored === undefined || stored === null || (Array.isArray(stored) && !stored.length)) return null;
  const info = typeInfo(d.type);
  const one = (x: unknown) => {
    if (info?.store === 'user') return users(t).get(String(x))?.displayName ?? String(x);
    if (info?.store === 'option') return d.options.find((o) => o.id === String(x))?.value ?? String(x);
    if (info?.store === 'rich') return null;
    return String(x);
  };
  return Array.isArray(stored) ? stored.map(one).join(info?.store === 'label' ? ' ' : ', ') : one(stored);
}

const LABEL_ERROR = (l: string): string | undefined =>
  !l ? 'Labels cannot be empty.' : /\s/.test(l) ? `The label '${l}' contains spaces which is invalid.` : l.length > 255 ? `The label '${l}' exceeds the 255 characters limit.` : undefined;

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?([+-]\d{2}:?\d{2}|Z)$/;

/**
 * One input value in its stored form, or a message for `errors[fieldId]`.
 * Options are named by `{id}` or `{value}`, users by `{accountId}`.
 */
function parseOne(t: Tenant, d: CustomFieldDoc, info: TypeInfo, raw: unknown): { ok: unknown } | { error: string } {
  const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  switch (info.store) {
    case 'text':
      if (typeof raw !== 'string') return { error: 'Operation value must be a string' };
      if (raw.length > 255) return { error: 'The entered text is too long. It exceeds the allowed limit of 255 characters.' };
      if (d.type.endsWith(':url') && raw && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(raw)) return { error: `Not a valid URL` };
      return { ok: raw };
    case 'rich':
      return isAdfDoc(raw) ? { ok: raw } : { error: MSG.adfRequired };
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      return Number.isFinite(n) ? { ok: n } : { error: 'Operation value must be a number' };
    }
    case 'date':
      return isJiraDate(raw) ? { ok: raw } : { error: `Error parsing date string: ${String(raw)}` };
    case 'datetime': {
      const ms = typeof raw === 'string' && DATETIME.test(raw) ? Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
      return Number.isNaN(ms) ? { error: 'Invalid date format. Please enter the date in the format "yyyy-MM-dd\'T\'HH:mm:ss.SSSZ".' } : { ok: new Date(ms).toISOString() };
    }
    case 'label': {
      if (typeof raw !== 'string') return { error: 'Labels must be strings.' };
      const bad = LABEL_ERROR(raw);
      return bad ? { error: bad } : { ok: raw };
    }
    case 'user': {
      const id = obj?.accountId ?? obj?.id;
      const u = typeof id === 'string' ? users(t).get(id) : undefined;
      return u?.active ? { ok: u.accountId } : { error: `Specify a valid value for ${d.name}` };
    }
    case 'option': {
      const byId = obj && (typeof obj.id === 'string' || typeof obj.id === 'number') ? d.options.find((o) => o.id === String(obj.id)) : undefined;
      const byValue = obj && typeof obj.value === 'string' ? d.options.find((o) => o.value === obj.value) : undefined;
      const o = byId ?? byValue;
      if (o && !o.disabled) return { ok: o.id };
      if (obj && obj.id !== undefined) return { error: `Option id '${String(obj.id)}' is not valid` };
      return { error: `Option value '${String(obj?.value ?? raw)}' is not valid` };
    }
  }
}

/**
 * Applies one `set`/`add`/`remove` to a custom field's stored value. Returns
 * the new stored value, or an error message (the caller files it under the field id).
 */
export function applyCustom(t: Tenant, d: CustomFieldDoc, current: unknown, verb: string, raw: unknown): { value: unknown } | { error: string } {
  const info = typeInfo(d.type);
  if (!info) return { error: MSG.unknownField(d.id) };
  if (verb !== 'set' && !(info.multi && (verb === 'add' || verb === 'remove'))) return { error: `Field '${d.id}' does not support the '${verb}' operation.` };
  if (verb === 'set' && (raw === null || (info.multi && Array.isArray(raw) && !raw.length))) return { value: null };
  if (verb === 'set' && info.multi) {
    if (!Array.isArray(raw)) return { error: 'data was not an array' };
    const out: unknown[] = [];
    for (const x of raw) {
      const r = parseOne(t, d, info, x);
      if ('error' in r) return r;
      if (!out.includes(r.ok)) out.push(r.ok);
    }
    return { value: out };
  }
  const r = parseOne(t, d, info, raw);
  if ('error' in r) return r;
  if (verb === 'set') return { value: r.ok };
  const list = Array.isArray(current) ? [...current] : [];
  const next = verb === 'add' ? (list.includes(r.ok) ? list : [...list, r.ok]) : list.filter((x) => x !== r.ok);
  return { value: next.length ? next : null };
}
