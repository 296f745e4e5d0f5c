// Writes whose body the recorder dropped (vcrpy's aiohttp stub loses `json=` payloads) are replayed with a body rebuilt from the recorded answer, flagged and counted apart.
import { describe, expect, it } from 'vitest';
import forge from 'node-forge';
import { rebuiltBody, recorderDroppedBodies } from '../../src/fidelity/dropped-bodies.js';
import { replay } from '../../src/fidelity/replay.js';
import { aggregate } from '../../src/fidelity/aggregate.js';
import type { RecordedExchange, Recording } from '../../src/fidelity/exchange.js';
import { miniOktaDefinition } from './helpers/mini-okta.js';

const json = { 'content-type': 'application/json' };
const exchange = (method: string, path: string, status: number, answer?: unknown, body?: string): RecordedExchange => ({
  request: { method, url: `https://test.okta.com${path}`, headers: { ...json, authorization: 'SSWS myAPIToken' }, ...(body ? { body } : {}) },
  response: { status, headers: json, ...(answer === undefined ? {} : { body: JSON.stringify(answer) }) },
});
const group = { id: '00gRECORDED', created: '2020-08-27T18:15:22.000Z', lastUpdated: '2020-08-27T18:15:22.000Z', type: 'OKTA_GROUP', profile: { name: 'Alpha', description: 'a' }, _links: { self: { href: 'https://test.okta.com/api/v1/groups/00gRECORDED' } } };

describe('request bodies a recorder dropped', () => {
  it('a recording is taken to drop bodies only when none of its writes has one', () => {
    expect(recorderDroppedBodies([exchange('POST', '/api/v1/groups', 200, group), exchange('GET', '/api/v1/groups', 200, [])])).toBe(true);
    expect(recorderDroppedBodies([exchange('POST', '/api/v1/groups', 200, group, '{"profile":{}}'), exchange('POST', '/api/v1/groups/x/lifecycle/activate', 200, {})])).toBe(false);
    expect(recorderDroppedBodies([exchange('GET', '/api/v1/groups', 200, [])])).toBe(false);
  });

  it('the rebuilt body is the answer without server fields, links, or references to ids the replay never saw', () => {
    const x = exchange('POST', '/api/v1/users', 200);
    const answer = { id: '00uNEW', status: 'ACTIVE', created: 'c', lastLogin: null, type: { id: 'otyUNSEEN' }, profile: { login: 'a@example.com' }, _links: { self: {} } };
    expect(rebuiltBody(x, answer, () => false)).toEqual({ status: 'ACTIVE', profile: { login: 'a@example.com' } });
    // An id the replay carried names the subject (an app assignment's user) and stays.
    expect(rebuiltBody(exchange('POST', '/api/v1/apps/0oa1/users', 200), { id: '00uKNOWN', scope: 'USER' }, (id) => id === '00uKNOWN')).toEqual({ id: '00uKNOWN', scope: 'USER' });
    // Nothing to rebuild from: an error answer, an array, or a request that kept its body.
    expect(rebuiltBody(exchange('POST', '/api/v1/users', 400), { errorCode: 'E0000001' }, () => false)).toBeUndefined();
    expect(rebuiltBody(exchange('POST', '/api/v1/users', 200), [answer], () => false)).toBeUndefined();
    expect(rebuiltBody(exchange('POST', '/api/v1/users', 200, undefined, '{"a":1}'), answer, () => false)).toBeUndefined();
  });

  it('a CSR answer gives back the subject and DNS names its request asked for (Okta CsrMetadata), not the CSR itself', () => {
    const keys = forge.pki.rsa.generateKeyPair({ bits: 512, e: 0x10001 });
    const req = forge.pki.createCertificationRequest();
    req.publicKey = keys.publicKey;
    req.setSubject([
      { shortName: 'C', value: 'CAN' },
      { shortName: 'L', value: 'Springfield' },
      { shortName: 'O', value: 'Example Org' },
      { shortName: 'CN', value: 'SP Issuer' },
    ]);
    req.setAttributes([{ name: 'extensionRequest', extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'sp.example.com' }] }] }]);
    req.sign(keys.privateKey, forge.md.sha256.create());
    const csr = forge.util.encode64(forge.asn1.toDer(forge.pki.certificationRequestToAsn1(req)).getBytes());
    const answer = { id: 'csrNEW', created: 'c', csr, kty: 'RSA', _links: { self: {} } };
    expect(rebuiltBody(exchange('POST', '/api/v1/apps/0oa1/credentials/csrs', 201), answer, () => false)).toEqual({
      kty: 'RSA',
      subject: { countryName: 'CAN', localityName: 'Springfield', organizationName: 'Example Org', commonName: 'SP Issuer' },
      subjectAltNames: { dnsNames: ['sp.example.com'] },
    });
    // Not a CSR: nothing is added, and the field is left out as the server's own.
    expect(rebuiltBody(exchange('POST', '/api/v1/apps/0oa1/credentials/csrs', 201), { csr: 'not base64 DER', kty: 'RSA' }, () => false)).toEqual({ kty: 'RSA' });
  });

  it('replay sends the rebuilt body, carries the new id on, and the corpus report counts the rebuilt exchanges apart', async () => {
    const recording: Recording = {
      format: 'vcrpy',
      source: 'dropped.yaml',
      exchanges: [exchange('POST', '/api/v1/groups', 200, group), exchange('GET', '/api/v1/groups/00gRECORDED', 200, group)],
    };
    const r = await replay(recording, { definition: miniOktaDefinition(), vendor: 'okta' });
    expect(r.exchanges.map((x) => x.status.twin)).toEqual([200, 200]);
    expect(r.exchanges[0].rebuiltBody).toBe(true);
    expect(r.exchanges[1].rebuiltBody).toBeUndefined();
    expect(aggregate('c', [r]).rebuiltBodies).toEqual({ total: 1, matched: r.exchanges[0].match ? 1 : 0 });

    // The same recording with the body kept is replayed as recorded, nothing rebuilt.
    const kept = await replay({ ...recording, exchanges: [exchange('POST', '/api/v1/groups', 200, group, JSON.stringify({ profile: group.profile })), recording.exchanges[1]] }, { definition: miniOktaDefinition(), vendor: 'okta' });
    expect(kept.exchanges[0].rebuiltBody).toBeUndefined();
    expect(aggregate('c', [kept]).rebuiltBodies).toEqual({ total: 0, matched: 0 });
  });
});
