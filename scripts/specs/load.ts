// Loads one vendor document as OpenAPI 3: validate (or bundle), convert Swagger 2, fold the server path into paths.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { SourceSpec } from './sources.js';

/** Vendor documents are untyped JSON; the digest builder checks what it reads. */
export type Obj = Record<string, any>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface LoadedDoc {
  source: SourceSpec;
  /** OpenAPI 3.0 document whose path keys are full request paths (server base path included). */
  doc: Obj;
  specVersion?: string;
  /** The server path folded into every path key (`/api` for Slack, `/drive/v3` for Drive). */
  basePath: string;
  /** Problems met on the way (failed strict validation, conversion warnings), reported by the CLI. */
  notes: string[];
}

interface S2OResult {
  openapi: Obj;
}
// swagger2openapi ships no types; this is the one function we call.
const swagger2openapi = createRequire(import.meta.url)('swagger2openapi') as {
  convertObj(doc: Obj, options: Obj): Promise<S2OResult>;
};

export async function loadDoc(file: string, source: SourceSpec): Promise<LoadedDoc> {
  const notes: string[] = [];
  let doc = JSON.parse(readFileSync(file, 'utf8')) as Obj;

  // Strict validation first; a document that fails is still usable once bundled,
  // so the failure is recorded rather than fatal (validate() mutates, hence the clone).
  try {
    await SwaggerParser.validate(structuredClone(doc) as never);
  } catch (error) {
    notes.push(`strict validation failed, bundled instead: ${firstLine(error)}`);
    doc = (await SwaggerParser.bundle(structuredClone(doc) as never)) as Obj;
  }

  if (typeof doc.swagger === 'string') {
    const converted = await swagger2openapi.convertObj(doc, { patch: true, warnOnly: true, resolveInternal: false });
    doc = converted.openapi;
  }
  if (!String(doc.openapi ?? '').startsWith('3.')) throw new Error(`specs: ${source.file} is not OpenAPI 3 after conversion`);

  applyStructuralExtensions(doc);
  const basePath = rebase(doc);
  return { source, doc, specVersion: doc.info?.version, basePath, notes };
}

/**
 * Folds the first server's path into every path key and leaves servers at the
 * origin, so overlays, the digest and the engine all speak in the paths SDKs send.
 */
function rebase(doc: Obj): string {
  const url = doc.servers?.[0]?.url ?? '/';
  const basePath = new URL(url, 'https://placeholder.invalid').pathname.replace(/\/+$/, '');
  if (basePath) {
    const paths: Obj = {};
    for (const [path, item] of Object.entries(doc.paths ?? {})) paths[basePath + path] = item;
    doc.paths = paths;
    doc.servers = [{ url: new URL(url).origin }];
  }
  return basePath;
}

/**
 * Okta's Swagger 2 document expresses part of its structure in vendor extensions
 * that swagger2openapi leaves alone. They are structure, not prose, so they are
 * turned into their OpenAPI 3 equivalents here, before prose stripping drops `x-*`:
 * - `x-okta-parent`: the schema extends another (AutoLoginApplication extends
 *   Application) and lists only its own properties; becomes `allOf: [parent, own]`.
 * - `x-openapi-v3-discriminator`: becomes `discriminator` (mapping refs rewritten).
 * - `x-openapi-v3-schema-ref` on a parameter: the enum schema the parameter really
 *   takes (nextLogin → UserNextLogin); becomes the parameter's schema.
 * Other x-* (x-okta-tags, x-okta-crud, x-okta-operations, x-okta-multi-operation…)
 * describe SDK generation, not the wire, and are dropped with the prose.
 */
function applyStructuralExtensions(doc: Obj): void {
  const toV3 = (ref: string) => ref.replace('#/definitions/', '#/components/schemas/');
  for (const schema of Object.values<Obj>(doc.components?.schemas ?? {})) {
    const parent = schema['x-okta-parent'];
    if (typeof parent === 'string') {
      const own: Obj = {};
      for (const key of ['type', 'properties', 'required', 'additionalProperties']) {
        if (key in schema) {
          own[key] = schema[key];
          delete schema[key];
        }
      }
      schema.allOf = [{ $ref: toV3(parent) }, ...(Object.keys(own).length ? [own] : [])];
      delete schema['x-okta-parent'];
    }
    const discriminator = schema['x-openapi-v3-discriminator'];
    if (discriminator && typeof discriminator === 'object') {
      const mapping: Obj = {};
      for (const [value, ref] of Object.entries<string>(discriminator.mapping ?? {})) mapping[value] = toV3(ref);
      schema.discriminator = { propertyName: discriminator.propertyName, mapping };
      delete schema['x-openapi-v3-discriminator'];
    }
  }
  for (const item of Object.values<Obj>(doc.paths ?? {})) {
    for (const method of ['parameters', ...HTTP_METHODS]) {
      const params: Obj[] = method === 'parameters' ? (item.parameters ?? []) : (item[method]?.parameters ?? []);
      for (const param of params) {
        const ref = param['x-openapi-v3-schema-ref'];
        if (typeof ref === 'string') param.schema = { $ref: toV3(ref) };
      }
    }
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]!.slice(0, 300);
}
