/** The public surface: create twins in-process, start them on sockets, mount them in MSW. */
export { Twin, createTwin, type TwinDefinition, type TwinOptions, type CoverageRow } from './core/twin.js';
export { VENDORS, type Vendor, createVendorTwin, loadDefinition } from './vendors.js';
export { listen, type Listening } from './server/node.js';
export { mswHandlers } from './msw.js';
export { startTwins, type StartOptions, type Started } from './start.js';
export { Clock } from './core/clock.js';
export { Random } from './core/random.js';
export { VendorError, EngineError, TwinBug } from './core/errors.js';
export type { Handler, OpContext, Principal, Reply } from './core/handler.js';
