// One-off generator of twins/slack/openapi/overlays/20-sdk-methods.json: the WebClient methods the 2020 Slack spec lacks.
//
//   npx tsx scripts/specs/slack-sdk-overlay.ts <path/to/slack-api-ref/methods>
//
// Argument names, required flags and types come from a checkout of the public
// method reference (slack-ruby/slack-api-ref, `methods/`), or, for methods it
// does not have yet, from @slack/web-api's own argument interfaces. Only
// structure is taken: no descriptions or examples. Responses promise `ok` and
// nothing more (dtu_ok_response / dtu_error_response from 05-shared-schemas.json);
// handlers own the rest. Re-run after upgrading @slack/web-api, then `npm run specs`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/core/paths.js';
import { fetchSource } from './fetch.js';
import type { Obj } from './load.js';
import { loadOverlays } from './overlay.js';
import { vendorSpec } from './sources.js';

const root = projectRoot();
const referenceDir = process.argv[2];
if (!referenceDir) {
  console.error('usage: npx tsx scripts/specs/slack-sdk-overlay.ts <path/to/slack-api-ref/methods>');
  process.exit(2);
}
const sdkDir = join(root, 'node_modules', '@slack', 'web-api', 'dist');
const overlayDir = join(root, 'twins', 'slack', 'openapi', 'overlays');
const OUT = '20-sdk-methods.json';

interface Arg {
  required: boolean;
  type: string;
}

/** Every method name WebClient binds (`bindApiCall(this, 'chat.postMessage')`). */
function sdkMethods(): string[] {
  const source = readFileSync(join(sdkDir, 'methods.js'), 'utf8');
  return [...new Set([...source.matchAll(/bindApiCall(?:WithOptionalArgument)?\(this, '([^']+)'/g)].map((m) => m[1]!))].sort();
}

/** Methods already served: the vendor document plus every other overlay file. */
function knownMethods(): Set<string> {
  const spec = vendorSpec('slack');
  const doc = JSON.parse(readFileSync(fetchSource(root, spec.sources[0]!), 'utf8')) as Obj;
  const known = new Set(Object.keys(doc.paths).map((p) => p.slice(1)));
  for (const { file, overlay } of loadOverlays(overlayDir)) {
    if (file === OUT) continue;
    for (const path of Object.keys(overlay.paths ?? {})) known.add(path.replace(/^\/api\//, ''));
  }
  return known;
}

function referenceFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const group of readdirSync(referenceDir!)) {
    if (group.startsWith('_')) continue; // patches and undocumented methods are not reference entries
    for (const file of readdirSync(join(referenceDir!, group))) if (file.endsWith('.json')) files.set(file.slice(0, -5), join(referenceDir!, group, file));
  }
  return files;
}

/** Form arguments travel as strings; JSON-valued ones (arrays, objects, blocks) too. */
function wireType(type: string | undefined): string {
  return type === 'boolean' || type === 'integer' || type === 'number' ? type : 'string';
}

function argsFromReference(file: string): { args: Record<string, Arg>; deprecated: boolean } {
  const ref = JSON.parse(readFileSync(file, 'utf8')) as Obj;
  const args: Record<string, Arg> = {};
  for (const [name, arg] of Object.entries<Obj>(ref.args ?? {})) args[name] = { required: Boolean(arg.required), type: wireType(arg.type) };
  return { args, deprecated: Boolean(ref.deprecated) };
}

/** `agents.conversations.archive` → the top-level members of `AgentsConversationsArchiveArguments`. */
function argsFromSdk(method: string): Record<string, Arg> {
  const name = `${method.split('.').map((part) => part[0]!.toUpperCase() + part.slice(1)).join('')}Arguments`;
  const dir = join(sdkDir, 'types', 'request');
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.d.ts'));
  for (const file of files) {
    const source = readFileSync(join(dir, file), 'utf8');
    const start = source.indexOf(`export interface ${name} `);
    if (start < 0) continue;
    const body = source.slice(start, source.indexOf('\n}', start));
    const args: Record<string, Arg> = {};
    for (const m of body.matchAll(/^ {4}(\w+)(\??): ([^;\n]+)/gm)) {
      const tsType = m[3]!.trim();
      args[m[1]!] = { required: m[2] !== '?', type: wireType(tsType === 'number' ? 'number' : tsType) };
    }
    return args;
  }
  throw new Error(`slack-sdk-overlay: no reference entry and no ${name} in @slack/web-api for ${method}`);
}

/** Called with client credentials, not a token; `none` is the 2020 spec's own marker (oauth.v2.access). */
const NO_TOKEN = new Set(['oauth.v2.exchange', 'openid.connect.token']);

function operation(method: string, args: Record<string, Arg>, deprecated: boolean): Obj {
  delete args.token; // authentication, not an argument (see 00-token-argument.json)
  const names = Object.keys(args).sort();
  const required = names.filter((n) => args[n]!.required);
  const schema: Obj = { type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: args[n]!.type }])) };
  if (required.length) schema.required = required;
  return {
    post: {
      tags: [method.split('.')[0]],
      ...(deprecated ? { deprecated: true } : {}),
      security: [{ slackAuth: NO_TOKEN.has(method) ? ['none'] : [] }],
      requestBody: {
        required: required.length > 0,
        content: { 'application/x-www-form-urlencoded': { schema } },
      },
      responses: {
        '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/dtu_ok_response' } } } },
        default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/dtu_error_response' } } } },
      },
    },
  };
}

const known = knownMethods();
const refs = referenceFiles();
const paths: Obj = {};
const fromSdk: string[] = [];
for (const method of sdkMethods().filter((m) => !known.has(m))) {
  const file = refs.get(method);
  if (file) {
    const { args, deprecated } = argsFromReference(file);
    paths[`/api/${method}`] = operation(method, args, deprecated);
  } else {
    fromSdk.push(method);
    paths[`/api/${method}`] = operation(method, argsFromSdk(method), false);
  }
}
const overlay = {
  reason: 'Methods @slack/web-api 8.2.0 calls that the 2020 spec lacks; arguments from the public method reference (or the SDK types), responses promise only ok',
  paths,
};
// One method per line: 115 methods stay reviewable in a diff.
const lines = Object.entries(paths).map(([path, item]) => `    ${JSON.stringify(path)}: ${JSON.stringify(item)}`);
writeFileSync(join(overlayDir, OUT), `{\n  "reason": ${JSON.stringify(overlay.reason)},\n  "paths": {\n${lines.join(',\n')}\n  }\n}\n`);
console.log(`slack-sdk-overlay: ${Object.keys(paths).length} methods written to ${OUT} (${fromSdk.length} from SDK types: ${fromSdk.join(', ')})`);
