/** Reading a socket's body stream directly: every chunk in order, a plain Uint8Array, and a failure when the body never ends. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ownBytes, readStream, type BodyStream } from '../../src/core/body.js';

class FakeStream extends EventEmitter implements BodyStream {
  readableEnded = false;
}

describe('readStream', () => {
  it('joins the chunks a stream delivers, in order, and lets go of its listeners', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), async (parts) => {
        const s = new FakeStream();
        const read = readStream(s);
        for (const p of parts) s.emit('data', Buffer.from(p));
        s.readableEnded = true;
        s.emit('end');
        const got = await read;
        expect(got.constructor).toBe(Uint8Array);
        expect([...got]).toEqual(parts.flatMap((p) => [...p]));
        for (const e of ['data', 'end', 'error', 'close']) expect(s.listenerCount(e)).toBe(0);
      }),
    );
  });

  it('fails when the stream closes before its end or errs', async () => {
    const closed = new FakeStream();
    const a = readStream(closed);
    closed.emit('data', Buffer.from('{"a":'));
    closed.emit('close');
    await expect(a).rejects.toThrow(/closed before/);
    const errs = new FakeStream();
    const b = readStream(errs);
    errs.emit('error', new Error('reset'));
    await expect(b).rejects.toThrow('reset');
  });
});

describe('ownBytes', () => {
  it('copies a view out of a larger buffer and keeps bytes that own theirs', () => {
    const whole = Buffer.from('header bytes then {"body":1}');
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 18, 10);
    const own = ownBytes(view);
    expect(own).not.toBe(view);
    expect(own.byteOffset).toBe(0);
    expect(own.buffer.byteLength).toBe(10);
    expect(new TextDecoder().decode(own)).toBe('{"body":1}');
    const exact = new Uint8Array([1, 2, 3]);
    expect(ownBytes(exact)).toBe(exact);
    expect(ownBytes(Buffer.alloc(3)).constructor).toBe(Uint8Array);
  });
});
