/** Okta behaviors the okta-sdk-nodejs integration suite relies on: list order and paging, per-type schemas, SAML relay state, email domain deletion. */
import { describe, expect, it } from 'vitest';
import { jsonOf as json, newUser, sendJson as send, sswsOrg, useOkta } from './helpers.js';

const server = useOkta();
const org = (label: string) => sswsOrg(server(), label);

const nextLink = (r: Response) => /<([^>]+)>; rel="next"/.exec(r.headers.get('link') ?? '')?.[1];

describe('behavior detection rules list (Behavior Rules API)', () => {
  it('pages 10 rules at a time in name order, the next cursor naming the last rule (okta-sdk-python cassette test_behavior_rules_it)', async () => {
    const o = await org('behaviors-paging');
    for (const name of ['Zeta rule', 'Alpha rule', 'Mu rule', 'Beta rule']) {
      expect((await o.raw('/api/v1/behaviors', send('POST', { name, type: 'VELOCITY', settings: { velocityKph: 805 } }))).status).toBe(200);
    }
    const first = await o.raw('/api/v1/behaviors');
    const page1 = (await first.json()) as Array<{ name: string }>;
    expect(page1).toHaveLength(10);
    const names = page1.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    const next = nextLink(first);
    expect(next).toBeDefined();
    expect(new URL(next!).searchParams.get('after')).toBe(names[9]);
    const second = await o.raw(new URL(next!).pathname.replace(/^\/t\/[^/]+/, '') + new URL(next!).search);
    const page2 = (await second.json()) as Array<{ name: string }>;
    // The org's 7 default rules plus the 4 created: 11 in all, the last one on page two.
    expect(page2.map((r) => r.name)).toEqual(['Zeta rule']);
    expect(nextLink(second)).toBeUndefined();
  });
});

describe('application group assignments list', () => {
  it('`q` matches the start of the group name (Applications API: listApplicationGroupAssignments q is startsWith on the group name)', async () => {
    const o = await org('app-groups-q');
    const app = (await json(await o.raw('/api/v1/apps', send('POST', { name: 'bookmark', label: 'Q app', signOnMode: 'BOOKMARK', settings: { app: { requestIntegration: false, url: 'https://example.com' } } })))).body;
    const ids: Record<string, string> = {};
    for (const name of ['Sales', 'Sales-East', 'Sales-West', 'Support']) {
      ids[name] = (await json(await o.raw('/api/v1/groups', send('POST', { profile: { name } })))).body.id;
      expect((await o.raw(`/api/v1/apps/${app.id}/groups/${ids[name]}`, send('PUT', {}))).status).toBe(200);
    }
    const found = (q: string) => o.raw(`/api/v1/apps/${app.id}/groups?q=${encodeURIComponent(q)}&limit=1`);
    const first = await found('sales-');
    expect(((await first.json()) as Array<{ id: string }>).map((a) => a.id)).toEqual([ids['Sales-East']]);
    const next = new URL(nextLink(first)!);
    const second = await o.raw(next.pathname.replace(/^\/t\/[^/]+/, '') + next.search);
    expect(((await second.json()) as Array<{ id: string }>).map((a) => a.id)).toEqual([ids['Sales-West']]);
    expect(nextLink(second)).toBeUndefined();
    expect((await json(await o.raw(`/api/v1/apps/${app.id}/groups`))).body).toHaveLength(4);
  });
});

describe("a user's enrolled factors", () => {
  it('list in catalog order, a security question before a call factor enrolled earlier (Factors API "List enrolled factors" example)', async () => {
    const o = await org('factor-order');
    const user = (await json(await o.raw('/api/v1/users?activate=true', send('POST', newUser('order@example.com'))))).body;
    expect((await o.raw(`/api/v1/users/${user.id}/factors`, send('POST', { factorType: 'call', provider: 'OKTA', profile: { phoneNumber: '+1-555-415-1337' } }))).status).toBe(200);
    expect((await o.raw(`/api/v1/users/${user.id}/factors`, send('POST', { factorType: 'question', provider: 'OKTA', profile: { question: 'disliked_food', answer: 'pizza' } }))).status).toBe(200);
    const list = (await json(await o.raw(`/api/v1/users/${user.id}/factors`))).body;
    expect(list.map((f: { factorType: string }) => f.factorType)).toEqual(['question', 'call']);
  });
});

