// Custom fields as Jira shows them: the field bean, option values, issue values and edit-screen entries.
import { customSchema, clauseNames, typeInfo } from '../model/custom-fields.js';
import { jiraTime, type CustomFieldDoc } from '../../store.js';
import { userRef, type View } from './site.js';

/** FieldDetails, as `GET /field` and `POST /field` answer. */
export function customFieldJson(d: CustomFieldDoc) {
  return {
    id: d.id,
    key: d.id,
    name: d.name,
    untranslatedName: d.name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: clauseNames(d),
    schema: customSchema(d),
  };
}

export const optionJson = (v: View, d: CustomFieldDoc, id: string) => {
  const o = d.options.find((x) => x.id === id);
  return o ? { self: `${v.base}/rest/api/3/customFieldOption/${o.id}`, value: o.value, id: o.id } : null;
};

/** A stored value as the issue's `fields` show it. */
export function renderCustom(v: View, d: CustomFieldDoc, stored: unknown): unknown {
  const info = typeInfo(d.type);
  if (stored === undefined || stored === null || !info) return null;
  const one = (x: unknown): unknown => {
    switch (info.store) {
      case 'user': return userRef(v, String(x));
      case 'option': return optionJson(v, d, String(x));
      case 'datetime': return jiraTime(String(x));
      default: return x;
    }
  };
  return info.multi ? (Array.isArray(stored) ? stored.map(one).filter((x) => x !== null) : []) : one(stored);
}

/** The edit-screen entry of a custom field (editmeta, createmeta). */
export function customMeta(v: View, d: CustomFieldDoc) {
  const info = typeInfo(d.type);
  const out: Record<string, unknown> = {
    required: false,
    schema: customSchema(d),
    name: d.name,
    key: d.id,
    operations: info?.multi ? ['add', 'set', 'remove'] : ['set'],
  };
  if (info?.store === 'option') out.allowedValues = d.options.filter((o) => !o.disabled).map((o) => optionJson(v, d, o.id));
  return out;
}
