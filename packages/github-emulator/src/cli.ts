import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startGitHubEmulator } from './emulator.js';
import type { SeedData } from './state/seed.js';

/**
 * Standalone emulator for workflow runs and local use:
 *   npx tsx packages/github-emulator/src/cli.ts --port 0 --state FILE --seed FILE
 * Prints `GITHUB_API_URL=http://127.0.0.1:PORT` on stdout and runs until SIGTERM or SIGINT.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    state: { type: 'string' },
    seed: { type: 'string' },
    login: { type: 'string' },
    'auto-create': { type: 'boolean', default: false },
    'no-strict': { type: 'boolean', default: false },
  },
});

const emulator = await startGitHubEmulator({
  port: Number(values.port),
  host: values.host,
  stateFile: values.state,
  seed: values.seed ? (JSON.parse(readFileSync(values.seed, 'utf8')) as SeedData) : undefined,
  login: values.login,
  autoCreate: values['auto-create'],
  strict: !values['no-strict'],
});
process.stdout.write(`GITHUB_API_URL=${emulator.url}\n`);
process.stderr.write(`github-emulator listening on ${emulator.url} (started in ${emulator.startupMs.toFixed(0)} ms)\n`);

const shutdown = () => {
  void emulator.stop().then(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
