import path from 'node:path';
import { detectProjects } from '../../src/setup/detect.js';
import { pep440ToSemverRange } from '../../src/setup/detect-python.js';
import { installCommand, requireLockfile } from '../../src/setup/package-managers.js';
import { makeWorkspace } from '@paved/test-support/workspace';

const pkg = (fields: Record<string, unknown> = {}) => JSON.stringify({ name: 'svc', version: '1.0.0', ...fields });

describe('Node detection', () => {
  it.each([
    [{ '.nvmrc': '# pinned\nv22.11\n', '.node-version': '20' }, 'v22.11', '.nvmrc'],
    [{ '.node-version': '20.1.0\n' }, '20.1.0', '.node-version'],
    [{ '.tool-versions': 'python 3.12.1\nnodejs 24.1.0\n' }, '24.1.0', '.tool-versions'],
    [{ volta: { node: '22.3.0' }, engines: { node: '>=18' } }, '22.3.0', 'package.json volta.node'],
    [
      { devEngines: { runtime: [{ name: 'bun' }, { name: 'node', version: '^24' }] } },
      '^24',
      'package.json devEngines.runtime',
    ],
    [{ engines: { node: '>=20 <23' } }, '>=20 <23', 'package.json engines.node'],
  ])('reads the version from %j', (files, spec, source) => {
    const {
      '.nvmrc': nvmrc,
      '.node-version': nodeVersion,
      '.tool-versions': tools,
      ...fields
    } = files as Record<string, string>;
    const dir = makeWorkspace({
      'package.json': pkg(fields),
      'package-lock.json': '{}',
      ...(nvmrc ? { '.nvmrc': nvmrc } : {}),
      ...(nodeVersion ? { '.node-version': nodeVersion } : {}),
      ...(tools ? { '.tool-versions': tools } : {}),
    });
    expect(detectProjects(dir)[0]?.version).toEqual({ spec, source });
  });

  it('the input wins over every file; nothing asked for leaves the version undefined', () => {
    const dir = makeWorkspace({ 'package.json': pkg(), '.nvmrc': '20' });
    expect(detectProjects(dir, { versions: { node: '24' } })[0]?.version).toEqual({
      spec: '24',
      source: 'input node-version',
    });
    expect(detectProjects(makeWorkspace({ 'package.json': pkg() }))[0]?.version).toBeUndefined();
  });

  it.each([
    [{ 'package-lock.json': '{}' }, {}, 'npm', 'npm ci'],
    [{ 'pnpm-lock.yaml': 'lockfileVersion: 9' }, {}, 'pnpm', 'pnpm install --frozen-lockfile'],
    [{ 'yarn.lock': '__metadata:\n  version: 8\n' }, {}, 'yarn', 'yarn install --immutable'],
    [{ 'yarn.lock': '# yarn lockfile v1\n' }, {}, 'yarn-classic', 'yarn install --frozen-lockfile'],
    [{ 'pnpm-lock.yaml': '' }, { packageManager: 'pnpm@9.12.0+sha512.abc' }, 'pnpm', 'pnpm install --frozen-lockfile'],
    [{ 'yarn.lock': '' }, { packageManager: 'yarn@1.22.22' }, 'yarn-classic', 'yarn install --frozen-lockfile'],
  ])('with %j and %j uses %s: %s', (files, fields, manager, command) => {
    const detected = detectProjects(makeWorkspace({ 'package.json': pkg(fields), ...files }))[0]!;
    expect(detected.packageManager.name).toBe(manager);
    const { command: binary, args } = installCommand(detected);
    expect([binary, ...args].join(' ')).toBe(command);
    expect(detected.lockfile).toBeDefined();
  });

  it('packageManager pins the version corepack should enable', () => {
    const detected = detectProjects(
      makeWorkspace({ 'package.json': pkg({ packageManager: 'pnpm@9.12.0+sha512.abc' }) }),
    )[0]!;
    expect(detected.packageManager).toEqual({ name: 'pnpm', version: '9.12.0', source: 'packageManager' });
  });

  it('a missing lockfile is an error saying what to do', () => {
    const detected = detectProjects(makeWorkspace({ 'package.json': pkg({ dependencies: { ms: '2.1.3' } }) }))[0]!;
    expect(detected.lockfile).toBeUndefined();
    expect(() => requireLockfile(detected)).toThrow(
      /^No package-lock\.json in .+: npm ci needs one to install exactly what was tested\. To fix it, run `npm install` and commit package-lock\.json; or set install: false to skip installing\.$/,
    );
    const pnpm = detectProjects(makeWorkspace({ 'package.json': pkg({ packageManager: 'pnpm@9.1.0' }) }))[0]!;
    expect(() => requireLockfile(pnpm)).toThrow(/No pnpm-lock\.yaml .* run `pnpm install` and commit pnpm-lock\.yaml/);
  });

  it('package.json that is not JSON names the file', () => {
    const dir = makeWorkspace({ 'package.json': '{ nope' });
    expect(() => detectProjects(dir)).toThrow(`${path.join(dir, 'package.json')} is not valid JSON`);
  });

  it('the package version is the pipeline version source', () => {
    expect(detectProjects(makeWorkspace({ 'package.json': pkg({ version: '3.2.1' }) }))[0]?.packageVersion).toBe(
      '3.2.1',
    );
  });
});

