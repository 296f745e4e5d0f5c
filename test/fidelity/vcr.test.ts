// VCR cassettes in the three flavors (vcrpy, go-vcr, Ruby VCR), written here the way each library writes them, read into one exchange shape.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { parseCassette, vcrFlavor } from '../../src/fidelity/vcr.js';
import { inferVendor, parseRecording, vendorOfHost } from '../../src/fidelity/recording.js';

const gz = gzipSync(JSON.stringify({ id: '00g2', profile: { name: 'Zipped' } })).toString('base64');

const vcrpy = `interactions:
- request:
    body: '{"profile": {"name": "Engineers"}}'
    headers:
      Accept:
      - application/json
      Authorization:
      - SSWS myAPIToken
      Content-Type:
      - application/json
    method: POST
    uri: https://test.okta.com/api/v1/groups
  response:
    body:
      string: '{"id":"00g1abcdefGHIJKLMN01","profile":{"name":"Engineers"}}'
    headers:
      Content-Type:
      - application/json
      x-rate-limit-limit:
      - '100'
      Set-Cookie:
      - sid=""; Path=/
      - JSESSIONID=A1; Path=/
    status:
      code: 200
      message: OK
    url: https://test.okta.com/api/v1/groups
- request:
    body: null
    headers:
      Authorization:
      - SSWS myAPIToken
    method: GET
    uri: https://test.okta.com/api/v1/groups/00g2
  response:
    body:
      string: !!binary |
        ${gz}
    headers:
      Content-Encoding:
      - gzip
      Content-Type:
      - application/json
    status:
      code: 200
      message: OK
version: 1
`;

const goVcr = `---
version: 2
interactions:
- id: 0
  request:
    proto: HTTP/1.1
    body: '{"channel":"C0123456789","text":"hi"}'
    form: {}
    headers:
      Authorization:
      - Bearer xoxb-REDACTED
      Content-Type:
      - application/json
    url: https://slack.com/api/chat.postMessage
    method: POST
  response:
    proto: HTTP/2.0
    body: '{"ok":true,"channel":"C0123456789","ts":"1700000000.000100"}'
    headers:
      Content-Type:
      - application/json; charset=utf-8
    status: 200 OK
    code: 200
    duration: 120ms
- request:
    body: ""
    headers: {}
    url: https://slack.com/api/auth.test
    method: GET
  response:
    body: '{"ok":false,"error":"invalid_auth"}'
    headers:
      Content-Type:
      - application/json
    status_code: 200
`;

const rubyVcr = `---
http_interactions:
- request:
    method: get
    uri: https://acme.atlassian.net/rest/api/3/issue/PROJ-1
    body:
      encoding: US-ASCII
      string: ''
    headers:
      Authorization:
      - Basic REDACTED
      Accept:
      - application/json
  response:
    status:
      code: 404
      message: Not Found
    headers:
      Content-Type:
      - application/json;charset=UTF-8
    body:
      encoding: UTF-8
      string: '{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}'
    http_version:
  recorded_at: Tue, 14 Nov 2023 10:00:00 GMT
- request:
    method: post
    uri: https://acme.atlassian.net/rest/api/3/attachment
    body:
      encoding: ASCII-8BIT
      base64_string: |
        iVBORw0KGgo=
    headers:
      Content-Type:
      - image/png
  response:
    status:
      code: 200
      message: OK
    headers: {}
    body:
      encoding: ASCII-8BIT
      base64_string: |
        AP/+
  recorded_at: Tue, 14 Nov 2023 10:00:01 GMT
recorded_with: VCR 6.2.0
`;

