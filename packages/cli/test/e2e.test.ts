import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureWorkspace } from './helpers.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'paved.js');

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

/** `paved run` as a user types it, in its own process. */
function paved(args: string[], cwd: string): Promise<Exit> {
  return new Promise((resolve) => {
    // A stack the developer left running with `paved stack up` stays out of these runs.
    const env = { ...process.env, PAVED_STACK_DIR: path.join(cwd, '.paved', 'no-stack') };
    execFile(process.execPath, [BIN, ...args], { cwd, env, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function serve(status: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    response.writeHead(request.url === '/up' ? status : 404, { 'content-type': 'text/plain' });
    response.end(request.url === '/up' ? 'up' : 'not here');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe('paved run end to end', () => {
  it("runs Paved's smoke-test bundle against a live service and records deployments in the emulator", async () => {
    const { server, url } = await serve(200);
    try {
      const workspace = fixtureWorkspace();
      const result = await paved(
        ['run', 'e2e', '--workspace', workspace, '--var', `SERVICE_URL=${url}`, '--repository', 'acme/shop'],
        workspace,
      );
      expect(result.stdout).toContain('✓ Run ./actions/smoke-test');
      expect(result.stdout).toContain('smoke passed=true');
      expect(result.stdout).toContain('recorded a deployment');
      expect(result.stdout).toMatch(/GitHub API http:\/\/127\.0\.0\.1:\d+ \(emulator/);
      expect(result.stdout).toMatch(/End to end succeeded in/);
      expect(result.code).toBe(0);
      const state = readFileSync(path.join(workspace, '.paved', 'github-state.json'), 'utf8');
      expect(state).toContain('"environment": "e2e"');
    } finally {
      server.close();
    }
  });

  it('fails with exit code 1 when the smoke test finds the service broken', async () => {
    const { server, url } = await serve(503);
    try {
      const workspace = fixtureWorkspace();
      const result = await paved(['run', 'e2e', '-w', workspace, '--var', `SERVICE_URL=${url}`, '--quiet'], workspace);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/✗ Run \.\/actions\/smoke-test .*exit code 1/);
      expect(result.stdout).toContain('expected 2xx, got 503');
      expect(result.stdout).toMatch(/record\s+skipped/);
    } finally {
      server.close();
    }
  });

  it('prints usage and exits 2 on a wrong command line', async () => {
    const result = await paved(['run'], process.cwd());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('paved run <workflow> [options]');
  });
});
