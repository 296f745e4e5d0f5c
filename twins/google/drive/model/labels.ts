/**
 * Drive labels on files: the domain's label catalog (from the fixture; the Drive Labels API that edits it is not
 * part of this twin) and the values applied to each file by files.modifyLabels.
 */
import type { Tenant } from '../../../../src/core/tenant.js';
import type { Doc } from '../../../../src/core/tenant.js';
import { K } from '../../store.js';

export type LabelValueType = 'text' | 'integer' | 'dateString' | 'selection' | 'user';

export interface LabelDefinition {
  id: string;
  name: string;
  revisionId: string;
  fields: Array<{ id: string; name: string; valueType: LabelValueType; choices?: string[] }>;
}

/** One label on one file: field id → values, in the shape of the field's type. */
export interface AppliedLabel extends Doc {
  revisionId: string;
  fields: Record<string, { valueType: LabelValueType; values: string[] }>;
}

export const labelCatalog = (t: Tenant) => t.meta<LabelDefinition[]>('drive.labelCatalog', () => []);
export const setLabelCatalog = (t: Tenant, defs: LabelDefinition[]) => t.setMeta('drive.labelCatalog', defs);
export const appliedLabels = (t: Tenant, fileId: string) => t.collection<AppliedLabel>(`${K.files}/${fileId}/labels`);

export class LabelRuleError extends Error {
  constructor(readonly kind: 'unknownLabel' | 'unknownField' | 'badValue', readonly detail: string) {
    super(`${kind}: ${detail}`);
  }
}

export interface FieldChange {
  fieldId: string;
  unset: boolean;
  /** The one set* list given, with its type. */
  set?: { valueType: LabelValueType; values: string[] };
}

const VALID: Record<LabelValueType, (v: string, choices?: string[]) => boolean> = {
  text: () => true,
  integer: (v) => /^-?\d+$/.test(v),
  dateString: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  selection: (v, choices) => !!choices?.includes(v),
  user: (v) => /^[^@\s]+@[^@\s]+$/.test(v),
};

/** Applies one LabelModification; returns the label as it now stands, or undefined when it was removed. */
export function modifyLabel(t: Tenant, fileId: string, labelId: string, remove: boolean, changes: FieldChange[]): AppliedLabel | undefined {
  const def = labelCatalog(t).find((d) => d.id === labelId);
  if (!def) throw new LabelRuleError('unknownLabel', labelId);
  const coll = appliedLabels(t, fileId);
  if (remove) {
    coll.delete(labelId);
    return undefined;
  }
  const label: AppliedLabel = coll.get(labelId) ?? { id: labelId, revisionId: def.revisionId, fields: {} };
  for (const c of changes) {
    const field = def.fields.find((f) => f.id === c.fieldId);
    if (!field) throw new LabelRuleError('unknownField', c.fieldId);
    if (c.unset) {
      delete label.fields[field.id];
      continue;
    }
    if (!c.set) continue;
    if (c.set.valueType !== field.valueType || c.set.values.some((v) => !VALID[field.valueType](v, field.choices))) throw new LabelRuleError('badValue', field.id);
    label.fields[field.id] = { valueType: field.valueType, values: c.set.values };
  }
  coll.put(label);
  return label;
}
