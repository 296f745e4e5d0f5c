// Attack protection's authenticator setting: whether a knowledge factor must come second when two factors are required.
import type { OpContext } from '../../../src/core/handler.js';
import { validationError } from '../errors.js';
import { bodyObject } from './common.js';
import type { Handlers } from '../generated/operations.js';

/** A new org lets the knowledge factor come first (Attack Protection API, AttackProtectionAuthenticatorSettings). */
const settings = (ctx: OpContext) => ctx.tenant.meta('okta:attackProtectionAuthenticators', () => ({ verifyKnowledgeSecondWhen2faRequired: false }));

export const attackProtectionHandlers = {
  getAuthenticatorSettings: (ctx) => ({ status: 200, body: { ...settings(ctx) } }),
  replaceAuthenticatorSettings: (ctx) => {
    const b = bodyObject(ctx);
    if (typeof b.verifyKnowledgeSecondWhen2faRequired !== 'boolean') throw validationError('verifyKnowledgeSecondWhen2faRequired', 'The field cannot be left blank');
    const next = { verifyKnowledgeSecondWhen2faRequired: b.verifyKnowledgeSecondWhen2faRequired };
    ctx.tenant.setMeta('okta:attackProtectionAuthenticators', next);
    return { status: 200, body: next };
  },
} satisfies Handlers;
