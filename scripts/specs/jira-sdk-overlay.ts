// One-off generator of the jira.js overlays: 10-jira-js-operations.json (the Version3Client calls the Jira spec lacks)
// and 30-jira-js-agile.json (every AgileClient call: no Agile OpenAPI document ships in a package we can reach).
//
//   npx tsx scripts/specs/jira-sdk-overlay.ts           Version3Client
//   npx tsx scripts/specs/jira-sdk-overlay.ts agile     AgileClient (/rest/agile/1.0 and the DevOps APIs it also reaches)
//
// Every jira.js Version3Client method builds `{ url, method, params, data }`
// (node_modules/jira.js/dist/esm/version3/*.mjs). A method whose method + path
// template the vendor document (and the other overlays) lack becomes an
// operation: query parameters from `params`, the JSON body from `data`, shapes
// from jira.js's own declarations (parameters/*.d.ts, models/*.d.ts, via
// ts-schema.ts), the success response from the method's declared result type.
// Models the vendor document already names are referenced, the rest are added.
// Operation ids are jira.js's method names, except where Atlassian's current
// spec names the operation differently (RENAMED). Security requirements are
// copied from the vendor's operations of the same group and method, so OAuth
// scope checks behave like their neighbours'. Re-run after upgrading jira.js.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../src/core/paths.js';
import { fetchSource } from './fetch.js';
import { HTTP_METHODS, type Obj } from './load.js';
import { loadOverlays } from './overlay.js';
import { vendorSpec } from './sources.js';
import { createProgram, nonNullable, TsSchemas } from './ts-schema.js';

const root = projectRoot();
const CLIENT = process.argv[2] === 'agile' ? 'agile' : 'version3';
const AGILE = CLIENT === 'agile';
const pkgDir = join(root, 'node_modules', 'jira.js');
const esmDir = join(pkgDir, 'dist', 'esm', CLIENT);
const typesDir = join(pkgDir, 'dist', 'esm', 'types', CLIENT);
const overlayDir = join(root, 'twins', 'jira', 'openapi', 'overlays');
const OUT = AGILE ? '30-jira-js-agile.json' : '10-jira-js-operations.json';
/** Agile method names the platform API already uses for other operations, with the Agile REST reference's own ids. */
const AGILE_RENAMED: Record<string, string> = {
  getIssue: 'getAgileIssue',
  getConfiguration: 'getBoardConfiguration',
};
const VERSION = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;

/** jira.js method → Atlassian's operationId where they differ (Atlassian's current Jira platform spec). */
const RENAMED: Record<string, string> = {
  searchForIssuesUsingJqlEnhancedSearch: 'searchAndReconsileIssuesUsingJql',
  searchForIssuesUsingJqlEnhancedSearchPost: 'searchAndReconsileIssuesUsingJqlPost',
  evaluateJiraExpressionUsingEnhancedSearch: 'evaluateJSISJiraExpression',
  putAppProperty: 'putForgeAppProperty',
  deleteAppProperty: 'deleteForgeAppProperty',
  updateWorkflowSchemeMappings: 'getRequiredWorkflowSchemeMappings',
  fetchMigrationTask: 'ConnectToForgeMigrationFetchTaskResource.fetchMigrationTask_get',
  services: 'ServiceRegistryResource.services_get',
};

/**
 * Success status where it is not 200 (or 204 for methods declared `void`): Atlassian's
 * creates answer 201, its asynchronous tasks 202. jira.js does not record statuses.
 */
const STATUS: Record<string, string> = {
  submitBulkDelete: '201',
  submitBulkEdit: '201',
  submitBulkMove: '201',
  submitBulkTransition: '201',
  submitBulkUnwatch: '201',
  submitBulkWatch: '201',
  createPlan: '201',
  duplicatePlan: '201',
  createPlanOnlyTeam: '201',
  createRelatedWork: '201',
  createPriorityScheme: '201',
  archiveIssuesAsync: '202',
  // AgileClient
  createBoard: '201',
  createSprint: '201',
  exportArchivedIssues: '202',
};

