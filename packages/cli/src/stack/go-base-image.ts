// paved/go-base: this machine's Go toolchain (the go command, the compiler, assembler and
// linker, the standard library's sources) in a FROM scratch image, the build stage of a Go
// service's Dockerfile on engines that cannot pull golang:*. The engine has no network: modules
// come vendored (`go mod vendor`), which go build uses by itself; GOPROXY=off says so at once.
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runProgram, type DockerEngine } from '@paved/stack';
import { ensureCachedImage, place } from './cached-image.js';

// go build of a service needs only these tools; cgo is off (CGO_ENABLED=0: static binaries).
const TOOLS = ['compile', 'link', 'asm'];
const GOROOT_IN_IMAGE = '/usr/local/go';

/** The go-base image, or undefined when this machine has no Go toolchain to build it from. */
export async function ensureGoBaseImage(engine: DockerEngine): Promise<string | undefined> {
  const found = await runProgram('go', ['env', 'GOROOT', 'GOVERSION', 'GOHOSTOS', 'GOHOSTARCH'], {
    timeoutMs: 15_000,
  }).catch(() => undefined);
  if (!found || found.code !== 0) return undefined;
  const [goroot = '', goversion = '', os = '', arch = ''] = found.stdout.trim().split('\n');
  const version = goversion.replace(/^go/, '');
  return ensureCachedImage(engine, {
    image: `paved/go-base:${version}`,
    cacheName: `go-base-${version}.tar`,
    fill: async (context) => {
      const rootfs = path.join(context, 'rootfs');
      const target = (relative: string) => path.join(rootfs, GOROOT_IN_IMAGE.slice(1), relative);
      for (const file of ['bin/go', 'go.env', 'VERSION']) await place(path.join(goroot, file), target(file));
      const tools = path.join('pkg', 'tool', `${os}_${arch}`);
      for (const tool of TOOLS) await place(path.join(goroot, tools, tool), target(path.join(tools, tool)));
      await copySources(path.join(goroot, 'pkg', 'include'), target('pkg/include'));
      await copySources(path.join(goroot, 'src'), target('src'), ['cmd']);
      await mkdir(path.join(rootfs, 'tmp'), { recursive: true });
      await writeFile(
        path.join(context, 'Dockerfile'),
        [
          'FROM scratch',
          'COPY rootfs/ /',
          `ENV PATH=${GOROOT_IN_IMAGE}/bin:/usr/bin:/bin HOME=/tmp GOPATH=/tmp/go GOCACHE=/tmp/go-build GOTOOLCHAIN=local GOPROXY=off CGO_ENABLED=0`,
          `LABEL org.opencontainers.image.title="paved go base" org.opencontainers.image.version="${version}"`,
          'CMD ["go", "version"]',
          '',
        ].join('\n'),
      );
    },
  });
}

// The standard library without its tests, test data or the toolchain's own sources (src/cmd):
// a service's build compiles only what it imports.
async function copySources(from: string, to: string, skipped: string[] = []): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.name === 'testdata' || entry.name.endsWith('_test.go') || skipped.includes(entry.name)) continue;
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) await copySources(source, path.join(to, entry.name));
    else if (entry.isFile()) await copyFile(source, path.join(to, entry.name));
  }
}
