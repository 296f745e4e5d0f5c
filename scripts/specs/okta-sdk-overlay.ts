// One-off generator of twins/okta/openapi/overlays/3x-sdk-*.json: operations @okta/okta-sdk-nodejs calls that the 2.15.0 spec lacks.
//
//   npx tsx scripts/specs/okta-sdk-overlay.ts
//
// The SDK's request factories (src/generated/apis/*Api.js) are generated from
// Okta's current management spec and record, per operationId: path, method,
// query and header parameters with their types, the body's media types and
// type, and (in the response processors) the type returned for each status.
// An operation whose method + path template neither the vendor document nor
// another overlay has becomes an overlay operation, in one file per group
// (GROUPS). Types come from the SDK's declarations (src/types/generated/models,
// via ts-schema.ts) with wire names and formats from its attribute maps; models
// the 2.15.0 document already names are referenced, the rest are written once to
// 29-sdk-models.json. Only success responses are declared. Re-run after
// upgrading the SDK, then `npm run specs`.
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../src/core/paths.js';
import { fetchSource } from './fetch.js';
import { HTTP_METHODS, type Obj } from './load.js';
import { loadOverlays } from './overlay.js';
import { vendorSpec } from './sources.js';
import { createProgram, TsSchemas } from './ts-schema.js';

const root = projectRoot();
const sdkDir = join(root, 'node_modules', '@okta', 'okta-sdk-nodejs');
const apisDir = join(sdkDir, 'src', 'generated', 'apis');
const modelsJsDir = join(sdkDir, 'src', 'generated', 'models');
const modelsDtsDir = join(sdkDir, 'src', 'types', 'generated', 'models');
const overlayDir = join(root, 'twins', 'okta', 'openapi', 'overlays');
const VERSION = (JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')) as { version: string }).version;
const SDK = `@okta/okta-sdk-nodejs ${VERSION}`;
const MODELS_FILE = '29-sdk-models.json';

/** Output files: which SDK API classes each holds, and why it exists. */
const GROUPS: Array<{ file: string; what: string; apis: string[] }> = [
  {
    file: '30-sdk-keys.json',
    what: 'custom authorization server resource-server keys and app JWKS',
    apis: ['OAuth2ResourceServerCredentialsKeysApi', 'ApplicationSSOPublicKeysApi'],
  },
  {
    file: '31-sdk-users.json',
    what: 'users, sessions, authenticator enrollments, user types, schemas, linked objects and profile mappings',
    apis: ['UserApi', 'UserAuthenticatorEnrollmentsApi', 'UnconfirmedUsersApi', 'OktaManagedUserAccountApi', 'SessionApi', 'UserTypeApi', 'SchemaApi', 'UISchemaApi', 'LinkedObjectApi', 'ProfileMappingApi', 'WebAuthnPreregistrationApi', 'UserFactorApi', 'GroupApi', 'GroupPushMappingApi', 'RealmApi', 'RealmAssignmentApi', 'OktaPersonalSettingsApi', 'SubscriptionApi'],
  },
  {
    file: '32-sdk-apps.json',
    what: 'applications, their connections, features, tokens and trust mappings, OIN and API service integrations',
    apis: ['ApplicationApi', 'ApplicationCrossAppAccessConnectionsApi', 'ApplicationInterclientTrustMappingsApi', 'OktaApplicationSettingsApi', 'YourOinIntegrationsApi', 'ApiServiceIntegrationsApi', 'ApiTokenApi', 'ServiceAccountApi'],
  },
  {
    file: '33-sdk-security.json',
    what: 'policies, authenticators, identity providers and sources, devices, network, threat and rate-limit settings',
    apis: ['PolicyApi', 'AuthenticatorApi', 'BehaviorApi', 'CAPTCHAApi', 'AttackProtectionApi', 'NetworkZoneApi', 'ThreatInsightApi', 'DeviceAssuranceApi', 'DevicePostureCheckApi', 'DeviceApi', 'DeviceAccessApi', 'DeviceIntegrationsApi', 'RateLimitSettingsApi', 'PrincipalRateLimitApi', 'TrustedOriginApi', 'IdentityProviderApi', 'IdentitySourceApi', 'RiskEventApi', 'RiskProviderApi', 'AuthorizationServerApi'],
  },
  {
    file: '34-sdk-roles.json',
    what: 'role assignments and targets, custom roles, resource sets, governance bundles and privileged resources',
    apis: ['RoleAssignmentApi', 'RoleTargetApi', 'CustomRoleApi', 'ResourceSetApi', 'GovernanceBundleApi', 'PrivilegedResourceApi'],
  },
  {
    file: '35-sdk-customization.json',
    what: 'brands, themes, pages, email templates and domains, custom domains, telephony providers',
    apis: ['CustomizationApi', 'AssociatedDomainCustomizationsApi', 'EmailDomainApi', 'EmailServerApi', 'CustomDomainApi', 'CustomTelephonyProviderApi', 'TemplateApi'],
  },
  {
    file: '36-sdk-org.json',
    what: 'org settings, hooks and hook keys, log streams, push providers, features, agents and their pools, SSF, realms and integrations',
    apis: [], // everything not listed above
  },
];

/**
 * SDK operationIds the 2.15.0 document already uses for a different operation
 * (ids cannot move, see the overlay rules): the SDK's operation gets a new one.
 */
const RENAMED: Record<string, string> = {
  getRole: 'getCustomRole', // 2.15.0: a user's role assignment; SDK: GET /api/v1/iam/roles/{roleIdOrLabel}
  updateInlineHook: 'partialUpdateInlineHook', // 2.15.0: the PUT; SDK: the POST partial update
};

interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  type: string;
  format: string;
  required: boolean;
}

