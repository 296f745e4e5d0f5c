// CAPTCHA instances: creating one is written by hand for Okta's one-per-org limit; reads, replaces and deletes are inferred.
import type { Doc } from '../../../src/core/tenant.js';
import { CATALOG, oktaErrorWith } from '../errors.js';
import { presentGeneric } from '../present/status-resources.js';
import { oktaId } from '../store.js';
import { bodyObject } from './common.js';
import type { Handlers } from '../generated/operations.js';

const CAPTCHAS = '/api/v1/captchas';
const LIMIT = CATALOG.E0000166.summary;

export const captchaHandlers = {
  /** "At most one CAPTCHA instance is allowed per Org" (403 E0000166 in the live okta-sdk-python recording); the answer is 201 with a `cap` id. */
  createCaptchaInstance: (ctx) => {
    const coll = ctx.tenant.collection<Doc>(CAPTCHAS);
    if (coll.values().length > 0) throw oktaErrorWith('E0000166', [], { causes: [{ errorSummary: LIMIT, reason: 'EXCEEDS_MAX_VALUE', locationType: 'url', domain: 'captcha' }] });
    const { _links: _l, id: _i, ...body } = bodyObject(ctx);
    const doc = coll.put({ ...structuredClone(body), id: oktaId(ctx.tenant, 'cap') });
    return { status: 201, body: presentGeneric(ctx, doc, CAPTCHAS) };
  },
} satisfies Handlers;
