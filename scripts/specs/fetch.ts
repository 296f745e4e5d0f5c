// Fetches vendor documents from pinned npm tarballs into .cache/specs, extracting only the files we read.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceSpec } from './sources.js';

/**
 * Returns the local path of each source's file, downloading and extracting on first use.
 * The tarball is kept so other files can be extracted later without a download;
 * extracted files are kept so a second run needs neither network nor tar. Files of
 * one package are extracted in a single tar pass (the directory tarball is 45 MB).
 */
export function fetchSources(root: string, sources: SourceSpec[]): string[] {
  const cacheDir = join(root, '.cache', 'specs');
  const targets = sources.map((source) => join(extractDirOf(cacheDir, source), 'package', source.file));
  const missing = sources.filter((_, i) => !existsSync(targets[i]!));
  const byPackage = new Map<string, SourceSpec[]>();
  for (const source of missing) {
    const key = `${source.package}@${source.version}`;
    byPackage.set(key, [...(byPackage.get(key) ?? []), source]);
  }
  for (const group of byPackage.values()) extract(cacheDir, group);
  return targets;
}

export function fetchSource(root: string, source: SourceSpec): string {
  return fetchSources(root, [source])[0]!;
}

function extractDirOf(cacheDir: string, source: SourceSpec): string {
  return join(cacheDir, `${source.package.replace('/', '__')}@${source.version}`);
}

/** Sources of one package version: npm pack (if needed), then one tar pass for all their files. */
function extract(cacheDir: string, sources: SourceSpec[]): void {
  const first = sources[0]!;
  const extractDir = extractDirOf(cacheDir, first);
  mkdirSync(extractDir, { recursive: true });
  const tarball = join(cacheDir, tarballName(first));
  if (!existsSync(tarball)) {
    console.log(`specs: npm pack ${first.package}@${first.version} (one-off download)`);
    execFileSync('npm', ['pack', `${first.package}@${first.version}`, '--pack-destination', cacheDir, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (!existsSync(tarball)) {
      throw new Error(`specs: npm pack did not produce ${tarball} (found: ${readdirSync(cacheDir).join(', ')})`);
    }
  }
  const files = sources.map((s) => `package/${s.file}`);
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', extractDir, ...files], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch {
    const hints = sources.flatMap((s) => nearMatches(tarball, s.file));
    throw new Error(`specs: not all of ${files.join(', ')} are in ${tarball}; near matches:\n${hints.join('\n')}`);
  }
}

/** npm names scoped tarballs `okta-openapi-2.15.0.tgz`. */
function tarballName(source: SourceSpec): string {
  return `${source.package.replace(/^@/, '').replace('/', '-')}-${source.version}.tgz`;
}

/** Entries sharing the wanted file's base name, to make a moved file quick to fix in sources.ts. */
function nearMatches(tarball: string, file: string): string[] {
  const base = file.split('/').pop() ?? file;
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return listing
    .split('\n')
    .filter((entry) => entry.endsWith(base))
    .slice(0, 20);
}
