/** Transformers that make a recorded body and the twin's comparable, replacing ids, cursors, timestamps and origins by reference. */
// By reference: the same recorded id is always `<id:3>`, and a twin id gets that
// placeholder only if it stands for that id, so identity relations survive.
import { embeddable, isCursorKey, isEpoch, isIdKey, isOpaqueKey, isTimeKey, isTimestampString, looksLikeId, ISO_DATE } from './ids.js';
import type { ReplayIdentity, IdKind } from './identity.js';

export type Side = 'recorded' | 'twin';

export class Normalizer {
  /** Recorded value → placeholder. */
  private recorded = new Map<string, string>();
  /** Twin values that stand for no recorded value. */
  private twinOnly = new Map<string, string>();
  private n = { id: 0, cursor: 0, twin: 0 };

  constructor(private readonly identity: ReplayIdentity) {}

  private register(side: Side, value: string, kind: IdKind): void {
    if (side === 'recorded') {
      if (this.recorded.has(value)) return;
      // Recorded values the twin answered with one value share that value's placeholder.
      const canonical = this.identity.canonical(value);
      const shared = canonical !== value ? this.recorded.get(canonical) : undefined;
      this.recorded.set(value, shared ?? (canonical !== value ? (this.register('recorded', canonical, kind), this.recorded.get(canonical)!) : `<${kind}:${++this.n[kind]}>`));
      return;
    }
    const rec = this.counterpart(value);
    if (rec !== undefined) this.register('recorded', rec, kind);
    else if (!this.twinOnly.has(value)) this.twinOnly.set(value, `<twin-${kind}:${++this.n.twin}>`);
  }

  private counterpart(twinValue: string): string | undefined {
    const rec = this.identity.reverse.get(twinValue);
    if (rec !== undefined) return rec;
    if (this.identity.same.has(twinValue)) return twinValue;
    // A twin value equal to a recorded id that was never paired with anything else is that id.
    return this.recorded.has(twinValue) && !this.identity.forward.has(twinValue) ? twinValue : undefined;
  }

  /** The placeholder for a value already known as an id or cursor on this side. */
  lookup(side: Side, value: string): string | undefined {
    if (side === 'recorded') return this.recorded.get(value);
    const rec = this.counterpart(value);
    return rec !== undefined ? this.recorded.get(rec) : this.twinOnly.get(value);
  }

  /** Finds ids first, so a URL visited before its resource's `id` still normalizes by reference. */
  private collect(side: Side, v: unknown, key?: string): void {
    if (typeof v === 'string' || typeof v === 'number') {
      const s = String(v);
      if (key !== undefined && isCursorKey(key) && typeof v === 'string') this.register(side, s, 'cursor');
      else if ((key !== undefined && isIdKey(key, this.identity.vendor)) || (typeof v === 'string' && looksLikeId(v, this.identity.vendor))) this.register(side, s, 'id');
      return;
    }
    if (Array.isArray(v)) for (const x of v) this.collect(side, x, key);
    else if (v && typeof v === 'object') for (const k of Object.keys(v).sort()) this.collect(side, (v as Record<string, unknown>)[k], k);
  }

  body(side: Side, v: unknown): unknown {
    this.collect(side, v);
    return this.transform(side, v);
  }

  /**
   * Object keys that are ids (maps keyed by id) normalize like values, and so do keys built from a known id or
   * name (Okta's `visibility.appLinks` keys are `<app name>_link`). Only keys with a digit can hold one: plain
   * field names are left alone, which keeps this off the path of almost every key.
   */
  key(side: Side, k: string): string {
    return this.lookup(side, k) ?? (k.length > 8 && /\d/.test(k) ? this.replaceKnown(side, k) : k);
  }

