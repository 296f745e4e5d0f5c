/** Okta SDK scenarios for security setup: sign-on and password policies with rules, and MFA factor enrollment with real passcodes. */
import { createHmac } from 'node:crypto';
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr, userBody } from './common.js';

async function signOnPolicies(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const policies = client.policyApi;
  const defaults = await collect(policies.listPolicies({ type: 'OKTA_SIGN_ON' }));
  t.check(defaults.length === 1 && defaults[0].system === true && defaults[0].name === 'Default Policy', 'every org has a default sign-on policy', defaults);
  const pw = await collect(policies.listPolicies({ type: 'PASSWORD' }));
  t.check((pw[0] as any)?.settings?.password?.complexity?.minLength === 8, 'the default password policy says minLength 8', pw[0]);

  const created = await policies.createPolicy({ policy: { type: 'OKTA_SIGN_ON', name: 'Compat contractors', description: 'Stricter sign-on', priority: 1, conditions: { people: { groups: { include: [] } } } } as any });
  t.check(created.status === 'ACTIVE' && created.priority === 1 && /^00p/.test(created.id!), 'a new policy is ACTIVE at priority 1', created);
  const second = await policies.createPolicy({ policy: { type: 'OKTA_SIGN_ON', name: 'Compat first', priority: 1 } as any, activate: false });
  t.check(second.status === 'INACTIVE', 'activate=false creates it INACTIVE');
  t.check((await policies.getPolicy({ policyId: created.id! })).priority === 2, 'inserting at priority 1 shifts the others down');
  const replaced = await policies.replacePolicy({ policyId: created.id!, policy: { type: 'OKTA_SIGN_ON', name: 'Compat contractors v2', priority: 2 } as any });
  t.check(replaced.name === 'Compat contractors v2', 'replace renames');
  await policies.deactivatePolicy({ policyId: created.id! });
  t.checkEffect((await policies.getPolicy({ policyId: created.id! })).status === 'INACTIVE', 'deactivated');
  await policies.activatePolicy({ policyId: created.id! });
  t.checkEffect((await policies.getPolicy({ policyId: created.id! })).status === 'ACTIVE', 'activated');

  const rule = await policies.createPolicyRule({
    policyId: created.id!,
    policyRule: { name: 'Require MFA off network', type: 'SIGN_ON', conditions: { network: { connection: 'ANYWHERE' } }, actions: { signon: { access: 'ALLOW', requireFactor: true, factorPromptMode: 'ALWAYS' } } } as any,
  });
  t.check(rule.type === 'SIGN_ON' && rule.status === 'ACTIVE', 'a sign-on rule', rule);
  t.check((await collect(policies.listPolicyRules({ policyId: created.id! }))).length === 1, 'rules listed');
  t.check((await policies.getPolicyRule({ policyId: created.id!, ruleId: rule.id! })).name === rule.name, 'rule read back');
  const rule2 = await policies.replacePolicyRule({ policyId: created.id!, ruleId: rule.id!, policyRule: { name: 'Require MFA always', type: 'SIGN_ON', actions: { signon: { access: 'ALLOW', requireFactor: true } } } as any });
  t.check(rule2.name === 'Require MFA always', 'rule replaced');
  await policies.deactivatePolicyRule({ policyId: created.id!, ruleId: rule.id! });
  t.checkEffect((await policies.getPolicyRule({ policyId: created.id!, ruleId: rule.id! })).status === 'INACTIVE', 'rule deactivated');
  await policies.activatePolicyRule({ policyId: created.id!, ruleId: rule.id! });
  t.checkEffect((await policies.getPolicyRule({ policyId: created.id!, ruleId: rule.id! })).status === 'ACTIVE', 'rule activated');
  await t.expectError(() => policies.createPolicyRule({ policyId: created.id!, policyRule: { name: 'Wrong type', type: 'PASSWORD' } as any }), oktaErr(400, 'E0000001'), 'a rule of another policy type is refused');

  const clone = await policies.clonePolicy({ policyId: created.id! });
  t.checkEffect(clone.id !== created.id && (await collect(policies.listPolicyRules({ policyId: clone.id! }))).length === 1, 'clone copies the rules');
  await policies.deletePolicyRule({ policyId: created.id!, ruleId: rule.id! });
  await t.expectError(() => policies.getPolicyRule({ policyId: created.id!, ruleId: rule.id! }), oktaErr(404, 'E0000007'), 'a deleted rule is 404', { effect: true });
  await policies.deletePolicy({ policyId: created.id! });
  await t.expectError(() => policies.getPolicy({ policyId: created.id! }), oktaErr(404, 'E0000007', `Not found: Resource not found: ${created.id} (Policy)`), 'a deleted policy is 404', { effect: true });
  await t.expectError(() => policies.deletePolicy({ policyId: defaults[0].id! }), oktaErr(400, 'E0000001'), 'the default policy cannot be deleted');
}

