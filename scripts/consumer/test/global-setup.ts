// One set of twins for the whole run; test files connect with connectTwins().
import { twinsGlobalSetup } from 'digital-twin-universe/vitest';

export default twinsGlobalSetup({ vendors: ['okta', 'slack', 'jira', 'google'], seed: 'consumer' });
