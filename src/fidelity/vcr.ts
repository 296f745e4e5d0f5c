/** Reads VCR-style cassettes — vcrpy (YAML or JSON), go-vcr and Ruby VCR — into recorded exchanges. */
import { parse } from 'yaml';
import { bodyFromBytes, headerMap, type RecordedExchange, type RecordedMessage, type Recording, type RecordingFormat } from './exchange.js';

type Obj = Record<string, any>;

/** A body as any flavor stores it: plain string, `!!binary` bytes, `{string}`, `{base64_string}`, or null. */
function body(raw: unknown, contentType: string | undefined): Pick<RecordedMessage, 'body' | 'bodyBase64'> {
  if (raw === null || raw === undefined) return {};
  if (raw instanceof Uint8Array) return bodyFromBytes(raw, contentType);
  if (typeof raw === 'string') return raw === '' ? {} : { body: raw };
  if (typeof raw === 'object') {
    const o = raw as Obj;
    if (typeof o.base64_string === 'string') return bodyFromBytes(Buffer.from(o.base64_string, 'base64'), contentType);
    if ('string' in o) return body(o.string, contentType);
  }
  return { body: String(raw) };
}

/** The first line's status: `200`, `"200 OK"`, or `{code, message}`. */
function status(r: Obj): { status: number; statusText?: string } {
  const s = r.status;
  if (s && typeof s === 'object') return { status: Number(s.code), statusText: s.message };
  const code = r.code ?? r.status_code;
  if (code !== undefined) return { status: Number(code), statusText: typeof s === 'string' ? s.replace(/^\d+\s*/, '') : undefined };
  const m = /^(\d{3})\s*(.*)$/.exec(String(s ?? ''));
  return m ? { status: Number(m[1]), statusText: m[2] } : { status: 0 };
}

function exchange(req: Obj, res: Obj, url: string, startedAt?: string): RecordedExchange {
  const reqHeaders = headerMap(req.headers);
  const resHeaders = headerMap(res.headers);
  return {
    startedAt,
    request: { method: String(req.method ?? 'GET').toUpperCase(), url, headers: reqHeaders, ...body(req.body, reqHeaders['content-type']) },
    response: { ...status(res), headers: resHeaders, ...body(res.body, resHeaders['content-type']) },
  };
}

export function vcrFlavor(doc: unknown): RecordingFormat | undefined {
  if (!doc || typeof doc !== 'object') return undefined;
  const d = doc as Obj;
  if (Array.isArray(d.http_interactions)) return 'ruby-vcr';
  if (!Array.isArray(d.interactions)) return undefined;
  const first = d.interactions[0] as Obj | undefined;
  if (!first) return 'vcrpy';
  return first.request?.uri !== undefined ? 'vcrpy' : 'go-vcr';
}

export function parseCassette(text: string, source: string): Recording {
  // PyYAML and Psych write YAML 1.1 (`!!binary`, quoted 'yes'/'no'); unknown language tags are read as plain values.
  return cassetteFrom(parse(text, { schema: 'yaml-1.1', logLevel: 'silent', maxAliasCount: -1 }) as Obj, source);
}

/** A parsed cassette document (vcrpy's JSON serializer writes the same structure as its YAML one). */
export function cassetteFrom(doc: Obj, source: string): Recording {
  const format = vcrFlavor(doc);
  if (!format) throw new Error(`${source}: not a VCR cassette (no interactions/http_interactions)`);
  let exchanges: RecordedExchange[];
  if (format === 'ruby-vcr') {
    exchanges = (doc.http_interactions as Obj[]).map((i) => exchange(i.request ?? {}, i.response ?? {}, String(i.request?.uri ?? ''), i.recorded_at));
  } else if (format === 'vcrpy') {
    exchanges = (doc.interactions as Obj[]).map((i) => exchange(i.request ?? {}, i.response ?? {}, String(i.request?.uri ?? i.request?.url ?? '')));
  } else {
    exchanges = (doc.interactions as Obj[]).map((i) => exchange(i.request ?? {}, i.response ?? {}, String(i.request?.url ?? i.request?.uri ?? '')));
  }
  return { format, source, exchanges };
}
