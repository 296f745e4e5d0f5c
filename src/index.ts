/**
 * The public surface: create twins in-process and start them on sockets. Imports
 * nothing optional; msw, testcontainers and the test-runner helpers live in their
 * own entry points (`/msw`, `/register`, `/vitest`, `/testcontainers`).
 */
export { Twin, createTwin, type TwinDefinition, type TwinOptions, type CoverageRow } from './core/twin.js';
export { VENDORS, type Vendor, createVendorTwin, loadDefinition } from './vendors.js';
export { listen, type Listening } from './server/node.js';
export { startTwins, type StartOptions, type Started } from './start.js';
export { Clock } from './core/clock.js';
export { Random } from './core/random.js';
export { VendorError, EngineError, TwinBug } from './core/errors.js';
export type { JournalEntry } from './core/journal.js';
export type { Handler, OpContext, Principal, Reply } from './core/handler.js';
export { VENDOR_HOSTS, DEFAULT_ORIGINS, vendorOfHost } from './hosts.js';
export { fetchCredentials, type VendorCredentials, type OktaCredentials, type SlackCredentials, type JiraCredentials, type GoogleCredentials, type GoogleServiceAccountKey } from './credentials.js';
export { MissingPeerError } from './peer.js';
