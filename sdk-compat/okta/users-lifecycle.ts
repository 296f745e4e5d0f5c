/** Okta SDK scenarios for users: onboarding a hire end to end, and offboarding with every lifecycle refusal along the way. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr, userBody } from './common.js';

async function onboarding(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const users = client.userApi;

  // HR creates the hire STAGED, without a password, ahead of the start date.
  const hire = await users.createUser({ body: userBody('new.hire@example.com', { department: 'Engineering', title: 'Engineer' }, null), activate: false });
  t.check(hire.status === 'STAGED' && hire.activated === null, 'a user created with activate=false is STAGED', hire.status);
  const byLogin = await users.getUser({ userId: 'new.hire@example.com' });
  t.check(byLogin.id === hire.id, 'the user is found by login');
  const byShort = await users.getUser({ userId: 'new.hire' });
  t.check(byShort.id === hire.id, 'the user is found by login shortname');

  // The Engineering group rule in the seeded org puts the hire in Engineering as soon as the profile matches.
  const groups = (await collect(users.listUserGroups({ userId: hire.id! }))).map((g) => g.profile?.name);
  t.check(groups.includes('Everyone') && groups.includes('Engineering'), 'Everyone plus the rule-assigned Engineering group', groups);

  const partial = await users.updateUser({ userId: hire.id!, user: { profile: { title: 'Senior Engineer', mobilePhone: '+1 555 0100' } } as any });
  t.check(partial.profile?.title === 'Senior Engineer' && partial.profile?.department === 'Engineering', 'POST merges the profile', partial.profile);
  const full = await users.replaceUser({ userId: hire.id!, user: { profile: { ...partial.profile, nickName: 'Newbie' } } as any });
  t.check(full.profile?.nickName === 'Newbie', 'PUT replaces the profile', full.profile);

  const activation = await users.activateUser({ userId: hire.id!, sendEmail: false });
  t.check(!!activation.activationToken && activation.activationUrl?.endsWith(activation.activationToken!) === true, 'activation returns a token and URL', activation);
  t.check((await users.getUser({ userId: hire.id! })).status === 'PROVISIONED', 'without a password the user waits PROVISIONED');
  const again = await users.reactivateUser({ userId: hire.id!, sendEmail: false });
  t.check(!!again.activationToken && again.activationToken !== activation.activationToken, 'reactivation issues a fresh token');

  // The admin sets the hire's password, which completes the pending activation.
  const withPassword = await users.updateUser({ userId: hire.id!, user: { credentials: { password: { value: 'Welcome!2Okta' } } } as any });
  t.check(withPassword.status === 'ACTIVE', 'setting a password moves a PROVISIONED user to ACTIVE', withPassword.status);
  const recovery = await users.changeRecoveryQuestion({
    userId: hire.id!,
    userCredentials: { password: { value: 'Welcome!2Okta' }, recovery_question: { question: 'First pet?', answer: 'Rex the dog' } },
  } as any);
  t.check(recovery.recovery_question?.question === 'First pet?', 'the recovery question is set', recovery);

  const staged = await users.createUser({ body: userBody('second.hire@example.com'), activate: false });
  await users.activateUser({ userId: staged.id!, sendEmail: true });
  t.checkEffect((await users.getUser({ userId: staged.id! })).status === 'ACTIVE', 'a STAGED user with a password becomes ACTIVE on activation');
  await t.expectError(() => users.activateUser({ userId: staged.id!, sendEmail: false }), oktaErr(403, 'E0000016', 'Activation failed because the user is already active'), 'activating an ACTIVE user is E0000016');

  const changed = await users.changePassword({ userId: staged.id!, changePasswordRequest: { oldPassword: { value: 'Xk4!vR9qzTq' }, newPassword: { value: 'Changed!Pass9' } } });
  t.check(changed.password !== undefined, 'change_password answers the credentials');
  await t.expectError(
    () => users.changePassword({ userId: staged.id!, changePasswordRequest: { oldPassword: { value: 'nope' }, newPassword: { value: 'Whatever!9x' } } }),
    oktaErr(403, 'E0000014'),
    'a wrong old password is E0000014',
  );

  const list = await collect(users.listUsers({ search: 'profile.login sw "new.hire" or profile.login sw "second.hire"' }));
  t.check(list.length === 2, 'search finds both hires', list.map((u) => u.profile?.login));
  const apps = await collect(users.listAppLinks({ userId: hire.id! }));
  t.check(apps.some((l) => l.label === 'Acme Wiki'), 'the Engineering group gives the hire the wiki app link', apps.map((l) => l.label));
  // A new hire has signed in nowhere: no OAuth clients, consent grants, refresh tokens or IdP links yet.
  t.check((await collect(users.listUserGrants({ userId: hire.id! }))).length === 0, 'no consent grants');
  const clients = await collect(users.listUserClients({ userId: hire.id! }));
  t.check(clients.length === 0, 'no OAuth clients', clients);
  const portal: any = (await collect(client.applicationApi.listApplications({ q: 'Expense Portal' })))[0];
  const clientId = portal.credentials.oauthClient.client_id;
  t.check((await collect(users.listGrantsForUserAndClient({ userId: hire.id!, clientId }))).length === 0, 'no consent grants for the expense portal');
  t.check((await collect(users.listRefreshTokensForUserAndClient({ userId: hire.id!, clientId }))).length === 0, 'no refresh tokens for the expense portal');
  await t.expectError(() => users.getUserGrant({ userId: hire.id!, grantId: 'oagnone' }), oktaErr(404, 'E0000007'), 'an unknown grant is 404 E0000007');
  t.check((await collect(users.listUserIdentityProviders({ userId: hire.id! }))).length === 0, 'no IdP links');
}

async function offboarding(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const users = client.userApi;
  const leaver = await users.createUser({ body: userBody('leaver@example.com', { department: 'Sales' }), activate: true });
  t.check(leaver.status === 'ACTIVE', 'created ACTIVE');

  const reset = await users.generateResetPasswordToken({ userId: leaver.id!, sendEmail: false });
  t.check(/\/reset_password\//.test(reset.resetPasswordUrl ?? ''), 'reset_password returns a reset URL', reset);
  t.check((await users.getUser({ userId: leaver.id! })).status === 'RECOVERY', 'the user is in RECOVERY');
  const forgot = await users.forgotPassword({ userId: leaver.id!, sendEmail: false });
  t.check(/reset-password/.test(forgot.resetPasswordUrl ?? ''), 'forgot_password returns a reset URL', forgot);
  await users.changeRecoveryQuestion({ userId: leaver.id!, userCredentials: { password: { value: 'Xk4!vR9qzTq' }, recovery_question: { question: 'Favorite city?', answer: 'Lisbon' } } } as any);
  await t.expectError(
    () => users.forgotPasswordSetNewPassword({ userId: leaver.id!, userCredentials: { password: { value: 'Another!Pass7' }, recovery_question: { answer: 'Paris' } } } as any),
    oktaErr(403, 'E0000087', 'The recovery question answer did not match our records.'),
    'a wrong recovery answer is E0000087',
  );
  const recovered = await users.forgotPasswordSetNewPassword({ userId: leaver.id!, userCredentials: { password: { value: 'Another!Pass7' }, recovery_question: { answer: 'lisbon' } } } as any);
  t.checkEffect(recovered.recovery_question?.question === 'Favorite city?' && (await users.getUser({ userId: leaver.id! })).status === 'ACTIVE', 'the right answer sets a new password and ends RECOVERY', recovered);

  const expired = await users.expirePassword({ userId: leaver.id! });
  t.check(expired.status === 'PASSWORD_EXPIRED', 'expire_password answers the PASSWORD_EXPIRED user', expired.status);
  await users.expirePasswordAndGetTemporaryPassword({ userId: leaver.id! });
  t.checkEffect((await users.getUser({ userId: leaver.id! })).status === 'PASSWORD_EXPIRED', 'still PASSWORD_EXPIRED with a temporary password');

  await users.suspendUser({ userId: leaver.id! });
  t.checkEffect((await users.getUser({ userId: leaver.id! })).status === 'SUSPENDED', 'suspended');
  await t.expectError(() => users.suspendUser({ userId: leaver.id! }), oktaErr(400, 'E0000001'), 'suspending a SUSPENDED user is E0000001');
  await t.expectError(() => users.unlockUser({ userId: leaver.id! }), oktaErr(403, 'E0000032', 'Unlock is not allowed for this user.'), 'unlocking a user who is not locked out is E0000032');
  await users.unsuspendUser({ userId: leaver.id! });
  t.checkEffect((await users.getUser({ userId: leaver.id! })).status === 'ACTIVE', 'unsuspended');

  // A lockout comes from failed sign-ins; the control plane plays the person typing wrong passwords.
  await ctx.control('POST', `okta/users/${leaver.id}/lockout`);
  t.check((await users.getUser({ userId: leaver.id! })).status === 'LOCKED_OUT', 'locked out');
  await users.unlockUser({ userId: leaver.id! });
  t.checkEffect((await users.getUser({ userId: leaver.id! })).status === 'ACTIVE', 'unlock restores ACTIVE');

  await users.resetFactors({ userId: leaver.id! });
  t.checkEffect((await collect(client.userFactorApi.listFactors({ userId: leaver.id! }))).length === 0, 'factors reset');
  await users.revokeUserSessions({ userId: leaver.id! });
  await users.deactivateUser({ userId: leaver.id! });
  t.checkEffect((await users.getUser({ userId: leaver.id! })).status === 'DEPROVISIONED', 'deactivated users are DEPROVISIONED');
  await t.expectError(() => users.reactivateUser({ userId: leaver.id!, sendEmail: false }), oktaErr(403, 'E0000038'), 'reactivate needs PROVISIONED (E0000038)');
  const active = await collect(users.listUsers({ filter: 'status eq "ACTIVE"' }));
  t.check(!active.some((u) => u.id === leaver.id), 'the leaver is gone from the ACTIVE list');
  await users.deleteUser({ userId: leaver.id! });
  await t.expectError(() => users.getUser({ userId: leaver.id! }), oktaErr(404, 'E0000007', `Not found: Resource not found: ${leaver.id} (User)`), 'a deleted user is 404 E0000007', { effect: true });

  // DELETE on a live user only deactivates it.
  const other = await users.createUser({ body: userBody('other.leaver@example.com') });
  await users.deleteUser({ userId: other.id! });
  t.checkEffect((await users.getUser({ userId: other.id! })).status === 'DEPROVISIONED', 'the first DELETE deactivates');
}

async function seededDirectory(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const users = client.userApi;
  const me = await users.getUser({ userId: 'me' });
  t.check(me.id === ctx.credentials.adminUserId, 'users/me is the token owner', me.id);
  await users.endUserSessions({ keepCurrent: true } as any);
  const eng = await collect(users.listUsers({ search: 'profile.department eq "Engineering" and status eq "ACTIVE"', sortBy: 'profile.lastName', sortOrder: 'asc' }));
  const names = eng.map((u) => u.profile?.lastName ?? '');
  t.check(eng.length > 5 && names.join() === [...names].sort((a, b) => a.localeCompare(b)).join(), 'search with sortBy returns active engineers by last name', names);
  const suspended = await collect(users.listUsers({ filter: 'status eq "SUSPENDED"' }));
  t.check(suspended.length >= 1, 'the seeded org has suspended users', suspended.length);
  const q = await collect(users.listUsers({ q: 'Grace' }));
  t.check(q.some((u) => u.profile?.lastName === 'Hopper'), 'q finds by first name', q.map((u) => u.profile?.login));
  await t.expectError(() => users.createUser({ body: userBody(q[0].profile!.login!) }), (e: any) => e.status === 400 && e.errorCauses?.[0]?.errorSummary === 'login: An object with this field already exists in the current organization', 'a taken login is refused');
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'users: onboarding a hire end to end', run: onboarding },
  { vendor: 'okta', sdk: SDK, name: 'users: offboarding with lifecycle refusals', run: offboarding },
  { vendor: 'okta', sdk: SDK, name: 'users: searching the seeded directory', run: seededDirectory },
];
