// The demo project the dev server serves (and `npm start` exports): FOO=BAR in dev, a multi-line
// key, a nested folder, and an import from another environment.

export const DEMO = {
  clientId: 'demo-client-id',
  clientSecret: 'demo-client-secret-8c2f1e',
  workspaceId: 'demo-project',
  environment: 'dev',
  identityId: '2f0a5d4e-8c1b-4e6a-9d3f-5b7c1a2e4f60',
};

const DEMO_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+LQmlQ',
  'Yx2eqzDV+xeG+kvtLL7e8yKDw1kqz3TKMXmHBO+1Gm7w3GqEJ3KLjXdXcX4ypZ+x',
  '-----END PRIVATE KEY-----',
].join('\n');

export const SEED = {
  [DEMO.workspaceId]: {
    environments: {
      dev: {
        secrets: {
          '/': { FOO: 'BAR', DATABASE_URL: 'postgres://app:dev-db-password-41@db:5432/app', TLS_KEY: DEMO_KEY },
          '/api': { API_TOKEN: 'api-token-dev-7f3a9c' },
        },
        imports: { '/': [{ environment: 'shared', path: '/' }] },
      },
      shared: { secrets: { '/': { SENTRY_DSN: 'https://public-key-5e1d@sentry.example/42' } } },
    },
  },
};
