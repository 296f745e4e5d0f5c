import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { framesBody, hasBody } from '../../src/core/body.js';

describe('framesBody', () => {
  // Header lines as a parser delivers them, with the two that frame a body (RFC 9112 §6.3) in any case and number.
  const framing = fc.constantFrom('Content-Length', 'content-length', 'CONTENT-LENGTH', 'Transfer-Encoding', 'transfer-encoding');
  const other = fc.constantFrom('Host', 'Authorization', 'Accept', 'Content-Type', 'X-Length', 'Content-Lengths');
  const value = fc.constantFrom('0', ' 0', '12', '0 ', 'chunked', '', '5');
  const lines = fc.array(fc.tuple(fc.oneof(framing, other), value), { maxLength: 6 }).map((pairs) => pairs.flat());

  it('answers as hasBody does for the same headers on a framed request', () => {
    fc.assert(
      fc.property(lines, (raw) => {
        const headers = new Headers();
        for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
        expect(framesBody(raw)).toBe(hasBody(new Request('http://t.test/', { method: 'POST', headers }), true));
      }),
    );
  });
});