interface SdkCall {
  api: string;
  name: string;
  method: string;
  path: string;
  params: Param[];
  body?: { media: string[]; type: string; required: boolean } | { form: string[] };
  /** Success status → type name (`void` when the processor returns nothing). */
  responses: Array<[string, string]>;
}

const unquote = (s: string) => s.replace(/\\'/g, "'");

function sdkCalls(): SdkCall[] {
  const calls: SdkCall[] = [];
  for (const file of readdirSync(apisDir).filter((f) => f.endsWith('Api.js')).sort()) {
    const api = file.replace(/\.js$/, '');
    const source = readFileSync(join(apisDir, file), 'utf8');
    const split = source.indexOf('ResponseProcessor {');
    const processors = new Map<string, string>();
    for (const chunk of source.slice(split).split(/\n {2}async /).slice(1)) processors.set(/^(\w+)\(/.exec(chunk)![1]!, chunk);
    for (const chunk of source.slice(0, split).split(/\n {2}async /).slice(1)) {
      const name = /^(\w+)\(/.exec(chunk)![1]!;
      const path = /const path = '([^']+)'/.exec(chunk)?.[1];
      const method = /HttpMethodEnum\.(\w+)/.exec(chunk)?.[1];
      if (!path || !method) continue;
      const required = new Set([...chunk.matchAll(/verify required parameter '(\w+)'/g)].map((m) => m[1]!));
      const params: Param[] = [];
      for (const m of chunk.matchAll(/\['(\w+)'\]: String\((\w+)\)/g)) params.push({ name: m[1]!, in: 'path', type: 'string', format: '', required: true });
      const serialized = /set(Query|Header)Param\('([^']+)', ObjectSerializer_1\.ObjectSerializer\.serialize\((\w+), '((?:[^'\\]|\\.)*)', '([^']*)'\)\)/g;
      for (const m of chunk.matchAll(serialized)) {
        params.push({ name: m[2]!, in: m[1] === 'Query' ? 'query' : 'header', type: unquote(m[4]!), format: m[5]!, required: required.has(m[3]!) });
      }
      const call: SdkCall = { api, name, method: method.toLowerCase(), path, params, responses: [] };
      const media = /getPreferredMediaTypeAndEncoding\(\[([^\]]*)\], (\w+)\)/.exec(chunk);
      const bodyType = /ObjectSerializer\.serialize\((\w+), '((?:[^'\\]|\\.)*)', ''\), contentType\)/.exec(chunk);
      if (media && bodyType) {
        call.body = { media: [...media[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!), type: unquote(bodyType[2]!), required: required.has(bodyType[1]!) };
      } else if (/localVarFormParams\.append/.test(chunk)) {
        call.body = { form: [...chunk.matchAll(/localVarFormParams\.append\('(\w+)'/g)].map((m) => m[1]!) };
      }
      const processor = processors.get(name) ?? '';
      for (const m of processor.matchAll(/isCodeInRange\)\('(2\d\d)', response\.httpStatusCode\)\) \{\n\s+(return;|const body = [^\n]*?'((?:[^'\\]|\\.)*)', ''\);)/g)) {
        call.responses.push([m[1]!, m[2] === 'return;' ? 'void' : unquote(m[3]!)]);
      }
      if (!call.responses.length) {
        const fallback = /httpStatusCode >= 200 && response\.httpStatusCode <= 299\) \{\n\s+const body = [^\n]*?'((?:[^'\\]|\\.)*)', ''\);/.exec(processor);
        call.responses.push(['200', fallback ? unquote(fallback[1]!) : 'void']);
      }
      calls.push(call);
    }
  }
  return calls;
}

