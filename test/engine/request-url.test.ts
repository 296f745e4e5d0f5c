import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { requestUrl } from '../../src/core/request-url.js';

const same = (href: string) => {
  const fast = requestUrl(href);
  const url = new URL(href);
  expect({ origin: fast.origin, pathname: fast.pathname, search: fast.search, params: [...fast.searchParams] }).toEqual({
    origin: url.origin,
    pathname: url.pathname,
    search: url.search,
    params: [...url.searchParams],
  });
};

describe('requestUrl', () => {
  it('reads origin, path and query as URL does, for hosts, ports, paths and queries of every kind', () => {
    const host = fc.oneof(
      fc.constantFrom('127.0.0.1', 'localhost', 'okta.test', 'LOCALHOST', '127.1', '0x7f.0.0.1', '1.2.3.256', '010.0.0.1', 'a..b', 'xn--bcher-kva.example', 'host.', '1e', 'a.0x', 'a.09'),
      fc.stringMatching(/^[a-z0-9.-]{1,12}$/).filter((h) => !/^\.|\.\.|\.$/.test(h) || true),
    );
    const port = fc.oneof(fc.constant(''), fc.constantFrom(':80', ':443', ':080', ':8080', ':65535', ':65536', ':0', ':1'));
    const segment = fc.oneof(
      fc.constantFrom('.', '..', '%2e', '%2E%2e', 'users', '00u1', 'a%20b', "it's", 'a b', '~x', 'x@y', '[x]', 'a|b', 'a^b', '`', '{x}', 'é', 'a\\b', 'a#b'),
      fc.stringMatching(/^[\x21-\x7e]{0,6}$/),
    );
    const path = fc.array(segment, { maxLength: 5 }).map((s) => `/${s.join('/')}`);
    const query = fc.oneof(
      fc.constant(''),
      fc.constantFrom('?', '?a=1', '?a=1&a=2', "?q=it's", '?q=a b', '?q=%zz', '?q=<x>', '?x#frag', '?a=[1]&b={2}|^`', '?a=%E2%82%AC', '?search=profile.lastName%20eq%20%22User%22&limit=20'),
      fc.stringMatching(/^[\x21-\x7e]{0,12}$/).map((q) => `?${q}`),
    );
    fc.assert(
      fc.property(fc.constantFrom('http', 'https'), host, port, path, query, (scheme, h, p, pa, q) => {
        const href = `${scheme}://${h}${p}${pa}${q}`;
        let parsed: URL | undefined;
        try {
          parsed = new URL(href);
        } catch {
          // What URL refuses is refused by requestUrl too.
          expect(() => requestUrl(href)).toThrow();
          return;
        }
        if (parsed) same(href);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the URLs a socket delivers for the benchmark operations', () => {
    for (const href of [
      'http://127.0.0.1:4010/api/v1/users/00uEHwu7yBjAeHw0t7b8',
      'http://127.0.0.1:4010/api/conversations.info?channel=C123',
      'http://127.0.0.1:4010/rest/api/3/search/jql?jql=project%20%3D%20ENG&maxResults=20',
      'http://127.0.0.1:4010/drive/v3/files?q=name%20contains%20%27bench%27&pageSize=20',
    ]) {
      same(href);
      expect(requestUrl(href)).not.toBeInstanceOf(URL);
    }
  });

  it('reads a URL whose origin the previous URL had, from its path on, as URL does', () => {
    // The origin of the last canonical URL is kept: every path and query after it must still read as URL reads them.
    const origin = fc.constantFrom('http://127.0.0.1:4010', 'http://localhost', 'https://okta.test:8443', 'http://127.1', 'http://a.0x', 'http://127.0.0.1:40100');
    const rest = fc.oneof(
      fc.constantFrom('', '/', '/a/./b', '/a/..', '/%2e/x', '/users?x=1', '/x?', '/x?q=a b', "/x?q=it's", '/x#f', ':80/x', '0/x', '.5/x', '/é', '/a\\b'),
      fc.stringMatching(/^[\x21-\x7e]{0,14}$/),
    );
    fc.assert(
      fc.property(origin, rest, origin, rest, (o1, r1, o2, r2) => {
        for (const href of [`${o1}/prime`, `${o1}${r1}`, `${o2}${r2}`]) {
          let ok = true;
          try {
            new URL(href);
          } catch {
            ok = false;
          }
          if (ok) same(href);
          else expect(() => requestUrl(href)).toThrow();
        }
      }),
      { numRuns: 3000 },
    );
  });
});
