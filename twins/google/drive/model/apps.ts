/** The Drive apps installed for the domain's users (from the fixture) and the apps.list filters over them. */
import type { Tenant } from '../../../../src/core/tenant.js';

export interface DriveApp {
  id: string;
  name: string;
  objectType?: string;
  shortDescription?: string;
  productUrl?: string;
  primaryMimeTypes?: string[];
  secondaryMimeTypes?: string[];
  primaryFileExtensions?: string[];
  secondaryFileExtensions?: string[];
  supportsCreate?: boolean;
  supportsImport?: boolean;
  useByDefault?: boolean;
  /** The app asked for the full Drive scope, not just drive.file. */
  hasDriveWideScope?: boolean;
}

export const appCatalog = (t: Tenant) => t.meta<DriveApp[]>('drive.appCatalog', () => []);
export const setAppCatalog = (t: Tenant, apps: DriveApp[]) => t.setMeta('drive.appCatalog', apps);

/** apps.list: with filters, an app matches a listed MIME type or extension (primary or secondary), either filter. */
export function findApps(t: Tenant, mimeTypes: string[], extensions: string[]): DriveApp[] {
  const all = appCatalog(t);
  if (!mimeTypes.length && !extensions.length) return all;
  const lower = (xs?: string[]) => (xs ?? []).map((x) => x.toLowerCase());
  return all.filter((a) => {
    const mimes = [...lower(a.primaryMimeTypes), ...lower(a.secondaryMimeTypes)];
    const exts = [...lower(a.primaryFileExtensions), ...lower(a.secondaryFileExtensions)];
    return mimeTypes.some((m) => mimes.includes(m.toLowerCase())) || extensions.some((e) => exts.includes(e.toLowerCase().replace(/^\./, '')));
  });
}