const norm = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

// ---------------------------------------------------------------------------------------------

const spec = vendorSpec('okta');
const vendor = JSON.parse(readFileSync(fetchSource(root, spec.sources[0]!), 'utf8')) as Obj;
const ownFiles = new Set([MODELS_FILE, ...GROUPS.map((g) => g.file)]);
const known = new Set<string>();
const knownIds = new Set<string>();
const existing = new Set<string>(Object.keys(vendor.definitions ?? vendor.components?.schemas ?? {}));
const addKnown = (paths: Obj) => {
  for (const [path, item] of Object.entries<Obj>(paths)) {
    for (const m of HTTP_METHODS) {
      if (!item[m]) continue;
      known.add(`${m} ${norm(path.replace(/\?.*$/, ''))}`);
      if (item[m].operationId) knownIds.add(item[m].operationId);
    }
  }
};
addKnown(vendor.paths);
for (const { file, overlay } of loadOverlays(overlayDir)) {
  if (ownFiles.has(file)) continue;
  addKnown(overlay.paths ?? {});
  for (const name of Object.keys(overlay.schemas ?? {})) existing.add(name);
}

// SDK models: declarations (types, optionality, nullability) and attribute maps (wire names, formats).
const program = createProgram([join(modelsDtsDir, 'ObjectSerializer.d.ts')]);
const checker = program.getTypeChecker();
const exportsByName = new Map<string, ts.Symbol>();
const indexFile = program.getSourceFile(join(modelsDtsDir, 'ObjectSerializer.d.ts'))!;
const indexModule = checker.getSymbolAtLocation(indexFile) ?? (indexFile as unknown as { symbol?: ts.Symbol }).symbol;
if (!indexModule) throw new Error(`okta-sdk-overlay: cannot read ${indexFile.fileName}`);
for (const symbol of checker.getExportsOfModule(indexModule)) {
  exportsByName.set(symbol.getName(), symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
}
const require = createRequire(import.meta.url);
interface Attribute { name: string; baseName: string; format: string }
const attributeCache = new Map<string, Attribute[]>();
function attributes(model: string): Attribute[] {
  if (!attributeCache.has(model)) {
    let list: Attribute[] = [];
    try {
      const cls = (require(join(modelsJsDir, `${model}.js`)) as Record<string, { getAttributeTypeMap?(): Attribute[] }>)[model];
      list = cls?.getAttributeTypeMap?.() ?? [];
    } catch {
      // enums and unions have no attribute map
    }
    attributeCache.set(model, list);
  }
  return attributeCache.get(model)!;
}
const STANDARD_FORMATS = new Set(['date-time', 'date', 'uri', 'email', 'uuid', 'int32', 'int64', 'binary', 'byte', 'hostname', 'ipv4', 'ipv6', 'password']);

const schemas = new TsSchemas(checker, {
  existing,
  componentName: (symbol) => {
    const file = symbol.declarations?.[0]?.getSourceFile().fileName ?? '';
    if (!file.startsWith(modelsDtsDir)) return undefined;
    // Small enums declared next to the model that uses them are inlined; a model file's own type is a component.
    return file.endsWith(`/${symbol.getName()}.d.ts`) ? symbol.getName() : undefined;
  },
  format: (owner, property) => {
    const format = attributes(owner).find((a) => a.name === property)?.format;
    return format && STANDARD_FORMATS.has(format) ? format : undefined;
  },
  wireName: (owner, property) => attributes(owner).find((a) => a.name === property)?.baseName,
});

/** Schema for an SDK type string: `Array<User>`, `{ [key: string]: any; }`, `'A' | 'B'`, `string`, a model name. */
function typeSchema(type: string, format = '', integers = false): Obj {
  const t = type.trim();
  let m: RegExpExecArray | null;
  if ((m = /^Array<(.+)>$/.exec(t))) return { type: 'array', items: typeSchema(m[1]!, '', integers) };
  if ((m = /^Set<(.+)>$/.exec(t))) return { type: 'array', items: typeSchema(m[1]!, '', integers), uniqueItems: true };
  if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(t))) return { type: 'object', additionalProperties: typeSchema(m[1]!, '', integers) };
  if (/^'[^']*'( \| '[^']*')*$/.test(t)) return { type: 'string', enum: [...t.matchAll(/'([^']*)'/g)].map((x) => x[1]) };
  const fmt = STANDARD_FORMATS.has(format) ? { format } : {};
  switch (t) {
    case 'string':
      return { type: 'string', ...fmt };
    case 'number':
      return format === 'int32' || format === 'int64' || integers ? { type: 'integer', ...fmt } : { type: 'number', ...fmt };
    case 'boolean':
      return { type: 'boolean' };
    case 'Date':
      return { type: 'string', format: 'date-time' };
    case 'HttpFile':
      return { type: 'string', format: 'binary' };
    case 'any':
    case 'object':
      return {};
  }
  const symbol = exportsByName.get(t);
  if (!symbol) throw new Error(`okta-sdk-overlay: unknown SDK type ${t}`);
  return schemas.schema(checker.getDeclaredTypeOfSymbol(symbol), integers);
}

