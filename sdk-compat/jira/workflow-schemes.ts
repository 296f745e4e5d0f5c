// jira.js compat: a workflow scheme decides which workflow each issue type follows; an active scheme changes only through its draft, and publishing the draft moves issues whose status the new workflow lacks.
import type { Scenario } from '../types.js';
import { noCheckClient, overBothClients } from './clients.js';

const SIMPLIFIED = 'Software Simplified Workflow';
const BUSINESS = 'Business Workflow';
const TWO_STEP = 'Two step';

export const scenarios: Scenario[] = overBothClients(
  { name: 'workflow schemes: mappings, drafts of an active scheme, publishing with status migration' },
  async (jira, ctx, t, api) => {
    // The bodiless createdraft POST needs the XSRF opt-out.
    const noCheckDrafts = noCheckClient(ctx, t, api).workflowSchemeDrafts as unknown as Record<string, (p: any) => Promise<any>>;
    // jira.js 5.4.0 types several of these answers loosely (void or the request bean); Jira answers the WorkflowScheme.
    const drafts = jira.workflowSchemeDrafts as unknown as Record<string, (p: any) => Promise<any>>;
    const schemes = jira.workflowSchemes as unknown as Record<string, (p: any) => Promise<any>>;
    const types = await jira.issueTypes.getIssueAllTypes();
    const id = (name: string) => types.find((x) => x.name === name)!.id!;
    const [story, task, bug, epic] = [id('Story'), id('Task'), id('Bug'), id('Epic')];

    // A workflow without "In Progress": issues in that status need somewhere to go when a scheme moves them onto it.
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflows-create-post
    const made = await jira.workflows.createWorkflows({
      scope: { type: 'GLOBAL' },
      statuses: [
        { statusReference: 'todo', id: '10000', name: 'To Do', statusCategory: 'TODO' },
        { statusReference: 'done', id: '10001', name: 'Done', statusCategory: 'DONE' },
      ],
      workflows: [{
        name: TWO_STEP,
        description: 'Open or closed',
        statuses: [{ statusReference: 'todo' }, { statusReference: 'done' }],
        transitions: [
          { id: '1', name: 'Create', type: 'INITIAL', toStatusReference: 'todo', links: [] },
          { id: '11', name: 'Close', type: 'GLOBAL', toStatusReference: 'done', links: [] },
          { id: '21', name: 'Reopen', type: 'GLOBAL', toStatusReference: 'todo', links: [] },
        ],
      }],
    } as never);
    t.check(made.workflows?.[0]?.name === TWO_STEP && made.statuses?.map((s) => s.name).sort().join() === 'Done,To Do', 'createWorkflows answers the workflow and its statuses', made);

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/
    const scheme = await jira.workflowSchemes.createWorkflowScheme({ name: 'Delivery', description: 'How delivery work flows', defaultWorkflow: SIMPLIFIED, issueTypeMappings: { [bug]: BUSINESS } });
    t.check(scheme.name === 'Delivery' && scheme.defaultWorkflow === SIMPLIFIED && (scheme.issueTypeMappings as Record<string, string> | undefined)?.[bug] === BUSINESS && scheme.draft === false, 'createWorkflowScheme answers the scheme', scheme);
    const sid = scheme.id!;
    await t.expectError(() => jira.workflowSchemes.createWorkflowScheme({ name: 'Broken', defaultWorkflow: 'No such workflow' }), (e) => e.status === 400 && !!e.response?.data?.errors?.defaultWorkflow, 'a scheme cannot name a missing workflow');

    // An inactive scheme changes in place.
    const business = await schemes.updateDefaultWorkflow({ id: sid, workflow: BUSINESS });
    t.check(business.defaultWorkflow === BUSINESS && business.draft === false, 'updateDefaultWorkflow changes an inactive scheme itself', business);
    const dflt = await jira.workflowSchemes.getDefaultWorkflow({ id: sid });
    t.check(dflt.workflow === BUSINESS, 'getDefaultWorkflow reads it back', dflt);
    const reset = await schemes.deleteDefaultWorkflow({ id: sid });
    t.check(reset.defaultWorkflow === 'jira', "deleteDefaultWorkflow falls back to Jira's system workflow", reset);
    await schemes.updateDefaultWorkflow({ id: sid, workflow: SIMPLIFIED });

    const mapped = await schemes.updateWorkflowMapping({ id: sid, workflowName: TWO_STEP, workflow: TWO_STEP, issueTypes: [task, epic] });
    t.check(mapped.issueTypeMappings?.[task] === TWO_STEP && mapped.issueTypeMappings?.[epic] === TWO_STEP, 'updateWorkflowMapping maps the listed issue types', mapped);
    const byWorkflow = await jira.workflowSchemes.getWorkflow({ id: sid, workflowName: TWO_STEP });
    t.check(byWorkflow.workflow === TWO_STEP && byWorkflow.issueTypes?.slice().sort().join() === [task, epic].sort().join() && byWorkflow.defaultMapping === false, 'getWorkflow lists its issue types', byWorkflow);
    await jira.workflowSchemes.deleteWorkflowMapping({ id: sid, workflowName: TWO_STEP });
    const fallsBack = await jira.workflowSchemes.getWorkflowSchemeIssueType({ id: sid, issueType: task });
    t.checkEffect(fallsBack.workflow === SIMPLIFIED, 'deleteWorkflowMapping sends its issue types back to the default', fallsBack);
    const set = await schemes.setWorkflowSchemeIssueType({ id: sid, issueType: epic, details: { issueType: epic, workflow: TWO_STEP } });
    t.check(set.issueTypeMappings?.[epic] === TWO_STEP, 'setWorkflowSchemeIssueType maps one issue type', set);
    const unset = await schemes.deleteWorkflowSchemeIssueType({ id: sid, issueType: epic });
    t.check(unset.issueTypeMappings?.[epic] === undefined && unset.issueTypeMappings?.[bug] === BUSINESS, 'deleteWorkflowSchemeIssueType removes only that mapping', unset);
    const renamed = await jira.workflowSchemes.updateWorkflowScheme({ id: sid, name: 'Delivery flow', description: 'Inactive, so edited in place' } as never);
    t.check(renamed.name === 'Delivery flow' && renamed.defaultWorkflow === SIMPLIFIED, 'updateWorkflowScheme renames an inactive scheme', renamed);

    // In use by a project, the scheme is active. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-scheme-project-associations/
    const me = await jira.myself.getCurrentUser();
    const project = await jira.projects.createProject({ key: 'FLOW', name: 'Flow', projectTypeKey: 'software', leadAccountId: me.accountId! });
    await jira.workflowSchemeProjectAssociations.assignSchemeToProject({ projectId: String(project.id), workflowSchemeId: String(sid) });
    const assoc = await jira.workflowSchemeProjectAssociations.getWorkflowSchemeProjectAssociations({ projectId: [Number(project.id)] });
    t.checkEffect(assoc.values?.[0]?.workflowScheme?.name === 'Delivery flow' && assoc.values[0].projectIds?.map(String).join() === String(project.id), 'assignSchemeToProject: the project uses the scheme', assoc);
    const usages = await schemes.getProjectUsagesForWorkflowScheme({ workflowSchemeId: sid });
    t.check(usages.workflowSchemeId === String(sid) && usages.projects?.values?.map((p: { id: string }) => p.id).join() === String(project.id), 'getProjectUsagesForWorkflowScheme names the project', usages);

    const issue = await jira.issues.createIssue({ fields: { project: { key: 'FLOW' }, summary: 'Half way there', issuetype: { id: story } } });
    const offered = await jira.issues.getTransitions({ issueIdOrKey: issue.key! });
    await jira.issues.doTransition({ issueIdOrKey: issue.key!, transition: { id: offered.transitions!.find((x) => x.to?.name === 'In Progress')!.id! } });
    await t.expectError(() => jira.workflowSchemes.updateWorkflowScheme({ id: sid, defaultWorkflow: TWO_STEP } as never), (e) => e.status === 400, 'an active scheme refuses direct changes');

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-scheme-drafts/
    const draft = await noCheckDrafts.createWorkflowSchemeDraftFromParent({ id: sid });
    t.check(draft.draft === true && draft.originalDefaultWorkflow === SIMPLIFIED && draft.defaultWorkflow === SIMPLIFIED && draft.lastModifiedUser?.accountId === me.accountId, 'createWorkflowSchemeDraftFromParent copies the active scheme', draft);
    await t.expectError(() => noCheckDrafts.createWorkflowSchemeDraftFromParent({ id: sid }), (e) => e.status === 400, 'one draft per scheme');
    const viaScheme = await schemes.setWorkflowSchemeIssueType({ id: sid, issueType: story, details: { issueType: story, workflow: TWO_STEP, updateDraftIfNeeded: true } });
    t.check(viaScheme.draft === true && viaScheme.issueTypeMappings?.[story] === TWO_STEP && viaScheme.originalIssueTypeMappings?.[story] === undefined, 'updateDraftIfNeeded writes an active scheme change to its draft', viaScheme);
    const live = await jira.workflowSchemes.getWorkflowSchemeIssueType({ id: sid, issueType: story });
    t.check(live.workflow === SIMPLIFIED, 'the active scheme itself is unchanged', live);
    const seen = await drafts.getWorkflowSchemeDraftIssueType({ id: sid, issueType: story });
    t.check(seen.workflow === TWO_STEP, 'getWorkflowSchemeDraftIssueType reads the draft', seen);
    const withDraft = await jira.workflowSchemes.getWorkflow({ id: sid, workflowName: TWO_STEP, returnDraftIfExists: true });
    t.check(withDraft.issueTypes?.join() === story, 'getWorkflow(returnDraftIfExists) reads the draft', withDraft);

    const dd = await drafts.updateDraftDefaultWorkflow({ id: sid, workflow: BUSINESS });
    t.check(dd.defaultWorkflow === BUSINESS && dd.originalDefaultWorkflow === SIMPLIFIED, 'updateDraftDefaultWorkflow', dd);
    const readDefault = await drafts.getDraftDefaultWorkflow({ id: sid });
    t.check(readDefault.workflow === BUSINESS, 'getDraftDefaultWorkflow reads it back', readDefault);
    const dropped = await drafts.deleteDraftDefaultWorkflow({ id: sid });
    t.check(dropped.defaultWorkflow === 'jira', 'deleteDraftDefaultWorkflow falls back to the system workflow', dropped);
    const whole = await drafts.updateWorkflowSchemeDraft({ id: sid, defaultWorkflow: SIMPLIFIED, issueTypeMappings: { [story]: TWO_STEP, [bug]: BUSINESS, [epic]: BUSINESS } });
    t.check(whole.defaultWorkflow === SIMPLIFIED && Object.keys(whole.issueTypeMappings ?? {}).length === 3, 'updateWorkflowSchemeDraft replaces the mappings', whole);
    const epicGone = await drafts.deleteWorkflowSchemeDraftIssueType({ id: sid, issueType: epic });
    t.check(epicGone.issueTypeMappings?.[epic] === undefined && epicGone.issueTypeMappings?.[bug] === BUSINESS, 'deleteWorkflowSchemeDraftIssueType', epicGone);
    const moreTwoStep = await drafts.setWorkflowSchemeDraftIssueType({ id: sid, issueType: epic, details: { issueType: epic, workflow: TWO_STEP } });
    t.check(moreTwoStep.issueTypeMappings?.[epic] === TWO_STEP, 'setWorkflowSchemeDraftIssueType', moreTwoStep);
    const businessFor = await drafts.updateDraftWorkflowMapping({ id: sid, workflowName: BUSINESS, workflow: BUSINESS, issueTypes: [bug, task] });
    t.check(businessFor.issueTypeMappings?.[task] === BUSINESS, 'updateDraftWorkflowMapping maps the listed issue types', businessFor);
    const draftMapping = await drafts.getDraftWorkflow({ id: sid, workflowName: BUSINESS });
    t.check(draftMapping.issueTypes?.slice().sort().join() === [bug, task].sort().join(), 'getDraftWorkflow lists them', draftMapping);
    await drafts.deleteDraftWorkflowMapping({ id: sid, workflowName: BUSINESS });
    const afterDelete = await drafts.getWorkflowSchemeDraft({ id: sid });
    t.checkEffect(!Object.values(afterDelete.issueTypeMappings ?? {}).includes(BUSINESS) && afterDelete.issueTypeMappings?.[story] === TWO_STEP, 'deleteDraftWorkflowMapping; getWorkflowSchemeDraft reads the draft', afterDelete);

    // Publishing: the story sits in "In Progress", which Two step lacks, so it needs a status mapping.
    await t.expectError(
      () => drafts.publishDraftWorkflowScheme({ id: sid, validateOnly: true, statusMappings: [] }),
      (e) => e.status === 400 && /status mapping/i.test(JSON.stringify(e.response?.data)),
      'publishing without the needed status mapping is refused',
    );
    const task1 = await drafts.publishDraftWorkflowScheme({ id: sid, statusMappings: [{ issueTypeId: story, statusId: '3', newStatusId: '10001' }] });
    t.check(task1?.status === 'COMPLETE' && typeof task1.id === 'string', 'publishDraftWorkflowScheme answers its finished task (303 followed)', task1);
    const moved = await jira.issues.getIssue({ issueIdOrKey: issue.key!, fields: ['status'], expand: 'changelog' });
    t.checkEffect(moved.fields.status?.name === 'Done' && moved.changelog?.histories?.[0]?.items?.some((i) => i.field === 'status' && i.toString === 'Done'), 'the issue moved by the mapping, on its history', moved.fields.status);
    const now = await jira.workflowSchemes.getWorkflowScheme({ id: sid });
    t.check((now.issueTypeMappings as Record<string, string> | undefined)?.[story] === TWO_STEP && now.draft === false, 'the draft became the scheme', now);
    const follows = await jira.issues.getTransitions({ issueIdOrKey: issue.key! });
    t.check(follows.transitions?.map((x) => x.name).join() === 'Reopen', 'the story now follows Two step', follows);
    await t.expectError(() => drafts.getWorkflowSchemeDraft({ id: sid }), (e) => e.status === 404, 'published drafts are gone', { effect: true });
    const fetched = await jira.tasks.getTask({ taskId: task1.id });
    t.check(fetched.status === 'COMPLETE' && fetched.id === task1.id, 'getTask reads the publish task', fetched);
    await t.expectError(() => noCheckClient(ctx, t, api).tasks.cancelTask({ taskId: task1.id }), (e) => e.status === 400, 'a finished task cannot be cancelled');

    // The newer scheme API names workflows by id and updates at a version, migrating issues by status mappings.
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/#api-rest-api-3-workflowscheme-read-post
    const wfIds = Object.fromEntries(((await jira.workflows.readWorkflows({ workflowNames: [SIMPLIFIED, BUSINESS, TWO_STEP] })).workflows ?? []).map((w) => [w.name, w.id]));
    const [readBack] = await schemes.readWorkflowSchemes({ workflowSchemeIds: [String(sid)] });
    const storyFlow = readBack?.workflowsForIssueTypes?.find((x: any) => x.issueTypeIds.includes(story));
    t.check(readBack?.defaultWorkflow?.id === wfIds[SIMPLIFIED] && storyFlow?.workflow?.id === wfIds[TWO_STEP] && readBack.projectIdsUsingScheme?.includes(String(project.id)) && typeof readBack.version?.versionNumber === 'number', 'readWorkflowSchemes names workflows by id', readBack);
    const task2 = await jira.issues.createIssue({ fields: { project: { key: 'FLOW' }, summary: 'Still going', issuetype: { id: task } } });
    await jira.issues.doTransition({ issueIdOrKey: task2.key!, transition: { id: '21' } });
    const needed = await schemes.updateWorkflowSchemeMappings({ id: String(sid), defaultWorkflowId: wfIds[TWO_STEP], workflowsForIssueTypes: [] });
    const pair = needed.statusMappingsByWorkflows?.find((x: any) => x.sourceWorkflowId === wfIds[SIMPLIFIED] && x.targetWorkflowId === wfIds[TWO_STEP]);
    t.check(pair?.statusIds?.join() === '3' && needed.statusesPerWorkflow?.some((x: any) => x.workflowId === wfIds[TWO_STEP] && x.initialStatusId === '10000'), 'updateWorkflowSchemeMappings: In Progress needs a mapping onto Two step', needed);
    await t.expectError(() => schemes.updateSchemes({ id: String(sid), name: 'Delivery flow', description: '', version: { id: 'x', versionNumber: 99 }, defaultWorkflowId: wfIds[TWO_STEP], workflowsForIssueTypes: [] }), (e) => e.status >= 400 && e.status < 500, 'a stale scheme version is refused');
    const updatedTask = await schemes.updateSchemes({
      id: String(sid), name: 'Delivery flow', description: 'Two steps for everything', version: readBack.version, defaultWorkflowId: wfIds[TWO_STEP],
      workflowsForIssueTypes: [{ issueTypeIds: [bug], workflowId: wfIds[BUSINESS] }],
      statusMappingsByWorkflows: [{ oldWorkflowId: wfIds[SIMPLIFIED], newWorkflowId: wfIds[TWO_STEP], statusMappings: [{ oldStatusId: '3', newStatusId: '10000' }] }],
      statusMappingsByIssueTypeOverride: [],
    });
    t.check(updatedTask?.status === 'COMPLETE', 'updateSchemes on an active scheme answers its finished task', updatedTask);
    const task2Now = await jira.issues.getIssue({ issueIdOrKey: task2.key!, fields: ['status'] });
    const schemeNow = await jira.workflowSchemes.getWorkflowScheme({ id: sid });
    t.checkEffect(task2Now.fields.status?.name === 'To Do' && schemeNow.defaultWorkflow === TWO_STEP && schemeNow.description === 'Two steps for everything', 'updateSchemes moved the task by the workflow mapping and changed the scheme', { status: task2Now.fields.status?.name, schemeNow });

    // Switching a project that has issues to another scheme. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/#api-rest-api-3-workflowscheme-project-switch-post
    const other = await jira.projects.createProject({ key: 'SWAP', name: 'Swap', projectTypeKey: 'software', leadAccountId: me.accountId! });
    const busy = await jira.issues.createIssue({ fields: { project: { key: 'SWAP' }, summary: 'Mid flight', issuetype: { id: task } } });
    await jira.issues.doTransition({ issueIdOrKey: busy.key!, transition: { id: '21' } });
    await t.expectError(() => schemes.switchWorkflowSchemeForProject({ projectId: String(other.id), targetSchemeId: String(sid), mappingsByIssueTypeOverride: [] }), (e) => e.status === 400, 'switching needs a mapping for In Progress');
    const switched = await schemes.switchWorkflowSchemeForProject({ projectId: String(other.id), targetSchemeId: String(sid), mappingsByIssueTypeOverride: [{ issueTypeId: task, statusMappings: [{ oldStatusId: '3', newStatusId: '10001' }] }] });
    t.check(switched?.status === 'COMPLETE', 'switchWorkflowSchemeForProject answers its finished task', switched);
    const busyNow = await jira.issues.getIssue({ issueIdOrKey: busy.key!, fields: ['status'] });
    t.checkEffect(busyNow.fields.status?.name === 'Done', 'the switched project\'s issue moved by the override', busyNow.fields.status);

    await noCheckDrafts.createWorkflowSchemeDraftFromParent({ id: sid });
    await drafts.deleteWorkflowSchemeDraft({ id: sid });
    await t.expectError(() => drafts.getWorkflowSchemeDraft({ id: sid }), (e) => e.status === 404, 'deleteWorkflowSchemeDraft discards it', { effect: true });
    await t.expectError(() => drafts.getWorkflowSchemeDraft({ id: 99999999 }), (e) => e.status === 404, 'an unknown scheme has no draft');

    await t.expectError(() => jira.workflowSchemes.deleteWorkflowScheme({ id: sid }), (e) => e.status === 400, 'an active scheme cannot be deleted');
    const spare = await jira.workflowSchemes.createWorkflowScheme({ name: 'Spare', defaultWorkflow: BUSINESS });
    await jira.workflowSchemes.deleteWorkflowScheme({ id: spare.id! });
    const all = await jira.workflowSchemes.getAllWorkflowSchemes({});
    t.checkEffect(all.values?.map((s) => s.name).join() === 'Delivery flow', 'deleteWorkflowScheme; getAllWorkflowSchemes lists the rest', all);
  },
);
