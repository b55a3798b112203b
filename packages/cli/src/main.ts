import { parseCommand, USAGE, UsageError } from './args.js';
import { runReport } from './insights/report-command.js';
import { runPaved } from './run-paved.js';

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
  if (command.kind === 'report') return (await runReport(command.options)).exitCode;
  // First Ctrl-C stops the running steps and cancels what is left, as "Cancel workflow" does;
  // a second one leaves at once.
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\npaved: cancelling the run (Ctrl-C again to quit now)\n');
    controller.abort();
  });
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