describe('user type schemas', () => {
  it("a new user type's schema has no custom attributes of the default type's, and its own stay its own", async () => {
    const o = await org('type-schema');
    const age = { title: 'Age', type: 'number', mutability: 'READ_WRITE', scope: 'NONE', permissions: [{ principal: 'SELF', action: 'READ_WRITE' }] };
    expect((await o.raw('/api/v1/meta/schemas/user/default', send('POST', { definitions: { custom: { id: '#custom', type: 'object', properties: { age } } } }))).status).toBe(200);
    const type = (await json(await o.raw('/api/v1/meta/types/user', send('POST', { name: 'contractor', displayName: 'Contractor', description: 'Contractors' })))).body;
    const schemaId = type._links.schema.href.split('/').pop();
    const own = (await json(await o.raw(`/api/v1/meta/schemas/user/${schemaId}`))).body;
    expect(own.definitions.custom.properties).toEqual({});
    const handle = { title: 'Twitter username', type: 'string', minLength: 1, maxLength: 20 };
    const updated = (await json(await o.raw(`/api/v1/meta/schemas/user/${schemaId}`, send('POST', { definitions: { custom: { id: '#custom', type: 'object', properties: { twitterUserName: handle } } } })))).body;
    expect(Object.keys(updated.definitions.custom.properties)).toEqual(['twitterUserName']);
    const def = (await json(await o.raw('/api/v1/meta/schemas/user/default'))).body;
    expect(Object.keys(def.definitions.custom.properties)).toEqual(['age']);
    // A profile may carry an attribute its org's types define.
    expect((await o.raw('/api/v1/users?activate=false', send('POST', newUser('handle@example.com', { twitterUserName: 'okta' })))).status).toBe(200);
    expect((await o.raw('/api/v1/users?activate=false', send('POST', newUser('nope@example.com', { undefinedThing: 'x' })))).status).toBe(400);
  });
});

describe('custom SAML app', () => {
  it('answers an empty default relay state as null (terraform cassettes from April 2026; okta-sdk-nodejs client-create-application.ts)', async () => {
    const o = await org('saml-relay');
    const signOn = { ssoAcsUrl: 'https://sp.example.com/acs', audience: 'https://sp.example.com', defaultRelayState: '' };
    const app = (await json(await o.raw('/api/v1/apps', send('POST', { label: 'Relay', signOnMode: 'SAML_2_0', settings: { signOn } })))).body;
    expect(app.settings.signOn.defaultRelayState).toBeNull();
    const kept = (await json(await o.raw('/api/v1/apps', send('POST', { label: 'Relay kept', signOnMode: 'SAML_2_0', settings: { signOn: { ...signOn, defaultRelayState: '/home' } } })))).body;
    expect(kept.settings.signOn.defaultRelayState).toBe('/home');
  });
});

describe('email domain deletion', () => {
  it('marks the domain DELETED: still listed with that status, a second delete answers 204, a read 404 (EmailDomainStatus DELETED)', async () => {
    const o = await org('email-domain-delete');
    const brand = (await json(await o.raw('/api/v1/brands'))).body[0];
    const d = (await json(await o.raw('/api/v1/email-domains', send('POST', { brandId: brand.id, domain: 'mail.example.com', displayName: 'Mail', userName: 'noreply' })))).body;
    expect((await o.raw(`/api/v1/email-domains/${d.id}`, { method: 'DELETE' })).status).toBe(204);
    const listed = (await json(await o.raw('/api/v1/email-domains'))).body;
    expect(listed.map((x: { id: string; validationStatus: string }) => [x.id, x.validationStatus])).toEqual([[d.id, 'DELETED']]);
    expect((await o.raw(`/api/v1/email-domains/${d.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await o.raw(`/api/v1/email-domains/${d.id}`)).status).toBe(404);
    expect((await o.raw('/api/v1/email-domains/OeDnone', { method: 'DELETE' })).status).toBe(404);
    // The domain can be added again once deleted.
    expect((await o.raw('/api/v1/email-domains', send('POST', { brandId: brand.id, domain: 'mail.example.com', displayName: 'Mail', userName: 'noreply' }))).status).toBe(201);
  });
});

describe('shapes the SDK contract checks read', () => {
  it('a replace of the org settings leaves unsent contact fields "" and address fields null (okta-sdk-python cassettes test_org_it)', async () => {
    const o = await org('org-replace');
    const res = await json(await o.raw('/api/v1/org', send('PUT', { companyName: 'Acme Inc', website: 'https://acme.example' })));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ companyName: 'Acme Inc', website: 'https://acme.example', phoneNumber: '', supportPhoneNumber: '', endUserSupportHelpURL: '', address1: null, postalCode: null });
  });

  it("the SDK service app, an OpenID Connect app, has a signing key of its own (Okta never answers kid: null)", async () => {
    const o = await sswsOrg(server(), 'service-app-kid');
    const full = await (await fetch(`${o.base}/_dtu/credentials`)).json() as { serviceApp: { clientId: string } };
    const app = (await json(await o.raw(`/api/v1/apps/${full.serviceApp.clientId}`))).body;
    expect(typeof app.credentials.signing.kid).toBe('string');
    const keys = (await json(await o.raw(`/api/v1/apps/${app.id}/credentials/keys`))).body;
    expect(keys.map((k: { kid: string }) => k.kid)).toContain(app.credentials.signing.kid);
  });
});
