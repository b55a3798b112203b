import { run } from '@paved/core/action';
import { traced } from '@paved/core/telemetry';
import { main } from './main.js';
import { post } from './post.js';

await run(traced('deploy', main), post);
