// Renders twins/<vendor>/generated/{types,operations}.ts from a committed digest alone, so generation is offline and reproducible.
import { createHash } from 'node:crypto';
import openapiTS, { astToString } from 'openapi-typescript';
import type { Digest } from '../../src/core/digest.js';
import { STAMP, sortKeysDeep } from './build-digest.js';
import type { Obj } from './load.js';

export interface Generated {
  'types.ts': string;
  'operations.ts': string;
}

/** sha256 of the digest minus its stamp: ties generated files to the digest they came from. */
export function digestHash(digest: Digest): string {
  const { generated: _stamp, ...content } = digest;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export async function renderGenerated(digest: Digest): Promise<Generated> {
  const header = `// ${STAMP}\n// from twins/${digest.vendor}/openapi/digest.json (sha256 ${digestHash(digest)})\n`;
  const ast = await openapiTS(digestToOpenApi(digest) as never, {
    silent: true,
    // Defaults are applied (or not) by the engine; types must not promise them.
    defaultNonNullable: false,
    // `{type: object}` with no properties (Okta's `_links` values, Slack's blobs) is any
    // object, not `Record<string, never>`, or handlers could not build one.
    emptyObjectsUnknown: true,
  });
  const types = `${header}\n${astToString(ast)}`;

  const ids = digest.operations.map((op) => `  ${JSON.stringify(op.id)},`).join('\n');
  const operations = `${header}
import type { operations } from './types.js';
import type { HandlerFor } from '../../../src/core/handler.js';

export type OperationId = keyof operations;
export type Handlers = { [K in OperationId]?: HandlerFor<operations[K]> };
export const operationIds = [
${ids}
] as const;
`;
  return { 'types.ts': types, 'operations.ts': operations };
}

/**
 * The minimal OpenAPI 3.0 document openapi-typescript needs: the digest's
 * operations under their full paths with operationId = digest id, and its
 * schemas as components. Responses get the empty description OpenAPI requires.
 */
export function digestToOpenApi(digest: Digest): Obj {
  // `$ref`s and discriminator mappings are the only strings that start with `#/schemas/`.
  const toComponents = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value), (_key, v) => (typeof v === 'string' && v.startsWith('#/schemas/') ? `#/components/${v.slice(2)}` : v));
  const paths: Obj = {};
  for (const op of digest.operations) {
    const responses: Obj = {};
    for (const [status, response] of Object.entries(op.responses)) responses[status] = { description: '', ...response };
    if (!Object.keys(responses).length) responses.default = { description: '' };
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.id,
      parameters: op.parameters.map(({ name, in: where, required, schema, style, explode }) => ({
        name,
        in: where,
        required,
        schema: schema ?? {},
        ...(style ? { style } : {}),
        ...(explode !== undefined ? { explode } : {}),
      })),
      ...(op.requestBody ? { requestBody: op.requestBody } : {}),
      responses,
    };
  }
  return toComponents({
    openapi: '3.0.3',
    info: { title: digest.vendor, version: digestHash(digest).slice(0, 12) },
    paths: sortKeysDeep(paths),
    components: { schemas: digest.schemas },
  }) as Obj;
}
