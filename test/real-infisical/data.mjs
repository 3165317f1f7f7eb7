// What bootstrap.mjs puts into a fresh Infisical, and what the action must then export from it. Plain data,
// shared by the bootstrap script and the opt-in test; the end-to-end workflow spells the same values out in shell.

/** Project `action-e2e`; each environment's folders and secrets. Values are chosen to break naive handling. */
export const SECRETS = {
  dev: {
    '/': {
      FOO: 'BAR',
      MULTI: 'line one\nline two\n\tindented line three',
      TRAILING_NEWLINE: 'alpha\nbeta\n',
      QUOTES: `He said "hi" & 'bye'; C:\\path\\to\\file $HOME %0A %25 100%`,
      UNICODE: 'héllo ✓ 日本 😀',
      REF: 'pre-${FOO}-post',
      SHARED: 'from-dev-own',
    },
    '/api': { API_TOKEN: 'api-token-real-5d2e91' },
  },
  staging: {
    '/': { SENTRY_DSN: 'https://public-key-9b7c@sentry.example/7', SHARED: 'from-staging' },
  },
};

/** dev:/ imports staging:/ (another environment of the same project). */
export const IMPORT = { into: { environment: 'dev', path: '/' }, from: { environment: 'staging', path: '/' } };

/**
 * What the action exports with environment dev, recursive, imports and reference expansion on (the defaults
 * but recursive): dev's own secrets (REF expanded), the /api folder's, and staging's through the import, where
 * dev's own SHARED wins over the imported one.
 */
export const EXPECTED = {
  FOO: 'BAR',
  MULTI: 'line one\nline two\n\tindented line three',
  TRAILING_NEWLINE: 'alpha\nbeta\n',
  QUOTES: `He said "hi" & 'bye'; C:\\path\\to\\file $HOME %0A %25 100%`,
  UNICODE: 'héllo ✓ 日本 😀',
  REF: 'pre-BAR-post',
  SHARED: 'from-dev-own',
  API_TOKEN: 'api-token-real-5d2e91',
  SENTRY_DSN: 'https://public-key-9b7c@sentry.example/7',
};
