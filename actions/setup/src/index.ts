import { run } from '@paved/core/action';
import { main, post } from './main.js';

await run(main, post);
