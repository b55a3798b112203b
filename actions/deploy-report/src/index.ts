import { run } from '@paved/core/action';
import { main } from './main.js';

await run(main);
