/** Decides which surface method a tracked call is: by function identity, else by name against the vendor's surfaces in order. */
import { surfaceId, type FunctionIndex, type SdkSurface } from './surface.js';

export interface SurfaceHit {
  surface: string;
  name: string;
}

/**
 * Function identity first (it tells jira.js Version2 from Version3 and Bolt from Web API); then
 * the exact name, the name with leading segments dropped (`client.chat.postMessage`), or the
 * unique surface name ending in it (`files.list` → `drive.files.list`), surface by surface.
 */
export class SurfaceMatcher {
  private byName: Array<{ surface: string; names: Set<string>; bySuffix: Map<string, string | null> }>;

  constructor(
    surfaces: SdkSurface[],
    private readonly index: FunctionIndex,
  ) {
    this.byName = surfaces.map((s) => {
      const names = new Set(s.methods.map((m) => m.name));
      const bySuffix = new Map<string, string | null>();
      for (const n of names) {
        const segs = n.split('.');
        for (let i = 1; i < segs.length; i++) {
          const suffix = segs.slice(i).join('.');
          bySuffix.set(suffix, bySuffix.has(suffix) ? null : n);
        }
      }
      return { surface: surfaceId(s), names, bySuffix };
    });
  }

  match(name: string, fn?: Function): SurfaceHit | undefined {
    const byFn = fn ? this.index.get(fn) : undefined;
    if (byFn) return byFn;
    const segs = name.split('.');
    for (const s of this.byName) {
      for (let i = 0; i < segs.length; i++) {
        const candidate = segs.slice(i).join('.');
        if (s.names.has(candidate)) return { surface: s.surface, name: candidate };
      }
      const suffix = s.bySuffix.get(name);
      if (suffix) return { surface: s.surface, name: suffix };
    }
    return undefined;
  }
}
