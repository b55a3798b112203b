import { isIdleReleasePostStep } from '@paved/core/entry';

// After a main that finished, the post step has nothing to do: it ends before the bundle loads.
if (!isIdleReleasePostStep()) await import('./start.js');
