/** Errors the CLI reports as one line: bad usage (exit 2) and failures the user can fix (exit 1). */
export class UsageError extends Error {}
export class CliError extends Error {}
