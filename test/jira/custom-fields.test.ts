// Custom fields through jira.js: create and list, select options in the global context, typed values on issues (v3 ADF and v2 strings for textareas), changelog and JQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Version3Client } from 'jira.js';
import { adf, failure, startJira, type Site } from './helpers.js';

let jira: Awaited<ReturnType<typeof startJira>>;
let site: Site;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(async () => {
  await jira.server.close();
});
beforeEach(async () => {
  site = await jira.site();
});

const T = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const field = (name: string, type: string) => site.client.issueFields.createCustomField({ name, type: `${T}${type}` });
const newIssue = (fields: Record<string, unknown>) =>
  site.client.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'x', ...fields } as any });
const keys = async (jql: string) =>
  ((await site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql, fields: ['key'] })).issues ?? []).map((i) => i.key).sort();

describe('custom fields (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/)', () => {
  it('createCustomField answers FieldDetails with a customfield_ id, cf[] clause name and schema; getFields lists it', async () => {
    const f = await site.client.issueFields.createCustomField({ name: 'Story Points', type: `${T}float`, description: 'Estimate' });
    const n = Number(f.id!.replace('customfield_', ''));
    expect(f).toEqual({
      id: `customfield_${n}`, key: `customfield_${n}`, name: 'Story Points', untranslatedName: 'Story Points', custom: true, orderable: true, navigable: true, searchable: true,
      clauseNames: [`cf[${n}]`, 'Story Points'], schema: { type: 'number', custom: `${T}float`, customId: n },
    });
    const all = await site.client.issueFields.getFields();
    expect(all.find((x) => x.id === f.id)?.name).toBe('Story Points');
    expect(all.find((x) => x.id === 'summary')?.custom).toBe(false);
    const page = await site.client.issueFields.getFieldsPaginated({ type: ['custom'] });
    expect(page.values?.map((x) => [x.id, x.description, x.searcherKey])).toEqual([[f.id, 'Estimate', `${T}exactnumber`]]);
    await site.client.issueFields.updateCustomField({ fieldId: f.id!, name: 'Points' });
    expect((await site.client.issueFields.getFields()).find((x) => x.id === f.id)?.name).toBe('Points');
  });

  it('refuses unknown types and non-administrators', async () => {
    expect((await failure(site.client.issueFields.createCustomField({ name: 'X', type: `${T}hologram` }))).data.errors).toEqual({ type: `The custom field type '${T}hologram' is not valid.` });
    expect((await failure(site.as('Priya Shah').issueFields.createCustomField({ name: 'X', type: `${T}textfield` }))).status).toBe(403);
  });

  it('values are checked by type, stored, rendered and recorded in the changelog', async () => {
    const points = await field('Points', 'float');
    const due = await field('Ship date', 'datepicker');
    const owner = await field('Owner', 'userpicker');
    const notes = await field('Notes', 'textarea');
    const bad = await failure(newIssue({ [points.id!]: 'many', [due.id!]: '12/01/2024', [owner.id!]: { accountId: 'ghost' }, [notes.id!]: 'plain text' }));
    expect(bad).toEqual({ status: 400, data: { errorMessages: [], errors: {
      [points.id!]: 'Operation value must be a number',
      [due.id!]: 'Error parsing date string: 12/01/2024',
      [owner.id!]: 'Specify a valid value for Owner',
      [notes.id!]: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
    } } });
    const priya = site.creds.users.find((u) => u.displayName === 'Priya Shah')!;
    const { key } = await newIssue({ [points.id!]: 3, [due.id!]: '2024-12-01', [owner.id!]: { accountId: priya.accountId }, [notes.id!]: adf('Remember the docs') });
    const issue = await site.client.issues.getIssue({ issueIdOrKey: key!, expand: 'names,schema' });
    expect(issue.fields[points.id!]).toBe(3);
    expect(issue.fields[due.id!]).toBe('2024-12-01');
    expect(issue.fields[owner.id!].accountId).toBe(priya.accountId);
    expect(issue.fields[notes.id!]).toEqual(adf('Remember the docs'));
    expect((issue.names as Record<string, string>)[points.id!]).toBe('Points');
    expect((issue.schema as Record<string, unknown>)[due.id!]).toEqual(due.schema);
    await site.client.issues.editIssue({ issueIdOrKey: key!, fields: { [points.id!]: 5, [owner.id!]: null } });
    const log = await site.client.issues.getChangeLogs({ issueIdOrKey: key! });
    const items = log.values!.flatMap((g) => g.items ?? []).filter((i) => i.fieldtype === 'custom');
    expect(items.map((i) => [i.field, i.fromString, i.toString])).toEqual([['Points', '3', '5'], ['Owner', 'Priya Shah', null]]);
  });

  it('select fields take options from their global context; v2 reads and writes textareas as wiki strings', async () => {
    const team = await field('Team', 'select');
    const notes = await field('Notes', 'textarea');
    const { values: contexts } = await site.client.issueCustomFieldContexts.getContextsForField({ fieldId: team.id! });
    expect(contexts?.[0]).toMatchObject({ isGlobalContext: true, isAnyIssueType: true });
    // jira.js types this answer as void; Jira returns the created options.
    const { options } = (await site.client.issueCustomFieldOptions.createCustomFieldOption({ fieldId: team.id!, contextId: contexts![0].id as unknown as number, options: [{ value: 'Core' }, { value: 'Growth' }] })) as unknown as { options: Array<{ id: string; value: string }> };
    expect(options?.map((o) => o.value)).toEqual(['Core', 'Growth']);
    expect((await failure(newIssue({ [team.id!]: { value: 'Nope' } }))).data.errors).toEqual({ [team.id!]: "Option value 'Nope' is not valid" });
    const { key } = await newIssue({ [team.id!]: { value: 'Growth' } });
    const got = await site.client.issues.getIssue({ issueIdOrKey: key!, fields: [team.id!] });
    expect(got.fields[team.id!]).toEqual({ self: `${site.host}/rest/api/3/customFieldOption/${options![1].id}`, value: 'Growth', id: options![1].id });
    await site.v2.issues.editIssue({ issueIdOrKey: key!, fields: { [notes.id!]: 'Ask *Core*' } });
    expect((await site.client.issues.getIssue({ issueIdOrKey: key!, fields: [notes.id!] })).fields[notes.id!].content[0].content[1]).toEqual({ type: 'text', text: 'Core', marks: [{ type: 'strong' }] });
    expect((await site.v2.issues.getIssue({ issueIdOrKey: key!, fields: [notes.id!] })).fields[notes.id!]).toBe('Ask *Core*');
  });

  it('trash hides a field and keeps its values until restored; delete runs as a finished task and drops the values', async () => {
    const points = await field('Points', 'float');
    const { key } = await newIssue({ [points.id!]: 13 });
    // jira.js posts trash and restore without a body, which axios labels form-encoded: Jira's XSRF check wants the no-check token.
    expect((await failure(site.client.issueFields.trashCustomField({ id: points.id! }))).status).toBe(403);
    const noCheck = new Version3Client({ host: site.host, noCheckAtlassianToken: true, authentication: { basic: { email: site.creds.email, apiToken: site.creds.apiToken } } });
    await noCheck.issueFields.trashCustomField({ id: points.id! });
    expect((await site.client.issueFields.getFields()).some((f) => f.id === points.id)).toBe(false);
    expect(points.id! in (await site.client.issues.getIssue({ issueIdOrKey: key! })).fields).toBe(false);
    expect((await failure(site.client.issues.editIssue({ issueIdOrKey: key!, fields: { [points.id!]: 1 } as any }))).data.errors).toEqual({ [points.id!]: `Field '${points.id}' cannot be set. It is not on the appropriate screen, or unknown.` });
    const trashed = await site.client.issueFields.getTrashedFieldsPaginated({});
    expect(trashed.values?.map((f) => f.id)).toEqual([points.id]);
    await noCheck.issueFields.restoreCustomField({ id: points.id! });
    expect((await site.client.issues.getIssue({ issueIdOrKey: key!, fields: [points.id!] })).fields[points.id!]).toBe(13);
    const task = (await site.client.issueFields.deleteCustomField({ id: points.id! })) as unknown as { status: string; self: string };
    expect(task.status).toBe('COMPLETE');
    expect(task.self).toMatch(new RegExp(`^${site.host}/rest/api/3/task/\\d+$`));
    expect((await failure(noCheck.issueFields.trashCustomField({ id: points.id! }))).status).toBe(404);
    expect(points.id! in (await site.client.issues.getIssue({ issueIdOrKey: key! })).fields).toBe(false);
  });

  it('JQL: cf[id] and field names, by type (number comparisons, options, text, empty)', async () => {
    const points = await field('Story Points', 'float');
    const team = await field('Team', 'select');
    const summaryNote = await field('Note', 'textfield');
    const ctx = (await site.client.issueCustomFieldContexts.getContextsForField({ fieldId: team.id! })).values![0];
    await site.client.issueCustomFieldOptions.createCustomFieldOption({ fieldId: team.id!, contextId: ctx.id as unknown as number, options: [{ value: 'Core' }] });
    const n = points.id!.replace('customfield_', '');
    const a = await newIssue({ [points.id!]: 8, [team.id!]: { value: 'Core' }, [summaryNote.id!]: 'flaky tests again' });
    const b = await newIssue({ [points.id!]: 2 });
    const c = await newIssue({});
    expect(await keys(`cf[${n}] > 3`)).toEqual([a.key]);
    expect(await keys(`"Story Points" <= 2`)).toEqual([b.key]);
    expect(await keys(`project = ENG AND "Story Points" is EMPTY AND key >= ${a.key}`)).toEqual([c.key]);
    expect(await keys('Team = Core')).toEqual([a.key]);
    expect(await keys('Note ~ flaky')).toEqual([a.key]);
    expect((await failure(site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'Team = Nope' }))).data.errorMessages).toEqual(["The value 'Nope' does not exist for the field 'Team'."]);
    expect((await failure(site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'Note = x' }))).data.errorMessages).toEqual(["The operator '=' is not supported by the 'Note' field."]);
  });
});
