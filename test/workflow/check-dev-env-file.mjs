// node test/workflow/check-dev-env-file.mjs <file>: the e2e workflow's check of a .env file the action wrote
// from the dev server's seed (dev-server/seed.js, spelled out here): every value byte for byte as the dotenv
// package reads it, and nothing else in the file. Prints one error line per difference and exits 1.
import { readFileSync } from 'node:fs';
import dotenv from 'dotenv';

const TLS_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+LQmlQ',
  'Yx2eqzDV+xeG+kvtLL7e8yKDw1kqz3TKMXmHBO+1Gm7w3GqEJ3KLjXdXcX4ypZ+x',
  '-----END PRIVATE KEY-----',
].join('\n');

const EXPECTED = {
  FOO: 'BAR',
  DATABASE_URL: 'postgres://app:dev-db-password-41@db:5432/app',
  TLS_KEY,
  API_TOKEN: 'api-token-dev-7f3a9c',
  SENTRY_DSN: 'https://public-key-5e1d@sentry.example/42',
};

const file = process.argv[2] ?? '';
const parsed = dotenv.parse(readFileSync(file, 'utf8'));
const names = new Set([...Object.keys(EXPECTED), ...Object.keys(parsed)]);
const wrong = [...names].filter((name) => parsed[name] !== EXPECTED[name]);
for (const name of wrong) console.log(`::error::${name} in ${file} is not the expected value`);
if (wrong.length > 0) process.exit(1);
console.log(`every value in ${file} is byte for byte the seed's`);
