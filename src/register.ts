/**
 * `node --import digital-twin-universe/register app.js`: every request this process
 * makes to a vendor host goes to the running twins named by `DTU_URL` or
 * `DTU_<VENDOR>_URL`, with no change to the app. A vendor host without a twin fails
 * rather than reaching the real service.
 */
import { installRedirect, targetsFromEnv } from './redirect.js';

export { installRedirect, targetsFromEnv, redirectTarget, NoTwinError, type RedirectTargets } from './redirect.js';

const targets = targetsFromEnv(process.env);
await installRedirect(targets);
if (process.env.DTU_REDIRECT_QUIET !== '1' && !Object.keys(targets).length) {
  process.stderr.write('dtu redirect: no twin configured (set DTU_URL or DTU_<VENDOR>_URL); requests to vendor hosts will fail\n');
}
