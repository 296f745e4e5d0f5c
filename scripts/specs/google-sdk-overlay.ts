// One-off generator of twins/google/openapi/overlays/20-*-sdk-methods.json: googleapis methods the pinned discovery-derived documents lack.
//
//   npx tsx scripts/specs/google-sdk-overlay.ts
//
// googleapis' generated code records every method: the compiled client
// (build/src/apis/<api>/<version>.js) its URL template, HTTP method, path and
// required parameters; the declarations (.d.ts) its dotted id and OAuth scopes
// (in the usage example), its parameter interface (`Params$Resource$…`) and
// request and response types (`Schema$…`, via ts-schema.ts). A method whose
// method + path the document (and the other overlays) lack becomes an
// operation with the document's own common parameters and an Oauth2/Oauth2c
// requirement per scope, like its neighbours. Re-run after upgrading googleapis.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../src/core/paths.js';
import { fetchSources } from './fetch.js';
import { HTTP_METHODS, type Obj } from './load.js';
import { loadOverlays } from './overlay.js';
import { vendorSpec } from './sources.js';
import { createProgram, TsSchemas } from './ts-schema.js';

const root = projectRoot();
const apisDir = join(root, 'node_modules', 'googleapis', 'build', 'src', 'apis');
const overlayDir = join(root, 'twins', 'google', 'openapi', 'overlays');
const VERSION = (JSON.parse(readFileSync(join(root, 'node_modules', 'googleapis', 'package.json'), 'utf8')) as { version: string }).version;

/** Our api name → googleapis module, the prefix of its method ids, and the overlay written. */
const APIS = [
  { api: 'drive', module: 'drive/v3', idPrefix: 'drive', file: '20-drive-sdk-methods.json' },
  { api: 'admin', module: 'admin/directory_v1', idPrefix: 'directory', file: '21-admin-sdk-methods.json' },
];

interface Method {
  id: string;
  method: string;
  /** Full request path (`/drive/v3/files/{fileId}/approvals`). */
  path: string;
  pathParams: string[];
  required: string[];
  paramsType: string;
  resultType?: string;
  scopes: string[];
}

const norm = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

