#!/usr/bin/env node
// The CLI is TypeScript run in place: tsx (installed at the repository root) compiles it on
// load, so there is no build step between editing the runner and using it.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
