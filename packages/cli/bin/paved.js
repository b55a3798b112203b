#!/usr/bin/env node
// The CLI is TypeScript run in place: tsx (a dependency of this package) compiles it on load,
// so there is no build step between editing the runner and using it. Its compile cache would
// be a folder left in the temporary directory by every user of the command: it is off.
process.env.TSX_DISABLE_CACHE = '1';
const { register } = await import('tsx/esm/api');

register();
await import('../src/main.ts');