describe('Python detection', () => {
  it.each([
    [{ 'uv.lock': '', 'pyproject.toml': '' }, 'uv', 'uv sync --frozen'],
    [{ 'poetry.lock': '', 'pyproject.toml': '[tool.poetry]\n' }, 'poetry', 'poetry install --no-interaction'],
    [{ 'requirements-dev.txt': '', 'requirements.txt': 'ms==1' }, 'pip', 'python3 -m pip install -r requirements.txt'],
  ])('%j → %s', (files, manager, command) => {
    const detected = detectProjects(makeWorkspace(files))[0]!;
    expect(detected.language).toBe('python');
    expect(detected.packageManager.name).toBe(manager);
    expect([installCommand(detected).command, ...installCommand(detected).args].join(' ')).toBe(command);
  });

  it('reads .python-version, then requires-python, and the [project] version', () => {
    const pyproject = '[project]\nname = "svc"\nversion = "0.3.0"\nrequires-python = ">=3.10,<3.13"\n';
    const withFile = detectProjects(
      makeWorkspace({ 'pyproject.toml': pyproject, 'uv.lock': '', '.python-version': '3.12\n' }),
    )[0]!;
    expect(withFile.version).toEqual({ spec: '3.12', source: '.python-version' });
    const fromToml = detectProjects(makeWorkspace({ 'pyproject.toml': pyproject, 'uv.lock': '' }))[0]!;
    expect(fromToml.version).toEqual({ spec: '>=3.10 <3.13', source: 'pyproject.toml requires-python' });
    expect(fromToml.packageVersion).toBe('0.3.0');
  });

  it('pyproject without a lockfile needs one before installing', () => {
    const detected = detectProjects(makeWorkspace({ 'pyproject.toml': '[project]\nname = "svc"\n' }))[0]!;
    expect(() => requireLockfile(detected)).toThrow(/No uv\.lock .* run `uv lock` and commit uv\.lock/);
  });

  it.each([
    ['~=3.11', '>=3.11 <4'],
    ['~=3.11.2', '>=3.11.2 <3.12'],
    ['==3.12.*', '3.12.x'],
    ['>= 3.9, < 3.13', '>=3.9 <3.13'],
  ])('PEP 440 %s → semver %s', (pep, range) => expect(pep440ToSemverRange(pep)).toBe(range));
});

describe('Go detection', () => {
  it('toolchain wins over the go line; a language version means its newest patch', () => {
    const withToolchain = detectProjects(
      makeWorkspace({ 'go.mod': 'module x\n\ngo 1.22\n\ntoolchain go1.23.4\n' }),
    )[0]!;
    expect(withToolchain.version).toEqual({ spec: '1.23.4', source: 'go.mod toolchain' });
    const goLine = detectProjects(makeWorkspace({ 'go.mod': 'module x\n\ngo 1.22\n' }))[0]!;
    expect(goLine.version).toEqual({ spec: '~1.22.0', source: 'go.mod go' });
    expect(goLine.hasDependencies).toBe(false);
  });

  it('a module with requirements needs go.sum', () => {
    const detected = detectProjects(
      makeWorkspace({ 'go.mod': 'module x\n\ngo 1.23.1\n\nrequire example.com/y v1.0.0\n' }),
    )[0]!;
    expect(detected.version?.spec).toBe('1.23.1');
    expect(() => requireLockfile(detected)).toThrow(/No go\.sum .* run `go mod tidy` and commit go\.sum/);
  });
});

describe('several ecosystems and the languages input', () => {
  const files = {
    'package.json': pkg(),
    'package-lock.json': '{}',
    'go.mod': 'module x\ngo 1.23\n',
    'requirements.txt': '',
  };

  it('detects every ecosystem present, in the order node, python, go', () => {
    expect(detectProjects(makeWorkspace(files)).map((p) => p.language)).toEqual(['node', 'python', 'go']);
  });

  it('languages picks among them, and asking for one that is absent is an error', () => {
    expect(detectProjects(makeWorkspace(files), { languages: ['go'] }).map((p) => p.language)).toEqual(['go']);
    expect(() => detectProjects(makeWorkspace({ 'package.json': pkg() }), { languages: ['python'] })).toThrow(
      /^languages lists python, but .+ has no pyproject\.toml, requirements\*\.txt, uv\.lock or poetry\.lock: set working-directory/,
    );
  });

  it('an empty folder has nothing to prepare', () => {
    expect(detectProjects(makeWorkspace({}))).toEqual([]);
  });
});
