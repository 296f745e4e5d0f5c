/** Drive's Label resource (a label applied to a file, with its field values). */
import type { Tenant } from '../../../../src/core/tenant.js';
import type { AppliedLabel } from '../model/labels.js';
import { driveUser } from './files.js';

export function presentLabel(t: Tenant, l: AppliedLabel, viewer: string | undefined): Record<string, unknown> {
  const fields = Object.fromEntries(
    Object.entries(l.fields).map(([id, f]) => {
      const values = f.valueType === 'user' ? f.values.map((e) => driveUser(t, e, !!viewer && e.toLowerCase() === viewer.toLowerCase())) : f.values;
      return [id, { kind: 'drive#labelField', id, valueType: f.valueType, [f.valueType]: values }];
    }),
  );
  return { kind: 'drive#label', id: l.id, revisionId: l.revisionId, fields };
}
