// googleapis compat: Chrome printer management — model catalog, printers and print servers per org unit (inherited), batches, AIP paging.
import type { Scenario } from '../types.js';
import { SDK, apis, gerr } from './common.js';

/** AIP errors from the Admin front end carry both `errors[]` and the gRPC `status`. */
const aip = (status: number, grpc: string) => gerr(status, (b) => b?.status === grpc && Array.isArray(b?.errors));

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Admin Directory: Chrome printers and print servers',
  async run(ctx, t) {
    const admin = t.track(apis(ctx).admin, 'admin');
    const { printers, printServers } = admin.customers.chrome;
    const parent = 'customers/my_customer';

    const models = await printers.listPrinterModels({ parent, filter: 'manufacturer:HP' });
    t.check(models.data.printerModels?.length && models.data.printerModels.every((m) => m.manufacturer === 'HP'), 'HP models', models.data);
    const model = models.data.printerModels![0].makeAndModel!;

    const ous = await admin.orgunits.list({ customerId: 'my_customer', type: 'all' });
    const eng = ous.data.organizationUnits!.find((o) => o.orgUnitPath === '/Engineering')!;
    const sales = ous.data.organizationUnits!.find((o) => o.orgUnitPath === '/Sales')!;
    t.check(eng.orgUnitId && sales.orgUnitId, 'org units to place printers in', ous.data);
    const engId = eng.orgUnitId!.replace(/^id:/, '');

    const created = await printers.create({ parent, requestBody: { displayName: 'Lab plotter', uri: 'ipp://10.0.9.9/ipp/print', makeAndModel: model, orgUnitId: engId } });
    t.check(/^customers\/C[^/]+\/chrome\/printers\/.+$/.test(created.data.name ?? '') && created.data.createTime, 'printer created with its resource name', created.data);
    await t.expectError(() => printers.create({ parent, requestBody: { displayName: 'Bad', uri: 'ftp://x', makeAndModel: model, orgUnitId: engId } }), aip(400, 'INVALID_ARGUMENT'), 'an unsupported uri scheme → 400');
    await t.expectError(() => printers.create({ parent, requestBody: { displayName: 'Bad', uri: 'ipp://x', makeAndModel: 'acme toaster', orgUnitId: engId } }), aip(400, 'INVALID_ARGUMENT'), 'a model outside the catalog → 400');
    const got = await printers.get({ name: created.data.name! });
    t.check(got.data.displayName === 'Lab plotter' && got.data.orgUnitId === engId, 'printers.get by name', got.data);

    // A unit sees its own printers and those of the units above it; a sibling does not see Engineering's.
    const forEng = await printers.list({ parent, orgUnitId: engId, orderBy: 'displayName' });
    t.check(forEng.data.printers?.map((p) => p.displayName).join() === 'Engineering colour,HQ floor 1 laser,Lab plotter', 'Engineering: own and inherited', forEng.data.printers?.map((p) => p.displayName));
    const forSales = await printers.list({ parent, orgUnitId: sales.orgUnitId!.replace(/^id:/, '') });
    t.check(forSales.data.printers?.map((p) => p.displayName).join() === 'HQ floor 1 laser', 'Sales: only the root printer', forSales.data.printers?.map((p) => p.displayName));
    const page1 = await printers.list({ parent, pageSize: 2, orderBy: 'displayName desc' });
    t.check(page1.data.printers?.[0]?.displayName === 'Lab plotter' && page1.data.nextPageToken, 'first page, newest name first', page1.data);

    const patched = await printers.patch({ name: created.data.name!, updateMask: 'description', requestBody: { description: 'Large format', displayName: 'ignored' } });
    t.check(patched.data.description === 'Large format' && patched.data.displayName === 'Lab plotter', 'updateMask limits the change', patched.data);
    await t.expectError(() => printers.patch({ name: created.data.name!, updateMask: 'orgUnitId', requestBody: { orgUnitId: engId } }), aip(400, 'INVALID_ARGUMENT'), 'the owning unit is fixed at creation');

    const batch = await printers.batchCreatePrinters({
      parent,
      requestBody: { requests: [{ parent, printer: { displayName: 'Annex A', uri: 'ipp://10.0.2.1', useDriverlessConfig: true, orgUnitId: engId } }, { parent, printer: { displayName: '', uri: 'ipp://10.0.2.2', useDriverlessConfig: true, orgUnitId: engId } }] },
    });
    t.check(batch.data.printers?.length === 1 && batch.data.failures?.[0]?.errorCode === 'INVALID_ARGUMENT', 'one created, one failure', batch.data);
    const annex = batch.data.printers![0];
    const removed = await printers.batchDeletePrinters({ parent, requestBody: { printerIds: [annex.id!, 'missing'] } });
    t.check(removed.data.printerIds?.join() === annex.id && removed.data.failedPrinters?.[0]?.errorCode === 'NOT_FOUND', 'one deleted, one not found', removed.data);
    await printers.delete({ name: created.data.name! });
    await t.expectError(() => printers.get({ name: created.data.name! }), aip(404, 'NOT_FOUND'), 'deleted printer → 404', { effect: true });

    const server = await printServers.create({ parent, requestBody: { displayName: 'CUPS HQ', uri: 'ipps://cups.example.com:631', orgUnitId: engId } });
    t.check(/\/chrome\/printServers\//.test(server.data.name ?? ''), 'print server created', server.data);
    const sget = await printServers.get({ name: server.data.name! });
    t.check(sget.data.uri === 'ipps://cups.example.com:631', 'printServers.get', sget.data);
    const spatched = await printServers.patch({ name: server.data.name!, requestBody: { description: 'Main CUPS' } });
    t.check(spatched.data.description === 'Main CUPS' && spatched.data.displayName === 'CUPS HQ', 'printServers.patch', spatched.data);
    const servers = await printServers.list({ parent });
    t.check(servers.data.printServers?.map((s) => s.id).join() === server.data.id, 'one print server; printers are not print servers', servers.data);
    await t.expectError(() => printServers.get({ name: server.data.name!.replace('printServers', 'printers') }), aip(404, 'NOT_FOUND'), 'a print server is no printer');
    const sbatch = await printServers.batchCreatePrintServers({ parent, requestBody: { requests: [{ parent, printServer: { displayName: 'CUPS Annex', uri: 'ipp://cups-annex.example.com', orgUnitId: engId } }] } });
    t.check(sbatch.data.printServers?.length === 1 && !sbatch.data.failures, 'batch-created print server', sbatch.data);
    const sdel = await printServers.batchDeletePrintServers({ parent, requestBody: { printServerIds: [sbatch.data.printServers![0].id!] } });
    t.check(sdel.data.printServerIds?.length === 1 && !sdel.data.failedPrintServers, 'batch-deleted print server', sdel.data);
    await printServers.delete({ name: server.data.name! });
    t.checkEffect(!(await printServers.list({ parent })).data.printServers, 'no print servers left');
  },
};

export default scenario;
