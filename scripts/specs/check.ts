// Sanity checks on a fresh digest: every schema compiles as the engine compiles it (a build error otherwise), and path templates match path parameters.
import type { Digest } from '../../src/core/digest.js';
import { Validator } from '../../src/core/validate.js';

/** Returns human-readable problems; an empty list means the digest is usable. */
export function checkDigest(digest: Digest): string[] {
  const problems: string[] = [];
  for (const f of new Validator(digest).compileAll()) problems.push(f.error);

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