describe('VCR cassettes', () => {
  it('reads vcrpy: uri, headers as lists, status {code,message}, and !!binary gzip bodies', () => {
    const r = parseCassette(vcrpy, 'py.yaml');
    expect(r.format).toBe('vcrpy');
    expect(r.exchanges).toHaveLength(2);
    const [a, b] = r.exchanges;
    expect(a.request).toMatchObject({ method: 'POST', url: 'https://test.okta.com/api/v1/groups', body: '{"profile": {"name": "Engineers"}}' });
    expect(a.request.headers).toMatchObject({ authorization: 'SSWS myAPIToken', 'content-type': 'application/json' });
    expect(a.response).toMatchObject({ status: 200, statusText: 'OK', body: '{"id":"00g1abcdefGHIJKLMN01","profile":{"name":"Engineers"}}' });
    expect(a.response.headers['set-cookie']).toBe('sid=""; Path=/\nJSESSIONID=A1; Path=/');
    expect(a.response.headers['x-rate-limit-limit']).toBe('100');
    expect(b.request.body).toBeUndefined();
    expect(JSON.parse(b.response.body!)).toEqual({ id: '00g2', profile: { name: 'Zipped' } });
  });

  it('reads go-vcr: url, code or status_code, "200 OK" status lines', () => {
    const r = parseCassette(goVcr, 'go.yaml');
    expect(r.format).toBe('go-vcr');
    expect(r.exchanges.map((x) => [x.request.method, x.request.url, x.response.status])).toEqual([
      ['POST', 'https://slack.com/api/chat.postMessage', 200],
      ['GET', 'https://slack.com/api/auth.test', 200],
    ]);
    expect(r.exchanges[0].response).toMatchObject({ statusText: 'OK', headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(r.exchanges[1].request.body).toBeUndefined();
    expect(JSON.parse(r.exchanges[1].response.body!)).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('reads Ruby VCR: http_interactions, lower-case methods, body {string} and {base64_string}', () => {
    const r = parseCassette(rubyVcr, 'rb.yml');
    expect(r.format).toBe('ruby-vcr');
    const [a, b] = r.exchanges;
    expect(a).toMatchObject({ startedAt: 'Tue, 14 Nov 2023 10:00:00 GMT', request: { method: 'GET', url: 'https://acme.atlassian.net/rest/api/3/issue/PROJ-1' }, response: { status: 404, statusText: 'Not Found' } });
    expect(a.request.body).toBeUndefined();
    expect(JSON.parse(a.response.body!).errorMessages).toHaveLength(1);
    expect(b.request.bodyBase64).toBe('iVBORw0KGgo=');
    expect(b.response.bodyBase64).toBe('AP/+');
  });

  it('reads HAR from other tools: form posts as params only, text bodies in base64', () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'browser', version: '1' },
        entries: [
          {
            startedDateTime: '2024-01-01T00:00:00.000Z',
            time: 1,
            request: { method: 'POST', url: 'https://slack.com/api/chat.postMessage', httpVersion: 'HTTP/1.1', cookies: [], headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }], queryString: [], postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'channel', value: 'C1' }, { name: 'text', value: 'a b' }] }, headersSize: -1, bodySize: -1 },
            response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: [{ name: 'Content-Type', value: 'application/json' }], content: { size: 11, mimeType: 'application/json', text: Buffer.from('{"ok":true}').toString('base64'), encoding: 'base64' }, redirectURL: '', headersSize: -1, bodySize: -1 },
            cache: {},
            timings: { send: 0, wait: 1, receive: 0 },
          },
        ],
      },
    };
    const r = parseRecording(JSON.stringify(har), 'b.har');
    expect(r.exchanges[0].request.body).toBe('channel=C1&text=a%20b');
    expect(r.exchanges[0].response.body).toBe('{"ok":true}');
    expect(inferVendor(r)).toBe('slack');
  });

  it('tells the flavors apart and refuses what is not a cassette', () => {
    expect(vcrFlavor({ interactions: [] })).toBe('vcrpy');
    expect(vcrFlavor({ interactions: [{ request: { url: 'x' } }] })).toBe('go-vcr');
    expect(vcrFlavor({ http_interactions: [] })).toBe('ruby-vcr');
    expect(() => parseCassette('foo: bar\n', 'x.yaml')).toThrow(/not a VCR cassette/);
    expect(() => parseRecording('{"foo":1}', 'x.json')).toThrow(/neither HAR/);
  });

  it('infers the vendor from the hosts the recording talked to', () => {
    expect(inferVendor(parseCassette(vcrpy, 'a'))).toBe('okta');
    expect(inferVendor(parseCassette(goVcr, 'b'))).toBe('slack');
    expect(inferVendor(parseCassette(rubyVcr, 'c'))).toBe('jira');
    expect(['dev-1.okta-emea.com', 'x.oktapreview.com', 'oie-00.dne-okta.com', 'sheets.googleapis.com', 'www.googleapis.com', 'example.com', 'notokta.com'].map(vendorOfHost)).toEqual(['okta', 'okta', 'okta', 'google', 'google', undefined, undefined]);
  });
});
