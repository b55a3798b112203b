import { run } from '@paved/core/action';
import { traced } from '@paved/core/telemetry';
import { main } from './main.js';

await run(traced('deploy-quality-gate', main));
