import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runProgram } from '../process/run-program.js';

/**
 * overlay2 when the file system under `dir` can hold an overlay mount (ext4 and xfs can; some
 * container file systems cannot), vfs otherwise. Found by mounting a small overlay and removing it.
 */
export async function chooseStorageDriver(dir: string): Promise<'overlay2' | 'vfs'> {
  const probe = join(dir, 'overlay-probe');
  const [lower, upper, work, merged] = ['l', 'u', 'w', 'm'].map((part) => join(probe, part)) as [
    string,
    string,
    string,
    string,
  ];
  try {
    await Promise.all([lower, upper, work, merged].map((path) => mkdir(path, { recursive: true })));
    const mounted = await runProgram(
      'mount',
      ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lower},upperdir=${upper},workdir=${work}`, merged],
      { allowFailure: true, timeoutMs: 10_000 },
    );
    if (mounted.code !== 0) return 'vfs';
    await runProgram('umount', [merged], { allowFailure: true, timeoutMs: 10_000 });
    return 'overlay2';
  } finally {
    await rm(probe, { recursive: true, force: true });
  }
}
