/** Loads an optional peer dependency, failing with a message that names the package to install. */

/** Peers and the ranges the package is tested with (kept in step with package.json `peerDependencies`). */
export const PEER_RANGES: Record<string, string> = {
  msw: '>=2.0.0',
  testcontainers: '>=10.0.0',
  vitest: '>=1.0.0',
  '@modelcontextprotocol/sdk': '>=1.32.0',
  zod: '>=3.25.0',
};

export class MissingPeerError extends Error {
  constructor(
    readonly peer: string,
    readonly entry: string,
  ) {
    super(`${entry} needs the optional peer dependency "${peer}"${PEER_RANGES[peer] ? ` (${PEER_RANGES[peer]})` : ''}, which is not installed: npm install --save-dev ${peer}`);
    this.name = 'MissingPeerError';
  }
}

/** True when an import failed because `name` itself (not something it imports) could not be resolved. */
export function isMissingModule(e: unknown, name: string): boolean {
  const err = e as { code?: string; message?: string };
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' && err?.code !== 'MODULE_NOT_FOUND') return false;
  return new RegExp(`['"]${name.replace(/[/.]/g, '\\$&')}(/[^'"]*)?['"]`).test(err.message ?? '');
}

/** `await importPeer('msw', 'digital-twin-universe/msw', () => import('msw'))` */
export async function importPeer<T>(peer: string, entry: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (isMissingModule(e, peer)) throw new MissingPeerError(peer, entry);
    throw e;
  }
}