/** Query arrays travel comma-joined (`?expand=a,b`); the engine validates them as the one string they are. */
function paramSchema(p: Param): Obj {
  if (p.in === 'path') return { type: 'string' };
  const schema = typeSchema(p.type, p.format, true);
  return schema.type === 'array' ? { type: 'string' } : schema;
}

function responseContent(type: string): Obj | undefined {
  if (type === 'void') return undefined;
  if (type === 'HttpFile') return { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } };
  return { 'application/json': { schema: typeSchema(type) } };
}

function operation(call: SdkCall): Obj {
  const op: Obj = {
    operationId: RENAMED[call.name] ?? call.name,
    tags: [call.api.replace(/Api$/, '')],
    security: [{ api_token: [] }],
  };
  const parameters = call.params.map((p) => ({ in: p.in, name: p.name, ...(p.required ? { required: true } : {}), schema: paramSchema(p) }));
  if (parameters.length) op.parameters = parameters;
  if (call.body && 'form' in call.body) {
    const properties = Object.fromEntries(call.body.form.map((f) => [f, { type: 'string', format: 'binary' }]));
    op.requestBody = { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties, required: call.body.form } } } };
  } else if (call.body) {
    const schema = typeSchema(call.body.type);
    const content: Obj = {};
    for (const media of call.body.media) content[media] = { schema: media.includes('json') ? schema : { type: 'string' } };
    op.requestBody = { required: call.body.required, content };
  }
  op.responses = {};
  for (const [status, type] of call.responses) {
    const content = responseContent(type);
    op.responses[status] = { description: status === '204' || !content ? 'no content' : 'ok', ...(content ? { content } : {}) };
  }
  return op;
}

const all = sdkCalls();
const seen = new Set<string>();
const missing: SdkCall[] = [];
const duplicates: string[] = [];
for (const call of all) {
  const key = `${call.method} ${norm(call.path)}`;
  if (known.has(key)) continue;
  if (seen.has(key)) {
    duplicates.push(`${call.api}.${call.name}`);
    continue;
  }
  seen.add(key);
  missing.push(call);
}
const renamed = missing.filter((c) => knownIds.has(RENAMED[c.name] ?? c.name)).map((c) => `${c.name} (${c.method.toUpperCase()} ${c.path})`);

const lines = (obj: Obj) => Object.entries(obj).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
const listed = new Set(GROUPS.flatMap((g) => g.apis));
let written = 0;
for (const group of GROUPS) {
  const calls = missing.filter((c) => (group.apis.length ? group.apis.includes(c.api) : !listed.has(c.api)));
  const target = join(overlayDir, group.file);
  if (!calls.length) {
    try {
      unlinkSync(target);
    } catch {
      // nothing to remove
    }
    continue;
  }
  const paths: Obj = {};
  for (const call of calls.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) (paths[call.path] ??= {})[call.method] = operation(call);
  const reason = `Operations ${SDK} calls that the 2.15.0 spec lacks: ${group.what}; shapes from the SDK's models`;
  writeFileSync(target, `{\n  "reason": ${JSON.stringify(reason)},\n  "paths": {\n${lines(paths)}\n  }\n}\n`);
  written += calls.length;
  console.log(`okta-sdk-overlay: ${group.file}: ${calls.length} operations`);
}
const components = Object.fromEntries([...schemas.components].sort(([a], [b]) => (a < b ? -1 : 1)));
const modelsReason = `Models of ${SDK} that the operations in 30-36 use and the 2.15.0 spec lacks (same names as the SDK)`;
writeFileSync(join(overlayDir, MODELS_FILE), `{\n  "reason": ${JSON.stringify(modelsReason)},\n  "schemas": {\n${lines(components)}\n  }\n}\n`);
console.log(`okta-sdk-overlay: ${written} operations, ${schemas.components.size} models in ${MODELS_FILE}`);
if (duplicates.length) console.log(`okta-sdk-overlay: same method and path as another SDK method, skipped: ${duplicates.join(', ')}`);
if (renamed.length) console.log(`okta-sdk-overlay: ids the 2.15.0 spec uses for another path (the digest will suffix them): ${renamed.join('; ')}`);