/** RFC 6238, as an authenticator app computes it from the shared secret. */
function totp(secret: string, timeMs: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 30_000)));
  const h = createHmac('sha1', key).update(counter).digest();
  const off = h[h.length - 1] & 0xf;
  return String((((h[off] & 0x7f) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3]) % 1_000_000).padStart(6, '0');
}

async function mfaEnrollment(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const factors = client.userFactorApi;
  const u = await client.userApi.createUser({ body: userBody('mfa.user@example.com') });
  const catalog = await collect(factors.listSupportedFactors({ userId: u.id! }));
  t.check(catalog.some((f) => f.factorType === 'sms') && catalog.every((f) => f.status === 'NOT_SETUP'), 'the catalog offers factors, none set up', catalog.map((f) => f.factorType));
  const questions = await collect(factors.listSupportedSecurityQuestions({ userId: u.id! }));
  t.check(questions.some((q) => q.question === 'disliked_food'), 'security questions listed');

  const question: any = await factors.enrollFactor({ userId: u.id!, body: { factorType: 'question', provider: 'OKTA', profile: { question: 'disliked_food', answer: 'mayonnaise' } } as any });
  t.check(question.status === 'ACTIVE' && question.profile.questionText === 'What is the food you least liked as a child?', 'a security question is active at once', question);
  const ok = await factors.verifyFactor({ userId: u.id!, factorId: question.id, body: { answer: 'Mayonnaise' } as any });
  t.check(ok.factorResult === 'SUCCESS', 'the right answer verifies');
  await t.expectError(() => factors.verifyFactor({ userId: u.id!, factorId: question.id, body: { answer: 'ketchup' } as any }), oktaErr(403, 'E0000068', 'Invalid Passcode/Answer'), 'a wrong answer is E0000068');

  const totpFactor: any = await factors.enrollFactor({ userId: u.id!, body: { factorType: 'token:software:totp', provider: 'GOOGLE' } as any });
  const secret = totpFactor._embedded?.activation?.sharedSecret;
  t.check(totpFactor.status === 'PENDING_ACTIVATION' && /^[A-Z2-7]{32}$/.test(secret ?? ''), 'TOTP enrollment returns a base32 shared secret', totpFactor._embedded);
  await t.expectError(() => factors.activateFactor({ userId: u.id!, factorId: totpFactor.id, body: { passCode: '000000' } as any }), oktaErr(403, 'E0000068'), 'a wrong TOTP code does not activate');
  const clock = await ctx.control('GET', 'clock');
  const activated: any = await factors.activateFactor({ userId: u.id!, factorId: totpFactor.id, body: { passCode: totp(secret, clock.epochMs) } as any });
  t.check(activated.status === 'ACTIVE', 'the current TOTP code activates the factor', activated);

  const sms: any = await factors.enrollFactor({ userId: u.id!, body: { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+1-555-415-1337' } } as any });
  t.check(sms.status === 'PENDING_ACTIVATION' && /^mbl/.test(sms.id), 'SMS enrollment waits for the code');
  const firstCode = (await ctx.control('GET', `okta/factors/${sms.id}/passcode`)).passCode;
  await factors.resendEnrollFactor({ userId: u.id!, factorId: sms.id, resendUserFactor: { factorType: 'sms' } } as any);
  const sent = await ctx.control('GET', `okta/factors/${sms.id}/passcode`);
  t.checkEffect(typeof sent.passCode === 'string' && sent.passCode !== firstCode, 'a resend texts a new code', { firstCode, sent });
  await factors.activateFactor({ userId: u.id!, factorId: sms.id, body: { passCode: sent.passCode } as any });
  t.check((await factors.getFactor({ userId: u.id!, factorId: sms.id })).status === 'ACTIVE', 'the texted code activates SMS');
  await t.expectError(() => factors.enrollFactor({ userId: u.id!, body: { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+1-555-000-0000' } } as any }), oktaErr(400, 'E0000001'), 'a second SMS factor is refused');

  await t.expectError(() => factors.getFactorTransactionStatus({ userId: u.id!, factorId: sms.id, transactionId: 'v2mnone' }), oktaErr(404, 'E0000007'), 'only push factors have transactions');
  // An admin uploads a YubiKey seed; the key types an OTP that starts with its public id, which enrolls it.
  const seed = await factors.uploadYubikeyOtpTokenSeed({ uploadYubikeyOtpTokenSeedRequest: { serialNumber: '7886622', publicId: 'ccccccbcjdif', privateId: 'b74be6169486', aesKey: '1fcc6d8ce39bf1604e0b17f3e0a11067' } } as any);
  t.check(seed.status === 'UNASSIGNED' && (seed.profile as any)?.serial === '7886622', 'an uploaded YubiKey is UNASSIGNED', seed);
  await t.expectError(() => factors.uploadYubikeyOtpTokenSeed({ uploadYubikeyOtpTokenSeedRequest: { serialNumber: '7886622', publicId: 'ccccccbcjdif', privateId: 'b74be6169486', aesKey: '1fcc6d8ce39bf1604e0b17f3e0a11067' } } as any), oktaErr(400, 'E0000001'), 'a serial is uploaded once');
  t.check((await collect(factors.listYubikeyOtpTokens({ filter: 'profile.serial eq "7886622"' as any }))).map((y) => y.id).join() === seed.id, 'found by serial');
  const yk: any = await factors.enrollFactor({ userId: u.id!, body: { factorType: 'token:hardware', provider: 'YUBICO', verify: { passCode: 'ccccccbcjdif' + 'ctrndncchkftchjlnbhvhtugdljibejb' } } as any });
  t.check(yk.status === 'ACTIVE' && yk.profile?.credentialId === '7886622', 'the OTP enrolls the key', yk);
  const claimed = await factors.getYubikeyOtpTokenById({ tokenId: seed.id! });
  t.check(claimed.status === 'ACTIVE' && !!(claimed._links as any)?.user, 'the key is now ACTIVE and names its user', claimed);
  await client.userFactorApi.unenrollFactor({ userId: u.id!, factorId: yk.id });
  const listed = await collect(factors.listFactors({ userId: u.id! }));
  t.checkEffect(listed.length === 3 && listed.every((f) => f.status === 'ACTIVE'), 'three active factors', listed.map((f) => f.factorType));
  await factors.unenrollFactor({ userId: u.id!, factorId: sms.id });
  await t.expectError(() => factors.getFactor({ userId: u.id!, factorId: sms.id }), oktaErr(404, 'E0000007'), 'an unenrolled factor is gone', { effect: true });
  await client.userApi.resetFactors({ userId: u.id! });
  t.checkEffect((await collect(factors.listFactors({ userId: u.id! }))).length === 0, 'reset_factors removes them all');
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'policies: a stricter sign-on policy with rules', run: signOnPolicies },
  { vendor: 'okta', sdk: SDK, name: 'factors: enrolling a question, TOTP and SMS with real codes', run: mfaEnrollment },
];
