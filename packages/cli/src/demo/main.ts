// Entry point of `npm run demo` (scripts/demo.mjs runs it with tsx).
import { runDemo } from './demo.js';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // The running workflow is cancelled and runDemo stops the stack on its way out.
    process.stderr.write(`\n${signal}: stopping the demo…\n`);
    controller.abort();
  });
}

const result = await runDemo({ signal: controller.signal });
process.exit(controller.signal.aborted ? 130 : result.ok ? 0 : 1);
