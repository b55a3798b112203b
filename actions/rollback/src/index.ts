import { run } from '@paved/core/action';
import { main } from './main.js';
import { post } from './post.js';

await run(main, post);
