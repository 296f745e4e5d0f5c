// Sanity checks on a fresh digest: every schema compiles under ajv as the engine will use it, and path templates match path parameters.
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { Digest } from '../../src/core/digest.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = ((formatsPlugin as unknown as { default?: typeof formatsPlugin }).default ?? formatsPlugin) as unknown as (ajv: Ajv) => Ajv;

/** Returns human-readable problems; an empty list means the digest is usable. */
export function checkDigest(digest: Digest): string[] {
  const problems: string[] = [];

  // Same settings the engine uses: strict off (OpenAPI keywords such as `discriminator`
  // without ajv's option, unknown formats), `nullable` understood natively by ajv 8.
  const ajv = new Ajv({ strict: false, allErrors: false, logger: false, validateFormats: true });
  addFormats(ajv);
  const base = `dtu://${digest.vendor}/digest.json`;
  ajv.addSchema({ $id: base, schemas: digest.schemas });
  for (const name of Object.keys(digest.schemas)) {
    const pointer = name.replace(/~/g, '~0').replace(/\//g, '~1');
    try {
      ajv.compile({ $ref: `${base}#/schemas/${pointer}` });
    } catch (error) {
      problems.push(`schema ${name} does not compile: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  for (const op of digest.operations) {
    const templated = [...op.path.matchAll(/\{\+?([^}]+)\}/g)].map((m) => m[1]!);
    const declared = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
    const missing = templated.filter((name) => !declared.includes(name));
    const extra = declared.filter((name) => !templated.includes(name));
    if (missing.length || extra.length) {
      problems.push(`${op.id} (${op.method.toUpperCase()} ${op.path}): path template vs parameters: missing [${missing}] extra [${extra}]`);
    }
  }
  return problems;
}
