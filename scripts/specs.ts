// The spec pipeline: vendor documents → overlays → twins/<vendor>/openapi/digest.json → twins/<vendor>/generated/*.
//
//   npx tsx scripts/specs.ts [vendor…]             fetch (cached in .cache/specs), digest, generate
//   npx tsx scripts/specs.ts --offline [vendor…]   regenerate generated/* from the committed digests only
//
// Steps and the overlay format are described in scripts/specs/*.ts; the digest
// contract is src/core/digest.ts.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { Digest } from '../src/core/digest.js';
import { projectRoot } from '../src/core/paths.js';
import { buildDigest, type DigestInput } from './specs/build-digest.js';
import { checkDigest } from './specs/check.js';
import { fetchSources } from './specs/fetch.js';
import { renderGenerated } from './specs/generate.js';
import { loadDoc } from './specs/load.js';
import { applyOverlay, loadOverlays, type Touched } from './specs/overlay.js';
import { VENDORS, vendorSpec, type VendorSpec } from './specs/sources.js';

const root = projectRoot();

async function digestVendor(spec: VendorSpec): Promise<Digest> {
  const overlays = loadOverlays(join(root, 'twins', spec.vendor, 'openapi', 'overlays'));
  const inputs: DigestInput[] = [];
  const files = fetchSources(root, spec.sources);
  for (const [i, source] of spec.sources.entries()) {
    const loaded = await loadDoc(files[i]!, source);
    for (const note of loaded.notes) console.warn(`specs: ${spec.vendor} ${source.file}: ${note}`);
    const touched: Touched = new Map();
    const mine = overlays.filter(({ file, overlay }) => {
      if (spec.sources.length > 1 && !overlay.api) throw new Error(`overlay ${file}: "api" is required for ${spec.vendor}`);
      return !overlay.api || overlay.api === source.api;
    });
    for (const entry of mine) applyOverlay(loaded.doc, entry, touched);
    if (mine.length) await validateOverlaid(loaded.doc, spec.vendor, source.file, loaded.notes.length > 0);
    inputs.push({ loaded, touched });
  }
  for (const { file, overlay } of overlays) {
    if (overlay.api && !spec.sources.some((s) => s.api === overlay.api)) throw new Error(`overlay ${file}: no ${spec.vendor} document for api "${overlay.api}"`);
  }
  return buildDigest(spec, inputs, overlays);
}

/** An overlay must not break a document: if the vendor's validated, the overlaid one must too. */
async function validateOverlaid(doc: object, vendor: string, file: string, vendorFailed: boolean): Promise<void> {
  try {
    await SwaggerParser.validate(structuredClone(doc) as never);
  } catch (error) {
    const message = `${vendor} ${file}: invalid after overlays: ${(error as Error).message.slice(0, 2000)}`;
    if (!vendorFailed) throw new Error(`specs: ${message}`);
    console.warn(`specs: ${message}`);
  }
}

async function writeGenerated(vendor: string, digest: Digest): Promise<void> {
  const dir = join(root, 'twins', vendor, 'generated');
  mkdirSync(dir, { recursive: true });
  const files = await renderGenerated(digest);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}

function readDigest(vendor: string): Digest {
  return JSON.parse(readFileSync(digestPath(vendor), 'utf8')) as Digest;
}

function digestPath(vendor: string): string {
  return join(root, 'twins', vendor, 'openapi', 'digest.json');
}

function kb(file: string): string {
  return `${Math.round(statSync(file).size / 1024)} KB`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const offline = args.includes('--offline');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--offline');
  if (unknown.length) throw new Error(`specs: unknown option ${unknown.join(' ')}`);
  const names = args.filter((a) => !a.startsWith('--'));
  const specs = names.length ? names.map(vendorSpec) : VENDORS;

  for (const spec of specs) {
    const started = Date.now();
    let digest: Digest;
    if (offline) {
      digest = readDigest(spec.vendor);
    } else {
      digest = await digestVendor(spec);
      const problems = checkDigest(digest);
      // A schema the engine cannot compile would leave requests unvalidated: fix it with an overlay first.
      if (problems.length) throw new Error(`specs: ${spec.vendor}: ${problems.length} problem(s):\n${problems.join('\n')}`);
      mkdirSync(join(root, 'twins', spec.vendor, 'openapi'), { recursive: true });
      writeFileSync(digestPath(spec.vendor), `${JSON.stringify(digest, null, 2)}\n`);
    }
    await writeGenerated(spec.vendor, digest);
    const byApi = new Map<string, number>();
    for (const op of digest.operations) if (op.api) byApi.set(op.api, (byApi.get(op.api) ?? 0) + 1);
    const apis = byApi.size ? ` (${[...byApi].map(([api, n]) => `${api} ${n}`).join(', ')})` : '';
    const overlaid = digest.operations.filter((op) => op.overlay).length;
    console.log(
      `specs: ${spec.vendor}: ${digest.operations.length} operations${apis}, ${overlaid} from overlays, ` +
        `${Object.keys(digest.schemas).length} schemas; digest ${kb(digestPath(spec.vendor))}, ` +
        `types.ts ${kb(join(root, 'twins', spec.vendor, 'generated', 'types.ts'))} (${Date.now() - started} ms)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