/** Properties Atlassian's schema has and jira.js's model omits. */
const EXTRA_PROPERTIES: Record<string, Obj> = {
  SearchAndReconcileResults: { isLast: { type: 'boolean' } },
};

/** Bodies jira.js types as a string that Atlassian takes as any JSON value. */
const ANY_BODY = new Set(['putAppProperty']);

/** Group file → Atlassian tag, where splitting the camelCase name is not enough. */
const TAGS: Record<string, string> = {
  api: 'Issue worklogs',
  jQL: 'JQL',
  jqlFunctionsApps: 'JQL functions (apps)',
  teamsInPlan: 'Teams in plan',
  migrationOfConnectModulesToForge: 'Migration of Connect modules to Forge',
};

interface SdkCall {
  group: string;
  name: string;
  method: string;
  /** Path template with jira.js's parameter names (`/rest/api/3/plans/plan/{planId}`). */
  path: string;
  /** Query name → parameter expression (`parameters?.startAt`). */
  query: Array<[string, string]>;
  /** `data: { key: expr }` entries, or the single expression of `data: expr`. */
  body?: Array<[string, string]> | string;
}

/** The request each method builds, read from the compiled client. */
function sdkCalls(): SdkCall[] {
  const calls: SdkCall[] = [];
  for (const file of readdirSync(esmDir).filter((f) => f.endsWith('.mjs') && f !== 'index.mjs').sort()) {
    const source = readFileSync(join(esmDir, file), 'utf8');
    for (const chunk of source.split(/\n {4}async /).slice(1)) {
      const name = /^(\w+)\(/.exec(chunk)![1]!;
      // The url sits on its own line after `url:` when it is long.
      const url = /^ {12}url:\s+(.+),$/m.exec(chunk)?.[1];
      const method = /^ {12}method: '(\w+)'/m.exec(chunk)?.[1];
      if (!url || !method) continue; // helpers such as _convertToFile
      const path = url.replace(/^[`']|[`']$/g, '').replace(/\$\{(?:parameters\??\.)?(\w+)\}/g, '{$1}');
      const call: SdkCall = { group: file.replace(/\.mjs$/, ''), name, method: method.toLowerCase(), path, query: entries(chunk, 'params') };
      const data = /^ {12}data: (.+)$/m.exec(chunk)?.[1];
      if (data === '{') call.body = entries(chunk, 'data');
      else if (data) call.body = data.replace(/,$/, '');
      calls.push(call);
    }
  }
  return calls;
}

/** `key: expression,` lines of a `params: {…}` / `data: {…}` block. */
function entries(chunk: string, block: string): Array<[string, string]> {
  const start = chunk.search(new RegExp(`^ {12}${block}: \\{$`, 'm'));
  if (start < 0) return [];
  const body = chunk.slice(start, chunk.indexOf('\n            },', start));
  return [...body.matchAll(/^ {16}(['\w-]+): (.+),$/gm)].map((m) => [m[1]!.replace(/'/g, ''), m[2]!]);
}

/** The property a parameter expression reads (`parameters?.startAt` → startAt). */
function propertyOf(expr: string): string | undefined {
  return /parameters\??\.(\w+)/.exec(expr)?.[1];
}

const norm = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

// ---------------------------------------------------------------------------------------------

const spec = vendorSpec('jira');
const vendor = JSON.parse(readFileSync(fetchSource(root, spec.sources[0]!), 'utf8')) as Obj;
const known = new Set<string>();
const existingSchemas = new Set(Object.keys(vendor.components?.schemas ?? {}));
const addKnown = (paths: Obj) => {
  for (const [path, item] of Object.entries<Obj>(paths)) for (const m of HTTP_METHODS) if (item[m]) known.add(`${m} ${norm(path)}`);
};
addKnown(vendor.paths);
for (const { file, overlay } of loadOverlays(overlayDir)) {
  if (file === OUT) continue;
  addKnown(overlay.paths ?? {});
  for (const name of Object.keys(overlay.schemas ?? {})) existingSchemas.add(name);
}

/** Security requirement of the vendor's operations, by tag and method (most common wins). */
const securityByTag = new Map<string, Map<string, number>>();
for (const item of Object.values<Obj>(vendor.paths)) {
  for (const m of HTTP_METHODS) {
    const op = item[m];
    if (!op?.security) continue;
    for (const key of [`${op.tags?.[0]} ${m}`, `${op.tags?.[0]} *`, `* ${m}`]) {
      const counts = securityByTag.get(key) ?? new Map<string, number>();
      const json = JSON.stringify(op.security);
      counts.set(json, (counts.get(json) ?? 0) + 1);
      securityByTag.set(key, counts);
    }
  }
}
function securityFor(tag: string, method: string): Obj[] {
  for (const key of [`${tag} ${method}`, `${tag} *`, `* ${method}`]) {
    const counts = securityByTag.get(key);
    if (counts) return JSON.parse([...counts].sort((a, b) => b[1] - a[1])[0]![0]) as Obj[];
  }
  return [{ basicAuth: [] }, { OAuth2: [] }];
}

function tagOf(group: string): string {
  if (TAGS[group]) return TAGS[group]!;
  if (group.endsWith('Apps')) return `${tagOf(group.slice(0, -4))} (apps)`;
  const words = group.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ');
  return [words[0]![0]!.toUpperCase() + words[0]!.slice(1), ...words.slice(1).map((w) => (/^[A-Z]{2,}/.test(w) ? w : w.toLowerCase()))].join(' ');
}

const calls = sdkCalls().filter((c) => !known.has(`${c.method} ${norm(c.path)}`));
const groups = [...new Set(calls.map((c) => c.group))];
const program = createProgram(groups.map((g) => join(typesDir, `${g}.d.ts`)));
const checker = program.getTypeChecker();
const schemas = new TsSchemas(checker, {
  existing: existingSchemas,
  componentName: (symbol) => {
    const decl = symbol.declarations?.[0];
    const file = decl?.getSourceFile().fileName ?? '';
    const name = symbol.getName();
    const agileModel = file.includes('/agile/models/');
    if ((!agileModel && !/\/version[23]\/models\//.test(file)) || name.startsWith('__')) return undefined;
    if (decl && ts.isVariableDeclaration(decl)) return undefined; // zod schema objects
    // Agile models share names with platform ones (Issue, Project) but not shapes; platform models they reuse stay platform schemas.
    if (agileModel) return `Agile${name}`;
    return vendorAlias(symbol) ?? name;
  },
});

/**
 * jira.js drops Atlassian's `Bean` suffixes (Issue for IssueBean); where the vendor
 * document has `<Name>Bean` with exactly the same properties, that schema is used.
 */
function vendorAlias(symbol: ts.Symbol): string | undefined {
  const name = symbol.getName();
  if (existingSchemas.has(name)) return undefined;
  const keys = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).map((p) => p.getName()).sort().join();
  for (const candidate of [`${name}Bean`, `${name}JsonBean`]) {
    const schema = vendor.components?.schemas?.[candidate];
    if (schema && Object.keys(schema.properties ?? {}).sort().join() === keys) return candidate;
  }
  return undefined;
}

/** The last overload of a client method: its parameters type and result type (`T = Models.X`). */
function signature(group: string, name: string): { params?: ts.Type; result?: ts.TypeNode } {
  const file = program.getSourceFile(join(typesDir, `${group}.d.ts`))!;
  let found: ts.MethodDeclaration | undefined;
  file.forEachChild(function visit(node): void {
    if (ts.isMethodDeclaration(node) && node.name.getText(file) === name) found = node;
    else node.forEachChild(visit);
  });
  if (!found) throw new Error(`jira-sdk-overlay: no declaration of ${group}.${name}`);
  const first = found.parameters[0];
  const params = first && first.name.getText(file) === 'parameters' ? nonNullable(checker, checker.getTypeAtLocation(first)) : undefined;
  return { params, result: found.typeParameters?.[0]?.default };
}

function propertyType(params: ts.Type | undefined, prop: string): { type?: ts.Type; optional: boolean } {
  const symbol = params && checker.getPropertyOfType(params, prop);
  if (!symbol) return { optional: true };
  const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
  return { type: nonNullable(checker, checker.getTypeOfSymbol(symbol)), optional };
}

function operation(call: SdkCall): Obj {
  const { params, result } = signature(call.group, call.name);
  const parameters: Obj[] = [];
  for (const [, name] of call.path.matchAll(/\{(\w+)\}/g)) {
    const { type } = propertyType(params, name!);
    const schema = type && !(type.flags & ts.TypeFlags.Object) ? schemas.schema(type, true) : { type: 'string' };
    parameters.push({ in: 'path', name, required: true, schema: schema.anyOf ? { type: 'string' } : schema });
  }
  for (const [name, expr] of call.query) {
    const prop = propertyOf(expr);
    const { type, optional } = prop ? propertyType(params, prop) : { optional: true };
    let schema: Obj = type ? schemas.schema(type, true) : {};
    if (/\.join\(/.test(expr) || !type) schema = { type: 'string' };
    // jira.js repeats array values (`?id=1&id=2`); a value that may be one or many is many.
    const array = schema.anyOf?.find((s: Obj) => s.type === 'array');
    if (array) schema = array;
    parameters.push({ in: 'query', name, ...(optional ? {} : { required: true }), schema });
  }

  let requestBody: Obj | undefined;
  if (call.body !== undefined) {
    let schema: Obj;
    let required = true;
    if (typeof call.body === 'string') {
      const prop = propertyOf(call.body);
      if (call.body === 'parameters' || call.body === 'parameters?') {
        schema = params ? schemas.schema(params) : {};
      } else if (prop) {
        const { type, optional } = propertyType(params, prop);
        schema = type ? schemas.schema(type) : {};
        required = !optional;
      } else {
        schema = {};
      }
    } else {
      const properties: Obj = {};
      const req: string[] = [];
      for (const [key, expr] of call.body) {
        const prop = propertyOf(expr);
        const { type, optional } = prop ? propertyType(params, prop) : { optional: true };
        properties[key] = type ? schemas.schema(type) : {};
        if (!optional) req.push(key);
      }
      schema = { type: 'object', properties, ...(req.length ? { required: req } : {}) };
      required = req.length > 0;
    }
    if (ANY_BODY.has(call.name)) schema = {};
    requestBody = { required, content: { 'application/json': { schema } } };
  }

  const responses: Obj = {};
  const resultType = result ? checker.getTypeFromTypeNode(result) : undefined;
  if (!resultType || resultType.flags & ts.TypeFlags.Void) {
    responses['204'] = { description: 'no content' };
  } else {
    const schema = schemas.schema(resultType);
    responses[STATUS[call.name] ?? '200'] = { description: 'ok', content: { 'application/json': { schema } } };
  }
  const tag = tagOf(call.group);
  return {
    operationId: (AGILE ? AGILE_RENAMED[call.name] : RENAMED[call.name]) ?? call.name,
    tags: [tag],
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
    security: securityFor(tag, call.method),
  };
}

const paths: Obj = {};
for (const call of calls) (paths[call.path] ??= {})[call.method] = operation(call);
const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : 1)));
const reason = AGILE
  ? `Jira Software's Agile REST API (and the DevOps APIs) as jira.js ${VERSION}'s AgileClient calls it: no Agile OpenAPI document ships in a package we can reach; ids are jira.js's method names, shapes from its declarations`
  : `Operations jira.js ${VERSION} (Version3Client) calls that the pinned Jira spec lacks; ids from Atlassian's current spec (else jira.js's method names), shapes from jira.js's declarations`;
// One operation or schema per line keeps ~120 operations reviewable in a diff.
const lines = (obj: Obj) => Object.entries(obj).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
for (const [name, extra] of Object.entries(EXTRA_PROPERTIES)) Object.assign(schemas.components.get(name)?.properties ?? {}, extra);
const components = Object.fromEntries([...schemas.components].sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(
  join(overlayDir, OUT),
  `{\n  "reason": ${JSON.stringify(reason)},\n  "paths": {\n${lines(sortedPaths)}\n  },\n  "schemas": {\n${lines(components)}\n  }\n}\n`,
);
console.log(`jira-sdk-overlay: ${calls.length} operations on ${Object.keys(paths).length} paths, ${schemas.components.size} schemas written to ${OUT}`);
