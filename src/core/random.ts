/**
 * The one seeded random source. Every id, token and secret a twin makes comes
 * from here, so a given seed replays to the same state byte for byte.
 */
import { createHash } from 'node:crypto';

const HEX = '0123456789abcdef';
const VARIANT = '89ab';
const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** `chars` writes each draw's code here (draws are synchronous, so one buffer serves every source). */
const SCRATCH = Buffer.allocUnsafe(4096);

/** sfc32: small, fast, good enough for ids, and trivially seedable from a hash. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string) {
    const h = createHash('sha256').update(seed).digest();
    this.a = h.readUInt32LE(0);
    this.b = h.readUInt32LE(4);
    this.c = h.readUInt32LE(8);
    this.d = h.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** `n` characters drawn from `alphabet`. */
  chars(n: number, alphabet: string = ALNUM): string {
    // Made in one piece: appending a character at a time leaves a rope of one cons cell per character past the
    // twelfth (V8 copies only shorter results), about ten times a flat string's memory in every id kept. The
    // codes go to one reused byte buffer, read back as one flat one-byte string: no array of codes per call
    // (every id and every reply's request id). An alphabet past Latin-1 finishes the same draws in an array.
    if (n > SCRATCH.length) return this.chars(SCRATCH.length, alphabet) + this.chars(n - SCRATCH.length, alphabet);
    const size = alphabet.length;
    for (let i = 0; i < n; i++) {
      const code = alphabet.charCodeAt(Math.floor(this.next() * size));
      if (code > 0xff) return this.wide(n, alphabet, i, code);
      SCRATCH[i] = code;
    }
    return SCRATCH.toString('latin1', 0, n);
  }

  /** The rest of `chars` once a drawn character is past Latin-1: the codes drawn so far, then the same draws. */
  private wide(n: number, alphabet: string, at: number, code: number): string {
    const out = new Array<number>(n);
    for (let i = 0; i < at; i++) out[i] = SCRATCH[i];
    out[at] = code;
    for (let i = at + 1; i < n; i++) out[i] = alphabet.charCodeAt(Math.floor(this.next() * alphabet.length));
    return String.fromCharCode.apply(null, out);
  }

  hex(n: number): string {
    return this.chars(n, HEX);
  }

  digits(n: number): string {
    return this.chars(n, '0123456789');
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }

  /** RFC 4122 version-4 layout, from this source. */
  uuid(): string {
    // Made from character codes in one piece, like `chars` (in its buffer): joining five slices with dashes left a
    // rope of cons cells and copied pieces (about 350 bytes of heap per id against 56 flat), and logs and
    // deliveries keep thousands. The same draws in the same order: 32 hex digits, then the variant digit.
    for (let i = 0, j = 0; i < 32; i++, j++) {
      if (j === 8 || j === 13 || j === 18 || j === 23) SCRATCH[j++] = 45; // '-'
      SCRATCH[j] = HEX.charCodeAt(Math.floor(this.next() * 16));
    }
    SCRATCH[14] = 52; // '4': version 4 (hex digit 12)
    SCRATCH[19] = VARIANT.charCodeAt(Math.floor(this.next() * 4)); // hex digit 16
    return SCRATCH.toString('latin1', 0, 36);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** The generator's position, for snapshots (restore continues the same sequence). */
  get state(): [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }

  set state(s: [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = s;
  }
}
