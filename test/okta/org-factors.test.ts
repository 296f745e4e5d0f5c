// The classic Factors Administration API: org factors read and switch the authenticator behind them (terraform cassettes TestAccResourceOktaUserFactorQuestion_crud).
import { describe, expect, it } from 'vitest';
import { jsonOf as json, sendJson as send, sswsOrg, useOkta } from './helpers.js';

const server = useOkta();
const org = (label: string) => sswsOrg(server(), label);

describe('org factors (/api/v1/org/factors)', () => {
  it('okta_question starts INACTIVE with an activate link; activate and deactivate move it and its security-question authenticator', async () => {
    const o = await org('org-factors');
    const self = `${o.creds.orgUrl}/api/v1/org/factors/okta_question`;
    const first = await json(await o.raw('/api/v1/org/factors/okta_question'));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      id: 'okta_question',
      provider: 'OKTA',
      factorType: 'question',
      status: 'INACTIVE',
      _links: { self: { href: self, hints: { allow: ['GET'] } }, activate: { href: `${self}/lifecycle/activate`, hints: { allow: ['POST'] } } },
    });
    const on = await json(await o.raw('/api/v1/org/factors/okta_question/lifecycle/activate', send('POST', undefined)));
    expect(on.status).toBe(200);
    expect(on.body.status).toBe('ACTIVE');
    expect(on.body._links.deactivate.href).toBe(`${self}/lifecycle/deactivate`);
    expect(on.body._links.activate).toBeUndefined();
    const authenticators = (await json(await o.raw('/api/v1/authenticators'))).body as Array<{ key: string; status: string }>;
    expect(authenticators.find((a) => a.key === 'security_question')?.status).toBe('ACTIVE');
    expect((await json(await o.raw('/api/v1/org/factors'))).body.find((f: { id: string }) => f.id === 'okta_question').status).toBe('ACTIVE');
    const off = await json(await o.raw('/api/v1/org/factors/okta_question/lifecycle/deactivate', send('POST', undefined)));
    expect(off.body.status).toBe('INACTIVE');
    expect((await json(await o.raw('/api/v1/org/factors/okta_question'))).body.status).toBe('INACTIVE');
  });

  it('an id the org has no factor for is 404 E0000007', async () => {
    const o = await org('org-factors-404');
    const res = await json(await o.raw('/api/v1/org/factors/no_such_factor'));
    expect(res.status).toBe(404);
    expect(res.body.errorCode).toBe('E0000007');
  });
});