  private transform(side: Side, v: unknown, key?: string): unknown {
    if (typeof v === 'string') return this.string(side, v, key);
    if (typeof v === 'number') {
      const known = this.lookup(side, String(v));
      if (known && key !== undefined && isIdKey(key, this.identity.vendor)) return known;
      return isEpoch(key, v) ? '<timestamp>' : v;
    }
    if (Array.isArray(v)) return v.map((x) => this.transform(side, x, key));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[this.key(side, k)] = this.transform(side, (v as Record<string, unknown>)[k], k);
      return out;
    }
    return v;
  }

  string(side: Side, s: string, key?: string): string {
    const known = this.lookup(side, s);
    if (known) return known;
    if (isTimestampString(s)) return '<timestamp>';
    if (ISO_DATE.test(s) && isTimeKey(key)) return '<date>';
    if (key !== undefined && isOpaqueKey(key)) return '<opaque>';
    if (/^https?:\/\//i.test(s)) return this.url(side, s);
    return this.replaceKnown(side, s);
  }

  /** Known ids inside free text (`Not found: Resource not found: 00u1… (User)`). */
  private replaceKnown(side: Side, s: string): string {
    let out = s;
    for (const [from, to] of this.table(side)) {
      if (!out.includes(from)) continue;
      out = out.split(from).join(to);
    }
    return out;
  }

  private tables: Record<Side, { sig: string; entries: [string, string][] } | undefined> = { recorded: undefined, twin: undefined };

  /**
   * The embeddable values known on a side with their placeholders, kept until a map behind it grows: every map it
   * reads only ever gains keys (a recorded value keeps its first placeholder, a twin value its first pairing), so
   * their sizes say whether it is still current.
   */
  private table(side: Side): [string, string][] {
    const id = this.identity;
    const sig = side === 'recorded' ? `${this.recorded.size}` : `${this.recorded.size}/${id.forward.size}/${id.reverse.size}/${this.twinOnly.size}/${id.same.size}`;
    const kept = this.tables[side];
    if (kept && kept.sig === sig) return kept.entries;
    const table = new Map<string, string>();
    if (side === 'recorded') for (const [k, p] of this.recorded) table.set(k, p);
    else {
      // A recorded id the twin never replaced (it was sent back as is) is that id on both sides.
      for (const [k, p] of this.recorded) if (!id.forward.has(k)) table.set(k, p);
      for (const [twin, rec] of id.reverse) {
        const p = this.recorded.get(rec);
        if (p !== undefined) table.set(twin, p);
      }
      for (const [k, p] of this.twinOnly) table.set(k, p);
      for (const same of id.same) {
        const p = this.recorded.get(same);
        if (p !== undefined) table.set(same, p);
      }
    }
    const entries = [...table].filter(([from]) => embeddable(from));
    this.tables[side] = { sig, entries };
    return entries;
  }

  /** Strips the side's own base (twin tenant prefix included), then normalizes path segments and query values. */
  url(side: Side, raw: string): string {
    let rest: string | undefined;
    const bases = side === 'twin' ? [this.identity.bases.twin] : this.identity.bases.recorded;
    for (const b of [...bases].sort((a, c) => c.length - a.length)) {
      if (raw === b || raw.startsWith(`${b}/`) || raw.startsWith(`${b}?`)) {
        rest = raw.slice(b.length);
        break;
      }
    }
    if (rest === undefined) {
      const m = /^https?:\/\/[^/?#]+(.*)$/i.exec(raw);
      rest = m ? m[1] : raw;
    }
    const q = rest.indexOf('?');
    const path = q < 0 ? rest : rest.slice(0, q);
    const segs = path.split('/').map((seg) => {
      let d = seg;
      try {
        d = decodeURIComponent(seg);
      } catch {
        // keep as is
      }
      // Ids that only ever appear inside URLs (Okta's schema ids) are still ids, paired by identity carrying.
      const paired = side === 'recorded' ? this.identity.kinds.has(d) : this.identity.reverse.has(d) || this.identity.same.has(d);
      if (!this.lookup(side, d) && (paired || looksLikeId(d, this.identity.vendor))) this.register(side, d, 'id');
      return this.lookup(side, d) ?? this.replaceKnown(side, seg);
    });
    let out = `<origin>${segs.join('/')}`;
    if (q >= 0) {
      const params = new URLSearchParams(rest.slice(q + 1));
      const norm = [...params].map(([k, v]) => {
        if (isCursorKey(k)) this.register(side, v, 'cursor');
        return `${k}=${this.lookup(side, v) ?? (isTimestampString(v) ? '<timestamp>' : v)}`;
      });
      out += `?${norm.join('&')}`;
    }
    return out;
  }

  /** Link headers: each target URL normalized, rel kept. */
  link(side: Side, header: string): string {
    return header.replace(/<([^>]*)>/g, (_m, u: string) => `<${this.url(side, u)}>`);
  }
}
