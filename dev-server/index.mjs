// npm run dev-server [-- --port N]: the demo Infisical on loopback, for curl or a local runner.
// It is the test fake (test/fake-infisical.js) seeded with the demo project; it runs until Ctrl-C.
import { startFake } from '../test/fake-infisical.js';
import { DEMO, SEED } from './seed.js';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;
const server = await startFake({
  clientId: DEMO.clientId,
  clientSecret: DEMO.clientSecret,
  projects: SEED,
  port,
});

console.log(`Infisical dev server on ${server.url}
  domain:        ${server.url}
  client-id:     ${DEMO.clientId}
  client-secret: ${DEMO.clientSecret}
  workspace-id:  ${DEMO.workspaceId}
  environment:   ${DEMO.environment}  (also: shared)

Try: curl -s -X POST ${server.url}/api/v1/auth/universal-auth/login -d clientId=${DEMO.clientId} -d clientSecret=${DEMO.clientSecret}
Stop with Ctrl-C.`);

process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
