/**
 * What a FIDELITY.md was generated from, cheap to recompute: each SDK surface (package version and
 * method count), every scenario (file, name, modes) and each twin's coverage. The committed file
 * carries it, and a test fails when the current code gives different inputs (the file is stale).
 * Behavior changes inside an unchanged scenario need a full compat run to show; this catches the rest.
 */
import { loadScenarios, COMPAT_VENDORS } from './runner.js';
import { sdkSurfaces, surfaceId } from './surface.js';
import { coverageRows } from '../src/cli/coverage.js';

export interface FidelityInputs {
  surfaces: Array<{ id: string; version: string; methods: number }>;
  scenarios: Array<{ vendor: string; file?: string; name: string; modes: string[] }>;
  coverage: Array<{ twin: string; operations: number; handwritten: number; inferred: number; notImplemented: number }>;
}

export async function fidelityInputs(): Promise<FidelityInputs> {
  const surfaces: FidelityInputs['surfaces'] = [];
  const scenarios: FidelityInputs['scenarios'] = [];
  for (const vendor of COMPAT_VENDORS) {
    for (const s of await sdkSurfaces(vendor)) surfaces.push({ id: surfaceId(s), version: s.version, methods: s.methods.length });
    const loaded = await loadScenarios(vendor);
    for (const s of loaded.scenarios) scenarios.push({ vendor, file: s.file, name: s.name, modes: s.modes ?? ['inprocess', 'socket'] });
  }
  const coverage = (await coverageRows()).map(({ twin, operations, handwritten, inferred, notImplemented }) => ({ twin, operations, handwritten, inferred, notImplemented }));
  return { surfaces, scenarios, coverage };
}

const MARK = '<!-- fidelity inputs: ';

export const inputsComment = (inputs: FidelityInputs) => `${MARK}${JSON.stringify(inputs)} -->`;

/** The inputs a FIDELITY.md says it was generated from, if it says. */
export function readInputs(markdown: string): FidelityInputs | undefined {
  const at = markdown.lastIndexOf(MARK);
  if (at < 0) return undefined;
  const end = markdown.indexOf(' -->', at);
  return JSON.parse(markdown.slice(at + MARK.length, end)) as FidelityInputs;
}
