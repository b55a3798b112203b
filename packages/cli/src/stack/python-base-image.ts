// paved/python-base: the machine's CPython (binary, the libraries ldd lists, a pruned standard
// library) in a FROM scratch image, for engines that cannot pull python:*-slim. It has no pip:
// a service's requirements come vendored (see the generated Dockerfile).
import { copyFile, mkdir, readdir, realpath, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runProgram, sharedLibraries, type DockerEngine } from '@paved/stack';
import { ensureCachedImage, place } from './cached-image.js';

// Parts of the standard library no web service imports, left out to keep vfs layers small.
const SKIPPED = new Set([
  'test',
  'idlelib',
  'tkinter',
  'turtledemo',
  'lib2to3',
  'ensurepip',
  '__pycache__',
  'pydoc_data',
]);
const PYTHON = '/usr/bin/python3';

export async function ensurePythonBaseImage(engine: DockerEngine): Promise<string> {
  const version = (
    await runProgram(PYTHON, ['-c', 'import sys; print(".".join(map(str, sys.version_info[:3])))'], {
      timeoutMs: 15_000,
    })
  ).stdout.trim();
  const minor = version.split('.').slice(0, 2).join('.');
  return ensureCachedImage(engine, {
    image: `paved/python-base:${version}`,
    cacheName: `python-base-${version}.tar`,
    fill: async (context) => {
      const rootfs = path.join(context, 'rootfs');
      const binary = await realpath(PYTHON);
      await place(binary, path.join(rootfs, 'usr/bin', `python${minor}`));
      const stdlib = `/usr/lib/python${minor}`;
      const extensions: string[] = [];
      await copyTree(stdlib, path.join(rootfs, stdlib.slice(1)), extensions);
      const libraries = new Set(await sharedLibraries(binary));
      for (const extension of extensions) {
        for (const library of await sharedLibraries(extension).catch(() => [])) libraries.add(library);
      }
      for (const library of libraries) await place(library, path.join(rootfs, library.slice(1)));
      await mkdir(path.join(rootfs, 'tmp'), { recursive: true });
      await symlink(`python${minor}`, path.join(rootfs, 'usr/bin/python3'));
      await symlink('python3', path.join(rootfs, 'usr/bin/python'));
      await writeFile(
        path.join(context, 'Dockerfile'),
        [
          'FROM scratch',
          'COPY rootfs/ /',
          'ENV PATH=/usr/local/bin:/usr/bin:/bin PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1',
          `LABEL org.opencontainers.image.title="paved python base" org.opencontainers.image.version="${version}"`,
          'CMD ["python3"]',
          '',
        ].join('\n'),
      );
    },
  });
}

async function copyTree(from: string, to: string, extensions: string[]): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('config-')) continue;
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) await copyTree(source, path.join(to, entry.name), extensions);
    else if (entry.isFile() || entry.isSymbolicLink()) {
      if (entry.name.endsWith('.so')) extensions.push(source);
      await copyFile(await realpath(source), path.join(to, entry.name)).catch(() => undefined);
    }
  }
}
