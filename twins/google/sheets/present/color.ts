/** Colors as Sheets writes them: `{red, green, blue}` floats, zero components left out, float32 digits. */

/** The shortest decimal that reads back as the same float32, which is how Sheets prints color components. */
export function float32(x: number): number {
  const f = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const n = Number(f.toPrecision(p));
    if (Math.fround(n) === f) return n;
  }
  return f;
}

/** `#4285F4` → `{red: 0.25882354, green: 0.52156866, blue: 0.95686275}`. */
export function rgb(hex: string): Record<string, number> {
  const out: Record<string, number> = {};
  (['red', 'green', 'blue'] as const).forEach((k, i) => {
    const v = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
    if (v) out[k] = float32(v / 255);
  });
  return out;
}

/** A Color as Sheets stores it: 8 bits a channel (halves round down), read back as float32, zeros omitted. */
export function quantize(c: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of ['red', 'green', 'blue'] as const) {
    const v = typeof c[k] === 'number' ? Math.min(1, Math.max(0, c[k] as number)) : 0;
    const byte = Math.ceil(v * 255 - 0.5);
    if (byte) out[k] = float32(byte / 255);
  }
  if (typeof c.alpha === 'number' && c.alpha !== 1) out.alpha = float32(c.alpha);
  return out;
}
