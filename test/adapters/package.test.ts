/** The package's shape: entry points with types, optional peers named by the loader, a main entry that imports nothing optional. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PEER_RANGES, importPeer, MissingPeerError } from '../../src/peer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Bare specifiers a source file reaches through its static relative imports. */
function bareImports(file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
    if (/^import type|^export type/.test(m[0])) continue;
    const spec = m[1];
    if (spec.startsWith('.')) for (const x of bareImports(resolve(dirname(file), spec.replace(/\.js$/, '.ts')), seen)) out.add(x);
    else out.add(spec);
  }
  return out;
}

describe('package.json', () => {
  it('exports compiled JS and declarations for every entry point, each from its own source', () => {
    for (const [sub, target] of Object.entries(pkg.exports as Record<string, { types: string; default: string } | string>)) {
      if (sub === './package.json') continue;
      const t = target as { types: string; default: string };
      expect(t.default, sub).toMatch(/^\.\/dist\/src\/[a-z]+\.js$/);
      expect(t.types, sub).toBe(t.default.replace(/\.js$/, '.d.ts'));
      expect(existsSync(join(root, t.default.replace('./dist/', '').replace(/\.js$/, '.ts'))), sub).toBe(true);
    }
    expect(Object.keys(pkg.exports)).toEqual(['.', './msw', './register', './vitest', './testcontainers', './mcp', './package.json']);
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ dtu: 'bin/dtu.js' });
    expect(pkg.files).toEqual(expect.arrayContaining(['dist/src/', 'dist/twins/', 'twins/*/openapi/digest.json', 'fixtures/']));
  });

  it('declares every peer optional, with the ranges the loader names', () => {
    for (const name of Object.keys(pkg.peerDependencies)) expect(pkg.peerDependenciesMeta[name], name).toEqual({ optional: true });
    for (const [name, range] of Object.entries(PEER_RANGES)) expect(pkg.peerDependencies[name], name).toBe(range);
    for (const name of Object.keys(pkg.dependencies)) expect(pkg.peerDependencies[name], name).toBeUndefined();
  });

  it('the main entry and the CLI import only dependencies, never an optional peer', () => {
    const optional = new Set(Object.keys(pkg.peerDependencies));
    for (const entry of ['src/index.ts', 'src/cli/main.ts', 'src/register.ts', 'src/vitest.ts']) {
      const bare = [...bareImports(join(root, entry))].map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]));
      for (const b of bare) {
        if (b.startsWith('node:')) continue;
        expect(optional.has(b), `${entry} imports ${b}`).toBe(false);
        expect(pkg.dependencies[b], `${entry} imports ${b}, not a dependency`).toBeDefined();
      }
    }
  });

  it('a missing peer fails with an error that names it and how to install it', async () => {
    const err = await importPeer('not-installed-peer', 'digital-twin-universe/x', () => import('not-installed-peer' as string)).catch((e) => e);
    expect(err).toBeInstanceOf(MissingPeerError);
    expect(err.message).toBe('digital-twin-universe/x needs the optional peer dependency "not-installed-peer", which is not installed: npm install --save-dev not-installed-peer');
    // A module that exists but fails inside is not reported as missing.
    await expect(importPeer('msw', 'x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
