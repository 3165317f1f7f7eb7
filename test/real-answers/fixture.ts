// The data the real-infisical recipe's bootstrap creates, as fake Infisical options: two projects
// (ids as recorded), folders, secrets (values as the server stores them: trimmed on write),
// imports (dev:/ ← prod:/ then staging:/; staging:/sub ← prod:/; dev:/nested ← staging:/sub), and
// three identities: reader and probe (members of P1), outsider (no project).
import type { startFake } from '../fake-infisical.js';

export const P1 = '878311a5-4ed1-4dda-8bb8-4b68c6001d76';
export const P2 = 'd84b440a-4103-4b11-9e36-ac95740d1d35';
export const READER = { clientId: 'reader-client-id', clientSecret: 'reader-client-secret' };
export const PROBE = { clientId: 'probe-client-id', clientSecret: 'probe-client-secret' };
export const OUTSIDER = { clientId: 'outsider-client-id', clientSecret: 'outsider-client-secret' };

export const DEV_ROOT: Record<string, string> = {
  FOO: 'BAR',
  MULTI: 'line one\nline two\n\tindented line three',
  MULTI_TRAIL: 'alpha\nbeta\n',
  REF: 'pre-${FOO}-post',
  REF_PROD: '${prod.PROD_ONLY}',
  REF_NESTED: '${dev.nested.NESTED_KEY}',
  REF_MISSING: 'x-${NO_SUCH_KEY}-y',
  QUOTES: `He said "hi" & 'bye'; C:\\path\\to\\file \\n \\\\ \`tick\` $HOME %0A %25 100%`,
  UNICODE: 'héllo ✓ 日本 😀',
  EQUALS: 'a=b=c',
  SHARED: 'from-dev-own',
  DELIM: 'first\nEOF\nghadelimiter_0\n::warning::not a command',
  PADDED: 'padded value',
};

export const realOptions: NonNullable<Parameters<typeof startFake>[0]> = {
  ...READER,
  identities: [PROBE, OUTSIDER],
  projects: {
    [P1]: {
      slug: 'action-real',
      members: [READER.clientId, PROBE.clientId],
      environments: {
        dev: {
          secrets: {
            '/': DEV_ROOT,
            '/nested': { NESTED_KEY: 'nested-value', NESTED_REF: '${FOO}-in-nested' },
            '/nested/deeper': { DEEP_KEY: 'deep-value' },
          },
          imports: {
            // Listed first: the real answer put this folder's first import before the root's.
            '/nested': [{ environment: 'staging', path: '/sub' }],
            '/': [
              { environment: 'prod', path: '/' },
              { environment: 'staging', path: '/' },
            ],
          },
        },
        prod: {
          secrets: {
            '/': {
              PROD_ONLY: 'prod-only-value',
              SHARED: 'from-prod',
              COMMON: 'common-from-prod',
              PROD_REF: '${PROD_ONLY}-ref',
            },
          },
        },
        staging: {
          secrets: {
            '/': { STAGING_ONLY: 'staging-only-value', COMMON: 'common-from-staging' },
            '/sub': { SUB_KEY: 'staging-sub-value' },
          },
          imports: { '/sub': [{ environment: 'prod', path: '/' }] },
        },
      },
    },
    [P2]: {
      slug: 'action-real-shared',
      members: [],
      environments: {
        dev: { secrets: { '/': { P2_KEY: 'p2-value', COMMON: 'common-from-p2' } } },
        prod: { secrets: { '/': { P2_PROD_KEY: 'p2-prod-value', P2_KEY: 'p2-from-p2-prod' } } },
        staging: { secrets: {} },
      },
    },
  },
};
