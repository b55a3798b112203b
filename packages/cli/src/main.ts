import { parseCommand, USAGE, UsageError } from './args.js';
import path from 'node:path';
import { gitTopLevel } from './context/git.js';

// Each command loads only what it uses (tsx compiles every module it loads, at each start).

async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    process.stderr.write(`paved: ${(error as Error).message}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const here = () => gitTopLevel(process.cwd()) ?? process.cwd();
  const out = process.stdout;
  if (command.kind === 'stack-serve') {
    const { serveStack } = await import('./stack/serve.js');
    await serveStack({ dir: command.dir, environments: command.environments });
    // The supervisor lives until a signal stops it.
    return new Promise<number>(() => undefined);
  }
  if (command.kind === 'stack-load') {
    const stop = new AbortController();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
    const { stackLoad } = await import('./stack/load.js');
    return stackLoad({ ...command, out, signal: stop.signal });
  }
  if (command.kind === 'stack') {
    const workspace = path.resolve(command.workspace ?? here());
    const { stackDown, stackStatus, stackUp } = await import('./stack/commands.js');
    if (command.action === 'up')
      return stackUp({ workspace, environments: command.environments, write: command.write, out });
    if (command.action === 'down') return stackDown({ out });
    return stackStatus({ out, workspace });
  }
  if (command.kind === 'report') {
    const { runReport } = await import('./insights/report-command.js');
    return (await runReport(command.options)).exitCode;
  }
  if (command.kind === 'init') {
    const { runInit } = await import('./init/command.js');
    return runInit({ ...command.options, workspace: path.resolve(command.options.workspace ?? here()), out });
  }
  if (command.kind === 'check') {
    const { runCheck } = await import('./check/command.js');
    return runCheck({ ...command.options, workspace: path.resolve(command.options.workspace ?? here()), out });
  }
  // First Ctrl-C stops the running steps and cancels what is left, as "Cancel workflow" does;
  // a second one leaves at once.
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\npaved: cancelling the run (Ctrl-C again to quit now)\n');
    controller.abort();
  });
  const { runPaved } = await import('./run-paved.js');
  const result = await runPaved({ ...command.options, signal: controller.signal });
  return result.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `paved: ${error instanceof UsageError ? error.message : String((error as Error)?.stack ?? error)}\n`,
    );
    process.exit(2);
  },
);
