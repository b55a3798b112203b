import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runProgram } from '../process/run-program.js';

/**
 * Turns OpenMetrics text into TSDB blocks with promtool and moves them into `tsdbPath`.
 * Prometheus only discovers blocks it did not write at start-up (or at a compaction up to a
 * minute later), so callers do this before starting it, or restart it afterwards.
 */
export async function writeHistoryBlocks(openMetrics: string, workDir: string, tsdbPath: string): Promise<string[]> {
  if (!openMetrics.trimEnd().endsWith('# EOF')) {
    throw new Error('OpenMetrics history must end with a "# EOF" line (toOpenMetrics() adds it).');
  }
  const scratch = await mkdtemp(join(workDir, 'backfill-'));
  try {
    const input = join(scratch, 'history.om');
    const output = join(scratch, 'blocks');
    await writeFile(input, openMetrics);
    await runProgram('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', input, output], { timeoutMs: 60_000 });
    const blocks = (await readdir(output, { withFileTypes: true })).filter((entry) => entry.isDirectory());
    for (const block of blocks) await rename(join(output, block.name), join(tsdbPath, block.name));
    return blocks.map((block) => block.name);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
