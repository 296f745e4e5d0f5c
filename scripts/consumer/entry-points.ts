// Every entry point, with its types, as a strict TypeScript consumer imports them.
import { createVendorTwin, listen, VENDORS, type Vendor, type VendorCredentials, MissingPeerError } from 'digital-twin-universe';
import { setupTwins, createTwinHandlers, type InProcessTwins } from 'digital-twin-universe/msw';
import { installRedirect, targetsFromEnv, type RedirectTargets } from 'digital-twin-universe/register';
import { startTwins, connectTwins, twinsGlobalSetup, dtuMatchers, received, type RunningTwins, type ReceivedQuery } from 'digital-twin-universe/vitest';
import type { DtuContainer, StartedDtuContainer } from 'digital-twin-universe/testcontainers';
import { createMcpServer, Universe } from 'digital-twin-universe/mcp';

const vendor: Vendor = VENDORS[0];
const q: ReceivedQuery = { vendor: 'slack', method: 'chat.postMessage', body: { text: 'x' } };
const targets: RedirectTargets = targetsFromEnv({ DTU_URL: 'http://127.0.0.1:7010' });
type Okta = VendorCredentials['okta']['orgUrl'];
type Running = RunningTwins<readonly ['slack']>['credentials']['slack']['botToken'];
type InProc = InProcessTwins<readonly ['google']>['credentials']['google']['serviceAccount']['private_key'];
type Started = ReturnType<StartedDtuContainer['getBaseUrl']>;
type Container = ReturnType<DtuContainer['withTwins']>;
export const used = [createMcpServer, Universe, createVendorTwin, listen, vendor, MissingPeerError, setupTwins, createTwinHandlers, installRedirect, targets, startTwins, connectTwins, twinsGlobalSetup, dtuMatchers, received, q];
export type Used = [Okta, Running, InProc, Started, Container];
