import { copyFile, link, mkdir, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Puts a file into an image's root folder: hard-links when possible, copies otherwise; follows symlinks. */
export async function place(source: string, destination: string): Promise<void> {
  await mkdir(dirname(destination), { recursive: true });
  // The loader path (/lib64/ld-linux-…) is a symlink; the image needs the file itself.
  const real = await realpath(source);
  try {
    await link(real, destination);
  } catch {
    await copyFile(real, destination);
  }
}
