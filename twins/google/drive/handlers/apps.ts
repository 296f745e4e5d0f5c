/** Drive v3 apps.list and apps.get over the installed-apps catalog. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { appCatalog, findApps, type DriveApp } from '../model/apps.js';
import { pick, str } from '../../request.js';
import { driveCaller } from './caller.js';

function presentApp(a: DriveApp): Record<string, unknown> {
  return {
    kind: 'drive#app',
    id: a.id,
    name: a.name,
    objectType: a.objectType ?? '',
    shortDescription: a.shortDescription ?? '',
    longDescription: a.shortDescription ?? '',
    productUrl: a.productUrl ?? '',
    productId: a.id,
    primaryMimeTypes: a.primaryMimeTypes ?? [],
    secondaryMimeTypes: a.secondaryMimeTypes ?? [],
    primaryFileExtensions: a.primaryFileExtensions ?? [],
    secondaryFileExtensions: a.secondaryFileExtensions ?? [],
    supportsCreate: a.supportsCreate ?? false,
    supportsImport: a.supportsImport ?? false,
    supportsMultiOpen: false,
    supportsOfflineCreate: false,
    installed: true,
    authorized: true,
    hasDriveWideScope: a.hasDriveWideScope ?? false,
    useByDefault: a.useByDefault ?? false,
    openUrlTemplate: `${a.productUrl ?? `https://apps.example/${a.id}`}/open?ids={ids}`,
    icons: [],
  };
}

const list = (s: unknown) => (str(s) ?? '').split(',').map((x) => x.trim()).filter(Boolean);

function listApps(ctx: OpContext): Reply {
  if (!driveCaller(ctx).email) throw E.loginRequired('drive');
  const apps = findApps(ctx.tenant, list(ctx.query.appFilterMimeTypes), list(ctx.query.appFilterExtensions));
  const body = { kind: 'drive#appList', selfLink: 'https://www.googleapis.com/drive/v3/apps', defaultAppIds: apps.filter((a) => a.useByDefault).map((a) => a.id), items: apps.map(presentApp) };
  return { body: pick(ctx, 'drive', body, '*', 'drive.AppList') };
}

function getApp(ctx: OpContext): Reply {
  if (!driveCaller(ctx).email) throw E.loginRequired('drive');
  const app = appCatalog(ctx.tenant).find((a) => a.id === ctx.params.appId);
  if (!app) throw googleError('drive', { code: 404, message: `App not found: ${ctx.params.appId}`, reason: 'notFound', location: 'appId', locationType: 'parameter' });
  return { body: pick(ctx, 'drive', presentApp(app), '*', 'drive.App') };
}

export const driveAppHandlers = {
  'drive.apps.list': listApps,
  'drive.apps.get': getApp,
} satisfies Handlers;
