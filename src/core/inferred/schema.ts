/** Schema reading the inferred layer needs: `$ref`/`allOf` resolution, the array a list envelope holds, and declared defaults. */
import type { Digest, JsonSchema } from '../digest.js';

export class SchemaReader {
  constructor(private readonly digest: Digest) {}

  /** Resolves `#/schemas/X` references one level at a time. */
  resolve(schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined {
    if (!schema || depth > 8) return schema;
    const ref = schema.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/schemas/')) return this.resolve(this.digest.schemas[ref.slice(10)], depth + 1);
    const all = schema.allOf as JsonSchema[] | undefined;
    if (all?.length) {
      const merged: JsonSchema = { type: 'object', properties: {} };
      for (const part of all) {
        const r = this.resolve(part, depth + 1) ?? {};
        Object.assign(merged.properties as object, r.properties ?? {});
        if (r.type) merged.type = r.type;
      }
      return merged;
    }
    return schema;
  }

  /** The property of a list envelope that holds the items (`values`, `files`, `users`, …). */
  arrayProperty(schema: JsonSchema): string | undefined {
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    if (props.values && this.resolve(props.values)?.type === 'array') return 'values';
    return Object.keys(props).find((k) => this.resolve(props[k])?.type === 'array');
  }

  /** Top-level defaults a response schema declares (an envelope's `isLast: false`, …). */
  defaults(schema: JsonSchema | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries((schema?.properties ?? {}) as Record<string, JsonSchema>)) {
      const d = this.resolve(v)?.default;
      if (d !== undefined) out[k] = d;
    }
    return out;
  }
}
