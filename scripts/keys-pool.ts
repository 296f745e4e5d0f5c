/** Regenerates the committed RSA key pool (fixtures/keys/rsa-2048.json) that src/core/keypool.ts serves keys from. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KEY_POOL_FILE, generatePool } from '../src/core/keypool.js';
import { projectRoot } from '../src/core/paths.js';

const file = join(projectRoot(), KEY_POOL_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(generatePool(Number(process.argv[2] ?? 32)))}\n`);
console.log(`wrote ${file}`);
