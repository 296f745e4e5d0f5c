// jira.js compat: an admin builds a workflow with the bulk API (validated first), gives a transition properties, updates it with history, maps it through a scheme, and issues follow it; statuses and workflows report where they are used.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

const FLOW = 'Review flow';

export const scenarios: Scenario[] = overBothClients(
  { name: 'workflows: validate, create, properties, update with history, usages, and issues that follow them' },
  async (jira, ctx, t) => {
    // jira.js 5.4.0 leaves several of these answers untyped or typed as void.
    const wfs = jira.workflows as unknown as Record<string, (p?: any) => Promise<any>>;
    const props = jira.workflowTransitionProperties as unknown as Record<string, (p?: any) => Promise<any>>;
    const status = jira.status as unknown as Record<string, (p?: any) => Promise<any>>;
    const task = (await jira.issueTypes.getIssueAllTypes()).find((x) => x.name === 'Task')!.id!;

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-status/#api-rest-api-3-statuses-post
    const [review] = await jira.status.createStatuses({ scope: { type: 'GLOBAL' }, statuses: [{ name: 'In Review', statusCategory: 'IN_PROGRESS', description: 'Waiting for a reviewer' }] });
    t.check(review.name === 'In Review' && review.statusCategory === 'IN_PROGRESS' && /^\d+$/.test(review.id ?? ''), 'createStatuses answers the status', review);

    const statuses = [
      { statusReference: 'todo', id: '10000', name: 'To Do', statusCategory: 'TODO' },
      { statusReference: 'review', id: review.id, name: 'In Review', statusCategory: 'IN_PROGRESS' },
      { statusReference: 'done', id: '10001', name: 'Done', statusCategory: 'DONE' },
    ];
    const transitions = [
      { id: '1', name: 'Create', type: 'INITIAL', toStatusReference: 'todo', links: [] },
      { id: '11', name: 'Submit', type: 'DIRECTED', toStatusReference: 'review', links: [{ fromStatusReference: 'todo' }], properties: { 'opsbar-sequence': '10' } },
      {
        id: '21', name: 'Approve', type: 'DIRECTED', toStatusReference: 'done', links: [{ fromStatusReference: 'review' }],
        conditions: { operation: 'ALL', conditions: [{ ruleKey: 'system:check-permission', parameters: { permissionKey: 'ADMINISTER_PROJECTS' } }] },
        actions: [{ ruleKey: 'system:update-field', parameters: { field: 'resolution', value: '10000', mode: 'replace' } }],
      },
      { id: '31', name: 'Reopen', type: 'GLOBAL', toStatusReference: 'todo', links: [], actions: [{ ruleKey: 'system:update-field', parameters: { field: 'resolution', value: '', mode: 'replace' } }] },
    ];
    const workflow = { name: FLOW, description: 'Reviewed before done', statuses: [{ statusReference: 'todo' }, { statusReference: 'review' }, { statusReference: 'done' }], transitions };

    // Validation saves nothing and names the element at fault.
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflows-create-validation-post
    const noStart = await wfs.validateCreateWorkflows({ payload: { scope: { type: 'GLOBAL' }, statuses, workflows: [{ ...workflow, transitions: transitions.slice(1) }] }, validationOptions: { levels: ['ERROR', 'WARNING'] } });
    t.check(noStart.errors?.length === 1 && noStart.errors[0].level === 'ERROR' && noStart.errors[0].type === 'WORKFLOW' && /INITIAL/.test(noStart.errors[0].message), 'a workflow without an initial transition is an ERROR', noStart);
    const badRef = await wfs.validateCreateWorkflows({ payload: { scope: { type: 'GLOBAL' }, statuses: [...statuses, { statusReference: 'qa', name: 'Never made', statusCategory: 'IN_PROGRESS' }], workflows: [{ ...workflow, transitions: [...transitions, { id: '41', name: 'QA', type: 'GLOBAL', toStatusReference: 'nowhere', links: [] }] }] } });
    t.check(badRef.errors?.[0]?.type === 'STATUS' && badRef.errors[0].elementReference?.statusReference === 'nowhere', 'an unknown status reference is a STATUS error naming it', badRef);
    const fine = await wfs.validateCreateWorkflows({ payload: { scope: { type: 'GLOBAL' }, statuses, workflows: [workflow] } });
    t.check(Array.isArray(fine.errors) && fine.errors.length === 0, 'a sound request validates clean', fine);
    const untouched = await jira.status.search({ searchString: 'Never made' });
    t.check(untouched.total === 0, 'validation created no status', untouched);

    const made = await jira.workflows.createWorkflows({ scope: { type: 'GLOBAL' }, statuses, workflows: [workflow] } as never);
    const wf = made.workflows![0] as any;
    t.check(wf.name === FLOW && wf.transitions.map((x: any) => x.type).join() === 'INITIAL,DIRECTED,DIRECTED,GLOBAL' && wf.version?.versionNumber === 1, 'createWorkflows answers typed transitions at version 1', wf);
    await t.expectError(() => jira.workflows.createWorkflows({ scope: { type: 'GLOBAL' }, statuses, workflows: [workflow] } as never), (e) => e.status === 400, 'workflow names are unique');
    const read = await jira.workflows.readWorkflows({ workflowIds: [wf.id] });
    const submit = (read.workflows?.[0]?.transitions as any[])?.find((x) => x.id === '11');
    t.check(submit?.properties?.['opsbar-sequence'] === '10' && submit.links?.[0]?.fromStatusReference === '10000', 'readWorkflows reads transitions with properties and links', read);
    const found = await wfs.searchWorkflows({ queryString: 'Review', expand: 'values.transitions' });
    t.check(found.values?.map((x: any) => x.name).join() === FLOW && found.values[0].transitions.length === 4, 'searchWorkflows finds it by name, transitions expanded', found);
    const classic = await wfs.getWorkflowsPaginated({ workflowName: [FLOW], expand: 'transitions' });
    t.check(classic.values?.[0]?.id?.entityId === wf.id && classic.values[0].transitions?.length === 3, 'getWorkflowsPaginated: the classic bean, transitions expanded', classic);

    // The classic (deprecated) create: status ids and classic rule types. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflow-post
    const classicMade = await wfs.createWorkflow({
      name: 'Classic flow',
      description: 'Made the old way',
      statuses: [{ id: '10000' }, { id: '10001' }],
      transitions: [
        { name: 'Create', to: '10000', type: 'initial' },
        { name: 'Finish', from: ['10000'], to: '10001', type: 'directed', rules: { conditions: { type: 'PermissionCondition', configuration: { permissionKey: 'RESOLVE_ISSUES' } }, validators: [{ type: 'FieldRequiredValidator', configuration: { fieldIds: ['assignee'], errorMessage: 'Assign it first' } }], postFunctions: [{ type: 'UpdateIssueFieldFunction', configuration: { fieldId: 'resolution', fieldValue: '10000' } }] } },
      ],
    });
    t.check(classicMade.name === 'Classic flow' && typeof classicMade.entityId === 'string', 'createWorkflow answers the name and entity id', classicMade);
    const classicRead = await jira.workflows.readWorkflows({ workflowNames: ['Classic flow'] });
    const finish = (classicRead.workflows?.[0]?.transitions as any[])?.find((x) => x.name === 'Finish');
    t.check(finish?.conditions?.conditions?.[0]?.ruleKey === 'system:check-permission' && finish.validators?.[0]?.parameters?.fieldsRequired === 'assignee' && finish.actions?.[0]?.ruleKey === 'system:update-field', 'the classic rules became the rules the site enforces', finish);

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-transition-properties/
    const seq = await props.getWorkflowTransitionProperties({ transitionId: 11, workflowName: FLOW, key: 'opsbar-sequence' });
    t.check(seq?.length === 1 && seq[0].key === 'opsbar-sequence' && seq[0].value === '10', 'getWorkflowTransitionProperties reads one property (as a list)', seq);
    const note = await props.createWorkflowTransitionProperty({ transitionId: 21, workflowName: FLOW, key: 'approval.note', value: 'Needs a project admin' });
    t.check(note.key === 'approval.note' && note.value === 'Needs a project admin', 'createWorkflowTransitionProperty', note);
    await t.expectError(() => props.createWorkflowTransitionProperty({ transitionId: 21, workflowName: FLOW, key: 'approval.note', value: 'again' }), (e) => e.status === 400, 'a key exists once per transition');
    const changed = await props.updateWorkflowTransitionProperty({ transitionId: 21, workflowName: FLOW, key: 'approval.note', value: 'Project admins only' });
    t.check(changed.value === 'Project admins only', 'updateWorkflowTransitionProperty', changed);
    await props.deleteWorkflowTransitionProperty({ transitionId: 11, workflowName: FLOW, key: 'opsbar-sequence' });
    const left = await props.getWorkflowTransitionProperties({ transitionId: 11, workflowName: FLOW });
    t.checkEffect(Array.isArray(left) && left.length === 0, 'deleteWorkflowTransitionProperty removes it', left);

    // Updates name the version they change; the one replaced stays in history.
    const stale = await wfs.validateUpdateWorkflows({ payload: { statuses, workflows: [{ ...workflow, id: wf.id, version: { id: wf.version.id, versionNumber: 7 } }] } });
    t.check(stale.errors?.[0]?.level === 'ERROR' && /version/.test(stale.errors[0].message), 'validateUpdateWorkflows reports a stale version', stale);
    const updated = await jira.workflows.updateWorkflows({ statuses, workflows: [{ ...workflow, id: wf.id, description: 'Reviewed, then done', version: { id: wf.version.id, versionNumber: 1 } }] } as never);
    t.check((updated.workflows?.[0] as any)?.version?.versionNumber === 2 && updated.workflows?.[0]?.description === 'Reviewed, then done', 'updateWorkflows bumps the version', updated);
    const history = await wfs.listWorkflowHistory({ workflowId: wf.id });
    t.check(history.entries?.map((e: any) => e.workflowVersion).join() === '1,2' && history.entries.every((e: any) => e.workflowId === wf.id), 'listWorkflowHistory lists both versions', history);
    const first = await wfs.readWorkflowFromHistory({ workflowId: wf.id, version: 1 });
    t.check(first.workflows?.[0]?.description === 'Reviewed before done' && first.statuses?.some((s: any) => s.id === review.id), 'readWorkflowFromHistory reads version 1 as it was', first);

    const caps = await wfs.workflowCapabilities({ workflowId: wf.id });
    const keys = (caps.systemRules ?? []).map((r: any) => r.ruleKey);
    t.check(keys.includes('system:check-permission') && keys.includes('system:update-field') && caps.editorScope === 'GLOBAL', 'workflowCapabilities lists the rules this workflow uses', caps);
    const editor = await wfs.getDefaultEditor();
    t.check(editor.value === 'NEW', 'getDefaultEditor', editor);

    // A scheme maps Task to the workflow; the project then uses it.
    const scheme = await jira.workflowSchemes.createWorkflowScheme({ name: 'Reviewed tasks', defaultWorkflow: 'Software Simplified Workflow', issueTypeMappings: { [task]: FLOW } });
    const schemesUsing = await wfs.getWorkflowSchemeUsagesForWorkflow({ workflowId: wf.id });
    t.check(schemesUsing.workflowSchemes?.values?.map((s: any) => s.id).join() === String(scheme.id), 'getWorkflowSchemeUsagesForWorkflow names the scheme', schemesUsing);
    const me = await jira.myself.getCurrentUser();
    const project = await jira.projects.createProject({ key: 'REVU', name: 'Reviews', projectTypeKey: 'software', leadAccountId: me.accountId! });
    await jira.workflowSchemeProjectAssociations.assignSchemeToProject({ projectId: String(project.id), workflowSchemeId: String(scheme.id) });
    const projectsUsing = await wfs.getProjectUsagesForWorkflow({ workflowId: wf.id });
    t.checkEffect(projectsUsing.projects?.values?.map((p: any) => p.id).join() === String(project.id), 'getProjectUsagesForWorkflow: the project now uses it', projectsUsing);
    const typesUsing = await wfs.getWorkflowProjectIssueTypeUsages({ workflowId: wf.id, projectId: Number(project.id) });
    t.check(typesUsing.issueTypes?.values?.map((x: any) => x.id).join() === task, 'getWorkflowProjectIssueTypeUsages: only Task follows it', typesUsing);
    const statusProjects = await status.getProjectUsagesForStatus({ statusId: review.id });
    t.check(statusProjects.statusId === review.id && statusProjects.projects?.values?.map((p: any) => p.id).join() === String(project.id), 'getProjectUsagesForStatus', statusProjects);
    const statusTypes = await status.getProjectIssueTypeUsagesForStatus({ statusId: review.id, projectId: String(project.id) });
    t.check(statusTypes.issueTypes?.values?.map((x: any) => x.id).join() === task, 'getProjectIssueTypeUsagesForStatus', statusTypes);
    const statusWorkflows = await status.getWorkflowUsagesForStatus({ statusId: review.id });
    t.check(statusWorkflows.workflows?.values?.map((x: any) => x.id).join() === wf.id, 'getWorkflowUsagesForStatus', statusWorkflows);

    const preview = await wfs.readWorkflowPreviews({ projectId: String(project.id), issueTypeIds: [task] });
    t.check(preview.workflows?.map((w: any) => w.name).join() === FLOW && preview.workflows[0].queryContext?.[0]?.issueTypes?.join() === task && preview.statuses?.some((s: any) => s.id === review.id), 'readWorkflowPreviews: what Task follows in the project', preview);
    // Issues follow it: Submit, then Approve (admins only) resolves through its post function.
    const issue = await jira.issues.createIssue({ fields: { project: { key: 'REVU' }, summary: 'Check the numbers', issuetype: { id: task } } });
    const offered = await jira.issues.getTransitions({ issueIdOrKey: issue.key! });
    t.check(offered.transitions?.map((x) => x.name).join() === 'Submit', 'from To Do only Submit is offered', offered);
    await jira.issues.doTransition({ issueIdOrKey: issue.key!, transition: { id: '11' } });
    await jira.issues.doTransition({ issueIdOrKey: issue.key!, transition: { id: '21' } });
    const done = await jira.issues.getIssue({ issueIdOrKey: issue.key!, fields: ['status', 'resolution'] });
    t.checkEffect(done.fields.status?.name === 'Done' && done.fields.resolution?.name === 'Done', 'Approve moved it to Done and its post function resolved it', done.fields);

    await t.expectError(() => wfs.deleteInactiveWorkflow({ entityId: wf.id }), (e) => e.status === 400, 'an active workflow cannot be deleted');
    const spareFlow = await jira.workflows.createWorkflows({ scope: { type: 'GLOBAL' }, statuses: statuses.slice(0, 1), workflows: [{ name: 'Scratch', statuses: [{ statusReference: 'todo' }], transitions: transitions.slice(0, 1) }] } as never);
    await wfs.deleteInactiveWorkflow({ entityId: spareFlow.workflows![0].id });
    const remaining = await wfs.searchWorkflows({});
    t.checkEffect(!remaining.values?.some((x: any) => x.name === 'Scratch') && remaining.values?.some((x: any) => x.name === FLOW), 'deleteInactiveWorkflow removes an unused workflow', remaining.values?.map((x: any) => x.name));
    await t.expectError(() => jira.status.deleteStatusesById({ id: [review.id!] }), (e) => e.status === 400, 'a status a workflow uses cannot be deleted');
    await jira.status.updateStatuses({ statuses: [{ id: review.id!, name: 'Under Review', statusCategory: 'IN_PROGRESS' }] });
    const [renamed] = await jira.status.getStatusesById({ id: [review.id!] });
    t.checkEffect(renamed?.name === 'Under Review', 'updateStatuses renames; getStatusesById reads it', renamed);
    const byName = await status.getStatusesByName({ name: ['Under Review'] });
    t.check(byName?.[0]?.id === review.id, 'getStatusesByName finds it', byName);
    const legacy = await jira.workflowStatuses.getStatus({ idOrName: 'Under Review' });
    t.check(legacy.id === review.id && legacy.statusCategory?.key === 'indeterminate', 'the older status API sees the same status', legacy);

    const [spare] = await jira.status.createStatuses({ scope: { type: 'GLOBAL' }, statuses: [{ name: 'Parked', statusCategory: 'TODO' }] });
    const legacyAll = await jira.workflowStatuses.getStatuses();
    t.check(!legacyAll.some((x) => x.id === spare.id) && legacyAll.some((x) => x.id === review.id), 'the older status API lists only statuses of active workflows', legacyAll.map((x) => x.name));
    await jira.status.deleteStatusesById({ id: [spare.id!] });
    const gone = await jira.status.getStatusesById({ id: [spare.id!] });
    t.checkEffect(gone.length === 0, 'deleteStatusesById removes an unused status', gone);
  },
);
