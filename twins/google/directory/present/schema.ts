/** Directory's Schema resource (custom user schemas) as callers see it. */
import type { UserSchema } from '../model/schemas.js';
import { withEtag } from './common.js';

export function presentSchema(s: UserSchema): Record<string, unknown> {
  return withEtag({
    kind: 'admin#directory#schema',
    schemaId: s.id,
    schemaName: s.schemaName,
    displayName: s.displayName,
    fields: s.fields.map((f) => withEtag({ kind: 'admin#directory#schema#fieldspec', ...f })),
  });
}
