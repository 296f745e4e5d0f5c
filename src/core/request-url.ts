/**
 * The parts of a request's URL the pipeline reads (origin, path, query), taken straight from the text when
 * it is already in the form the URL parser would give it, which is what a socket almost always delivers.
 */
export interface RequestUrl {
  readonly origin: string;
  readonly pathname: string;
  readonly search: string;
  readonly searchParams: URLSearchParams;
}

/**
 * Text the WHATWG URL parser leaves exactly as it is: an http(s) scheme, a lower-case host with an optional
 * port, a path of characters it never encodes (no `%`, so no encoded dot segments either), and a query of
 * characters it never encodes for a special scheme (not `'`, `"`, `<`, `>`, `#`, space or controls).
 */
const CANONICAL = /^(https?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::([1-9]\d{0,4}))?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)(\?[!$%&()*+,\-./0-9:;=?@A-Z[\\\]^_`a-z{|}~]*)?$/;
/** A path segment `.` or `..`, which the parser would remove. */
const DOT_SEGMENT = /\/\.\.?(?=\/|$)/;
/** A host the parser reads as an IPv4 address (its last label a number), in its canonical dotted-quad form. */
const NUMERIC_LABEL = /(?:^|\.)(?:\d+|0x[0-9a-f]*)$/;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };
/** CANONICAL's path and query, read from where a known origin ends. */
const PATH_QUERY = /(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)(\?[!$%&()*+,\-./0-9:;=?@A-Z[\\\]^_`a-z{|}~]*)?$/y;
/**
 * The origin of the last URL read from its text. A socket's requests share one origin (the Host a client sends
 * call after call), and what CANONICAL and the host checks accept depends on the origin alone up to its path, so
 * a URL with that origin is read from its path on.
 */
let knownOrigin = '';

class CanonicalUrl implements RequestUrl {
  private params: URLSearchParams | undefined;
  constructor(
    readonly origin: string,
    readonly pathname: string,
    readonly search: string,
  ) {}

  get searchParams(): URLSearchParams {
    return (this.params ??= new URLSearchParams(this.search));
  }
}

/** The request URL's parts: read from the text when it is canonical (see above), else parsed by `URL`. */
export function requestUrl(href: string): RequestUrl {
  const known = knownOrigin;
  if (known && href.charCodeAt(known.length) === 47 && href.startsWith(known)) {
    PATH_QUERY.lastIndex = known.length;
    const rest = PATH_QUERY.exec(href);
    if (rest && !DOT_SEGMENT.test(rest[1])) return new CanonicalUrl(known, rest[1], rest[2] === undefined || rest[2] === '?' ? '' : rest[2]);
  }
  const m = CANONICAL.exec(href);
  if (!m) return new URL(href);
  const [, scheme, host, port, path, query] = m;
  if (DOT_SEGMENT.test(path) || host.includes('xn--')) return new URL(href);
  if (NUMERIC_LABEL.test(host) && !DOTTED_QUAD.test(host)) return new URL(href);
  if (port !== undefined && (Number(port) > 65535 || port === DEFAULT_PORT[scheme])) return new URL(href);
  const origin = (knownOrigin = href.slice(0, href.length - path.length - (query?.length ?? 0)));
  // An empty query (`?` alone) reads as no query, as URL has it.
  return new CanonicalUrl(origin, path, query === undefined || query === '?' ? '' : query);
}
