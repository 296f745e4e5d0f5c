/**
 * TLS material for `--tls` twins: a local CA and a leaf certificate for 127.0.0.1, ::1 and localhost,
 * made from the seeded random source (one seed, one CA, `tls-make.ts`) and cached on disk by seed. The
 * maker and node-forge load only when a seed's material is first made, not with every start.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsMaterial {
  /** PEM of the local CA: what clients trust (NODE_EXTRA_CA_CERTS, CURL_CA_BUNDLE). */
  caFile: string;
  ca: string;
  cert: string;
  key: string;
}

/**
 * The material for `seed`, from `<dir>/dtu-tls-<hash>/` when an earlier start made it (key generation takes
 * seconds), else made and written there. The CA's private key is never written: nothing else gets signed.
 */
export async function tlsMaterial(seed: string, dir: string = tmpdir()): Promise<TlsMaterial> {
  const folder = join(dir, `dtu-tls-${createHash('sha256').update(seed).digest('hex').slice(0, 16)}`);
  const caFile = join(folder, 'ca.pem');
  const certFile = join(folder, 'cert.pem');
  const keyFile = join(folder, 'key.pem');
  if (existsSync(caFile) && existsSync(certFile) && existsSync(keyFile)) {
    return { caFile, ca: readFileSync(caFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
  }
  const m = (await import('./tls-make.js')).makeTlsMaterial(seed);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  // Written beside, then renamed, so a twin starting at the same moment never reads half a file; ca.pem last marks it complete.
  const put = (file: string, text: string, mode: number) => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode });
    renameSync(tmp, file);
  };
  put(keyFile, m.key, 0o600);
  put(certFile, m.cert, 0o644);
  put(caFile, m.ca, 0o644);
  return { caFile, ...m };
}
