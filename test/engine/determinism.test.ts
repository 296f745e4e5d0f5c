import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/random.js';
import { Clock } from '../../src/core/clock.js';

describe('Random', () => {
  it('replays the same sequence for the same seed and differs across seeds', () => {
    const a = new Random('s1');
    const b = new Random('s1');
    const c = new Random('s2');
    const seqA = [a.hex(16), a.uuid(), a.int(1, 100)];
    expect([b.hex(16), b.uuid(), b.int(1, 100)]).toEqual(seqA);
    expect(c.hex(16)).not.toEqual(seqA[0]);
  });

  it('produces RFC 4122 v4-shaped uuids and bounded ints', () => {
    const r = new Random('x');
    for (let i = 0; i < 200; i++) {
      expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
  });

  it('draws the characters one per step of the sequence, whatever the length and alphabet (ids stay what earlier builds made)', () => {
    for (const [n, alphabet] of [[32, '0123456789abcdef'], [20, undefined], [5000, 'ab-_'], [0, 'xyz']] as const) {
      const r = new Random(`chars ${n}`);
      const step = new Random(`chars ${n}`);
      const a = alphabet ?? '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
      const expected = Array.from({ length: n }, () => a[Math.floor(step.next() * a.length)]).join('');
      expect(alphabet === undefined ? r.chars(n) : r.chars(n, alphabet)).toBe(expected);
      expect(r.state).toEqual(step.state);
    }
  });

  it('restores its position from a saved state', () => {
    const r = new Random('y');
    r.hex(10);
    const saved = r.state;
    const next = r.hex(10);
    r.state = saved;
    expect(r.hex(10)).toBe(next);
  });
});

describe('Clock', () => {
  it('freezes, advances and sets time from an injected wall clock', () => {
    let wall = 1_000_000;
    const clock = new Clock(() => wall);
    expect(clock.ms()).toBe(1_000_000);
    clock.freeze();
    wall += 5000;
    expect(clock.ms()).toBe(1_000_000);
    clock.advance(60_000);
    expect(clock.ms()).toBe(1_060_000);
    clock.unfreeze();
    wall += 1000;
    expect(clock.ms()).toBe(1_061_000);
    clock.set('2030-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('notifies listeners when time jumps', () => {
    const clock = new Clock(() => 0);
    let calls = 0;
    const off = clock.onChange(() => calls++);
    clock.advance(1);
    clock.freeze();
    off();
    clock.advance(1);
    expect(calls).toBe(2);
  });
});