/** Methods of one googleapis module: request facts from the .js, ids, scopes and types from the .d.ts. */
function methods(module: string, idPrefix: string): Method[] {
  const js = readFileSync(join(apisDir, `${module}.js`), 'utf8');
  const dts = readFileSync(join(apisDir, `${module}.d.ts`), 'utf8');
  const requests = new Map<string, { method: string; path: string; pathParams: string[]; required: string[] }>();
  for (const cls of js.split(/\n {4}class Resource\$/).slice(1)) {
    const className = /^(\w+)/.exec(cls)![1]!;
    for (const chunk of cls.split(/\n {8}(?=\w+\(paramsOrCallback)/).slice(1)) {
      const name = /^(\w+)\(/.exec(chunk)![1]!;
      const path = /url: \(rootUrl \+\s*'([^']+)'\)/.exec(chunk)?.[1];
      const method = /method: '(\w+)'/.exec(chunk)?.[1];
      if (!path || !method) continue;
      const list = (key: string) => [...(new RegExp(`${key}: \\[([^\\]]*)\\]`).exec(chunk)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!);
      requests.set(`${className}.${name}`, { method: method.toLowerCase(), path, pathParams: list('pathParams'), required: list('requiredParams') });
    }
  }
  const out: Method[] = [];
  for (const cls of dts.split(/\n {4}export class Resource\$/).slice(1)) {
    const className = /^(\w+)/.exec(cls)![1]!;
    // Each method: a doc comment with a usage example, then its overloads.
    for (const m of cls.matchAll(/\/\*\*([\s\S]*?)\*\/\s*\n\s*(\w+)\(params: (Params\$[\w$]+), options: StreamMethodOptions\)/g)) {
      const [, doc, name, paramsType] = m as unknown as [string, string, string, string];
      const request = requests.get(`${className}.${name}`);
      if (!request) continue;
      const dotted = /const res = await \w+\.([\w.]+)\(/.exec(doc)?.[1];
      const scopes = [...(/scopes: \[([\s\S]*?)\]/.exec(doc)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((s) => s[1]!);
      const result = new RegExp(`\\n\\s*${name}\\(params\\?: ${paramsType.replace(/\$/g, '\\$')}, options\\?: MethodOptions\\): Promise<GaxiosResponseWithHTTP2<([\\w$]+)>>`).exec(cls)?.[1];
      out.push({
        id: `${idPrefix}.${dotted ?? `${className.toLowerCase()}.${name}`}`,
        ...request,
        paramsType,
        resultType: result === 'void' ? undefined : result,
        scopes,
      });
    }
  }
  return out;
}

const spec = vendorSpec('google');
const files = fetchSources(root, spec.sources);
for (const { api, module, idPrefix, file } of APIS) {
  const index = spec.sources.findIndex((s) => s.api === api);
  const vendor = JSON.parse(readFileSync(files[index]!, 'utf8')) as Obj;
  const basePath = new URL(vendor.servers?.[0]?.url ?? '/', 'https://placeholder.invalid').pathname.replace(/\/+$/, '');
  const known = new Set<string>();
  const existing = new Set<string>(Object.keys(vendor.components?.schemas ?? {}));
  const addKnown = (paths: Obj, prefix: string) => {
    for (const [path, item] of Object.entries<Obj>(paths)) for (const m of HTTP_METHODS) if (item[m]) known.add(`${m} ${norm(prefix + path)}`);
  };
  addKnown(vendor.paths, basePath);
  for (const { file: other, overlay } of loadOverlays(overlayDir)) {
    if (other === file || overlay.api !== api) continue;
    addKnown(overlay.paths ?? {}, '');
    for (const name of Object.keys(overlay.schemas ?? {})) existing.add(name);
  }
  // The document's common parameters (alt, fields, key, …) sit on every path item.
  const common = (Object.values<Obj>(vendor.paths).find((item) => Array.isArray(item.parameters))?.parameters ?? []) as Obj[];

  const missing = methods(module, idPrefix).filter((m) => !known.has(`${m.method} ${norm(m.path)}`));
  const program = createProgram([join(apisDir, `${module}.d.ts`)]);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(apisDir, `${module}.d.ts`))!;
  const declarations = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild(function visit(node): void {
    if (ts.isInterfaceDeclaration(node)) declarations.set(node.name.text, node);
    node.forEachChild(visit);
  });
  const schemas = new TsSchemas(checker, {
    existing,
    dropNull: true, // googleapis types every field `T | null`; Google omits absent fields
    componentName: (symbol) => (symbol.getName().startsWith('Schema$') ? symbol.getName().slice('Schema$'.length) : undefined),
  });
  const typeOf = (name: string) => {
    const decl = declarations.get(name);
    if (!decl) throw new Error(`google-sdk-overlay: no declaration ${name} in ${module}`);
    return checker.getTypeAtLocation(decl.name);
  };

  const paths: Obj = {};
  for (const m of missing) {
    const params = typeOf(m.paramsType);
    const parameters: Obj[] = [];
    let requestBody: Obj | undefined;
    for (const prop of checker.getPropertiesOfType(params)) {
      const name = prop.getName();
      const decl = prop.declarations?.[0];
      // Standard parameters come from the path item; the SDK's own plumbing is not a parameter.
      if (!decl || !ts.isInterfaceDeclaration(decl.parent) || decl.parent.name.text !== m.paramsType || name === 'media' || name === 'auth') continue;
      const type = checker.getTypeOfSymbolAtLocation(prop, decl);
      if (name === 'requestBody') {
        requestBody = { content: { 'application/json': { schema: schemas.schema(type) } } };
        continue;
      }
      const inPath = m.pathParams.includes(name);
      const schema = inPath ? { type: 'string' } : schemas.schema(type, true);
      parameters.push({ in: inPath ? 'path' : 'query', name, ...(inPath || m.required.includes(name) ? { required: true } : {}), schema });
    }
    const responses = m.resultType
      ? { '200': { description: 'ok', content: { 'application/json': { schema: schemas.schema(typeOf(m.resultType)) } } } }
      : { '200': { description: 'no content' } };
    const op: Obj = {
      operationId: m.id,
      tags: [m.id.split('.').slice(1, -1).join('.') || m.id.split('.')[1]],
      parameters,
      ...(requestBody ? { requestBody } : {}),
      responses,
      security: m.scopes.map((s) => ({ Oauth2: [s], Oauth2c: [s] })),
    };
    (paths[m.path] ??= { parameters: structuredClone(common) })[m.method] = op;
  }
  const lines = (obj: Obj) => Object.entries(obj).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
  const components = Object.fromEntries([...schemas.components].sort(([a], [b]) => (a < b ? -1 : 1)));
  const reason = `Methods googleapis ${VERSION} (${module}) calls that the pinned ${api} document lacks; ids and scopes from its declarations, shapes from its Schema$ types`;
  writeFileSync(
    join(overlayDir, file),
    `{\n  "reason": ${JSON.stringify(reason)},\n  "api": ${JSON.stringify(api)},\n  "paths": {\n${lines(paths)}\n  },\n  "schemas": {\n${lines(components)}\n  }\n}\n`,
  );
  console.log(`google-sdk-overlay: ${file}: ${missing.length} methods (${missing.map((m) => m.id).join(', ')}), ${schemas.components.size} schemas`);
}
