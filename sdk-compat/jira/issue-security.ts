// jira.js compat: issue security schemes — levels, members, defaults, project association — and a level hiding an issue from a non-member (404, as Jira answers).
import { Version3Client } from 'jira.js';
import type { Scenario } from '../types.js';
import { overBothClients, teammate } from './clients.js';

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-security-schemes/
export const scenarios: Scenario[] = overBothClients(
  { name: 'issue security: schemes, levels, members, defaults, projects, and what a non-member sees' },
  async (jira, ctx, t) => {
    const mate = teammate(ctx);
    // The teammate's own client is not tracked: it only shows what a non-member is answered.
    const asMate = new Version3Client({ host: ctx.baseUrl, authentication: { basic: { email: mate.email, apiToken: mate.apiToken } } });
    const me = await jira.myself.getCurrentUser();
    const project = await jira.projects.createProject({ key: 'SEC', name: 'Security subject', projectTypeKey: 'software', leadAccountId: me.accountId! });
    t.check(project.key === 'SEC', 'a project to secure', project);

    const made = await jira.issueSecuritySchemes.createIssueSecurityScheme({ name: 'Embargo', description: 'Fixes before disclosure', levels: [{ name: 'Staff', description: 'The admin only', isDefault: true, members: [{ type: 'user', parameter: me.accountId! }] }] });
    t.check(Number(made.id) > 0, 'createIssueSecurityScheme answers the id', made);
    const schemeId = Number(made.id);
    const all = await jira.issueSecuritySchemes.getIssueSecuritySchemes();
    t.check(all.issueSecuritySchemes?.some((s) => s.id === schemeId && s.name === 'Embargo'), 'getIssueSecuritySchemes lists it', all);
    await jira.issueSecuritySchemes.updateIssueSecurityScheme({ id: String(schemeId), name: 'Embargoed fixes', description: 'Until disclosure' });
    const one = await jira.issueSecuritySchemes.getIssueSecurityScheme({ id: schemeId });
    const staff = one.levels?.find((l) => l.name === 'Staff');
    t.checkEffect(one.name === 'Embargoed fixes' && one.description === 'Until disclosure' && one.defaultSecurityLevelId === Number(staff?.id), 'updateIssueSecurityScheme renames; the scheme names its default level', one);
    await t.expectError(() => jira.issueSecuritySchemes.updateIssueSecurityScheme({ id: '99999', name: 'x' }), (e) => e.status === 404, 'an unknown scheme is 404');

    await jira.issueSecuritySchemes.addSecurityLevel({ schemeId: String(schemeId), levels: [{ name: 'Contractors', description: 'Outside help' }] });
    const levels = await jira.issueSecuritySchemes.getSecurityLevels({ schemeId: [String(schemeId)] });
    // The level search answers each level's scheme and default flag (SecurityLevel in Atlassian's reference; jira.js 5.4.0 types omit them).
    const contractors = (levels.values as Array<{ id?: string; name?: string; isDefault?: boolean; issueSecuritySchemeId?: string }> | undefined)?.find((l) => l.name === 'Contractors');
    t.checkEffect(levels.total === 2 && contractors?.issueSecuritySchemeId === String(schemeId) && contractors.isDefault === false, 'addSecurityLevel adds a level the level search finds in its scheme', levels);
    await jira.issueSecuritySchemes.updateSecurityLevel({ schemeId: String(schemeId), levelId: contractors!.id!, name: 'Contractors and staff', description: 'Outside help too' });
    const renamed = await jira.issueSecurityLevel.getIssueSecurityLevel({ id: contractors!.id! });
    t.checkEffect(renamed.name === 'Contractors and staff' && renamed.description === 'Outside help too', 'updateSecurityLevel renames the level', renamed);
    await jira.issueSecuritySchemes.setDefaultLevels({ defaultValues: [{ issueSecuritySchemeId: String(schemeId), defaultLevelId: contractors!.id! }] });
    const defaults = await jira.issueSecuritySchemes.getSecurityLevels({ schemeId: [String(schemeId)], onlyDefault: true });
    t.checkEffect(defaults.values?.map((l) => l.id).join() === contractors!.id, 'setDefaultLevels moves the default to the other level', defaults);

    await jira.issueSecuritySchemes.addSecurityLevelMembers({ schemeId: String(schemeId), levelId: contractors!.id!, members: [{ type: 'user', parameter: mate.accountId }, { type: 'reporter' }] });
    const members = await jira.issueSecuritySchemes.getSecurityLevelMembers({ levelId: [contractors!.id!] });
    const mateMember = members.values?.find((m) => m.holder?.type === 'user');
    t.checkEffect(members.total === 2 && mateMember?.holder?.parameter === mate.accountId && mateMember.issueSecuritySchemeId === String(schemeId), 'addSecurityLevelMembers adds the user and the reporter', members);
    const byScheme = await jira.issueSecurityLevel.getIssueSecurityLevelMembers({ issueSecuritySchemeId: schemeId });
    t.check(byScheme.values?.length === 3 && byScheme.values.filter((m) => m.issueSecurityLevelId === Number(staff?.id)).length === 1, 'getIssueSecurityLevelMembers lists members of every level of the scheme', byScheme);

    await jira.issueSecuritySchemes.associateSchemesToProjects({ projectId: String(project.id), schemeId: String(schemeId) });
    const using = await jira.issueSecuritySchemes.searchProjectsUsingSecuritySchemes({ issueSecuritySchemeId: [String(schemeId)] });
    t.checkEffect(using.values?.map((m) => m.projectId).join() === String(project.id), 'associateSchemesToProjects: the project uses the scheme', using);
    const search = await jira.issueSecuritySchemes.searchSecuritySchemes({ projectId: [String(project.id)] });
    t.check(search.values?.length === 1 && search.values[0].id === schemeId && search.values[0].projectIds?.includes(Number(project.id)) && search.values[0].defaultLevel === Number(contractors!.id), 'searchSecuritySchemes by project answers the scheme with its projects and default level', search);
    await t.expectError(() => jira.issueSecuritySchemes.deleteSecurityScheme({ schemeId: String(schemeId) }), (e) => e.status === 400, 'a scheme a project uses cannot be deleted');

    const secret = await jira.issues.createIssue({ fields: { project: { key: 'SEC' }, issuetype: { name: 'Task' }, summary: 'Embargoed fix', security: { id: staff!.id } } as never });
    const seen = await jira.issues.getIssue({ issueIdOrKey: secret.key, fields: ['security'] });
    t.check((seen.fields as { security?: { name?: string } }).security?.name === 'Staff', 'the issue is at the Staff level', seen.fields);
    const hidden = await asMate.issues.getIssue({ issueIdOrKey: secret.key }).then(() => 200, (e) => e.status);
    t.check(hidden === 404, 'a user outside the level is answered 404, as for an issue that does not exist', hidden);

    const staffMembers = await jira.issueSecuritySchemes.getSecurityLevelMembers({ levelId: [staff!.id!] });
    t.check(staffMembers.values?.length === 1, 'Staff has one member', staffMembers);
    await jira.issueSecuritySchemes.removeMemberFromSecurityLevel({ schemeId: String(schemeId), levelId: staff!.id!, memberId: staffMembers.values![0].id });
    const none = await jira.issueSecuritySchemes.getSecurityLevelMembers({ levelId: [staff!.id!] });
    t.checkEffect(none.total === 0, 'removeMemberFromSecurityLevel removes the member', none);

    await jira.issueSecuritySchemes.removeLevel({ schemeId: String(schemeId), levelId: staff!.id!, replaceWith: contractors!.id! });
    const moved = await jira.issues.getIssue({ issueIdOrKey: secret.key, fields: ['security'] });
    const visible = await asMate.issues.getIssue({ issueIdOrKey: secret.key }).then((i) => i.key, (e) => e.status);
    t.checkEffect((moved.fields as { security?: { id?: string } }).security?.id === contractors!.id && visible === secret.key, 'removeLevel moves its issues to the replacement level, whose member now sees the issue', { moved: moved.fields, visible });
    await t.expectError(() => jira.issueSecurityLevel.getIssueSecurityLevel({ id: staff!.id! }), (e) => e.status === 404, 'the removed level is gone', { effect: true });
    const spare = await jira.issueSecuritySchemes.createIssueSecurityScheme({ name: 'Spare' });
    t.check(Number(spare.id) > 0, 'an unused scheme', spare);
    await jira.issueSecuritySchemes.deleteSecurityScheme({ schemeId: String(spare.id) });
    await t.expectError(() => jira.issueSecuritySchemes.getIssueSecurityScheme({ id: Number(spare.id) }), (e) => e.status === 404, 'deleteSecurityScheme removes an unused scheme', { effect: true });
  },
);
