/** Regenerates the committed pool of RSA primes (fixtures/keys/rsa-primes.json) that src/core/keypool.ts assembles keys from. */
import { generatePrimeSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KEY_POOL_FILE, generatePool } from '../src/core/keypool.js';
import { projectRoot } from '../src/core/paths.js';

const file = join(projectRoot(), KEY_POOL_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(generatePool(Number(process.argv[2] ?? 128), (bits) => generatePrimeSync(bits, { bigint: true })), null, 1)}\n`);
console.log(`wrote ${file}`);
