import type { Server } from 'node:http';
import path from 'node:path';
import { temporaryDirectory } from '@paved/test-support/workspace';
import { answerJson, fakeEngine } from '@paved/test-support/servers';
import {
  containerIds,
  DockerClient,
  inspectContainers,
  inspectImage,
  inspectNetwork,
  createIdleContainer,
  forceRemoveContainer,
  removeStoppedContainer,
  stopContainer,
  type DockerConnection,
} from '../../src/docker/index.js';
import { PlatformError } from '../../src/action/errors.js';

const json = answerJson;

describe('engine reads over a unix socket', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      server.close();
    }
  });
  const engine = async (handler: Parameters<typeof fakeEngine>[0]) => {
    const started = await fakeEngine(handler);
    servers.push(started.server);
    return started;
  };

  it('asks the Engine API, never a CLI, and keeps every value one path segment or one filter', async () => {
    const { socket, asked } = await engine((req, res) => {
      if (req.url?.startsWith('/containers/json')) return json(res, 200, [{ Id: 'a'.repeat(64) }, { Id: 7 }]);
      if (req.url?.startsWith('/images/')) return json(res, 200, { Id: 'sha256:1', RepoDigests: ['r@sha256:2'] });
      return json(res, 404, { message: 'No such container' });
    });
    // A binary that does not exist: any CLI call would fail the test.
    const docker = new DockerClient({ binary: '/nonexistent/docker', env: { DOCKER_HOST: `unix://${socket}` } });
    expect(docker.engineSocket).toBe(socket);
    expect(await containerIds(docker, ['dev.paved.service=shop', 'x=a&all=0'])).toEqual(['a'.repeat(64)]);
    expect(await inspectContainers(docker, ['../../images/x', 'gone'])).toEqual([]);
    expect(await inspectImage(docker, 'registry:5000/acme/shop@sha256:' + 'b'.repeat(64))).toMatchObject({
      Id: 'sha256:1',
    });
    const filters = new URL(`http://x${asked[0]}`).searchParams.get('filters');
    expect(JSON.parse(filters!)).toEqual({ label: ['dev.paved.service=shop', 'x=a&all=0'] });
    expect(new URL(`http://x${asked[0]}`).searchParams.get('all')).toBe('1');
    expect(asked).toContain('/containers/..%2F..%2Fimages%2Fx/json');
    expect(asked.at(-1)).toBe(`/images/registry%3A5000/acme/shop%40sha256%3A${'b'.repeat(64)}/json`);
  });

  it('names Docker and the answer when the engine refuses, and refuses an answer that is not the engine', async () => {
    const { socket } = await engine((req, res) => {
      if (req.url?.startsWith('/containers/json')) return json(res, 500, { message: 'the daemon is shutting down' });
      if (req.url?.startsWith('/networks/')) return json(res, 200, { Name: 'paved-ish', Driver: 'bridge' });
      res.end('<html>not an engine</html>');
    });
    const docker = new DockerClient({ binary: '/nonexistent/docker', env: { DOCKER_HOST: `unix://${socket}` } });
    const refused = await containerIds(docker, ['a=b']).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PlatformError);
    expect((refused as Error).message).toBe(
      'The Docker engine answered 500 to GET /containers/json?all=1&filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D: the daemon is shutting down',
    );
    // The engine matches a network by ID prefix too: another name is not the network asked for.
    expect(await inspectNetwork(docker, 'paved')).toBeUndefined();
    await expect(inspectImage(docker, 'sha256:1')).rejects.toThrow(
      "The Docker engine's answer to /images/sha256%3A1/json is not JSON: check the engine's version",
    );
  });

  it("reports the connection's own error when the link under the socket is what failed", async () => {
    const socket = path.join(temporaryDirectory('paved-engine-'), 'gone.sock');
    const lost = new PlatformError('SSH', 'Lost the SSH connection to ssh://deploy@web1: connection reset');
    let diagnosed = 0;
    const connection: DockerConnection = {
      env: () => ({ DOCKER_HOST: `unix://${socket}` }),
      diagnose: async () => {
        diagnosed++;
        return lost;
      },
    };
    const docker = new DockerClient({ binary: '/nonexistent/docker', connection });
    await expect(inspectContainers(docker, ['web'])).rejects.toBe(lost);
    expect(diagnosed).toBe(1);

    const healthy: DockerConnection = { ...connection, diagnose: async () => undefined };
    const failure = await inspectContainers(new DockerClient({ connection: healthy }), ['web']).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(PlatformError);
    expect((failure as Error).message).toMatch(
      /^The Docker engine did not answer GET \/containers\/web\/json \(connect ENOENT .*\): check that dockerd runs on the host$/,
    );
  });

  it('creates, stops and removes through the API, telling a taken name and a missing image from a refusal', async () => {
    const id = 'c'.repeat(64);
    const bodies: unknown[] = [];
    let createAnswer: [number, unknown] = [201, { Id: id }];
    const { socket, asked } = await engine((req, res, body) => {
      if (body) bodies.push(JSON.parse(body));
      if (req.method === 'POST' && req.url?.startsWith('/containers/create')) return json(res, ...createAnswer);
      if (req.method === 'POST' && req.url?.endsWith('/stop?t=5')) {
        res.statusCode = req.url.includes('stopped') ? 304 : req.url.includes('busy') ? 500 : 204;
        return res.end(res.statusCode === 500 ? JSON.stringify({ message: 'cannot stop' }) : undefined);
      }
      if (req.method === 'DELETE') {
        if (req.url?.includes('gone')) return json(res, 404, { message: 'No such container' });
        if (req.url?.includes('busy')) return json(res, 409, { message: 'removal in progress' });
        if (req.url?.includes('broken')) return json(res, 500, { message: 'driver failed to remove root filesystem' });
        res.statusCode = 204;
        return res.end();
      }
      json(res, 400, { message: 'unexpected' });
    });
    const docker = new DockerClient({ binary: '/nonexistent/docker', env: { DOCKER_HOST: `unix://${socket}` } });
    const spec = {
      name: 'paved-lock-shop',
      image: 'paved/lock:1',
      command: ['x'],
      labels: { a: 'b' },
      network: 'none' as const,
    };
    expect(await createIdleContainer(docker, spec)).toEqual({ created: id });
    expect(asked[0]).toBe('/containers/create?name=paved-lock-shop');
    expect(bodies[0]).toEqual({
      Image: 'paved/lock:1',
      Cmd: ['x'],
      Labels: { a: 'b' },
      HostConfig: { NetworkMode: 'none' },
    });
    createAnswer = [409, { message: 'Conflict. The container name is already in use' }];
    expect(await createIdleContainer(docker, spec)).toEqual({ conflict: true });
    createAnswer = [404, { message: 'No such image: paved/lock:1' }];
    expect(await createIdleContainer(docker, spec)).toEqual({ noImage: true });
    createAnswer = [201, { Id: '--privileged' }];
    await expect(createIdleContainer(docker, spec)).rejects.toThrow(
      "The Docker engine's answer to /containers/create is not a created container ID",
    );
    createAnswer = [500, { message: 'disk full' }];
    await expect(createIdleContainer(docker, spec)).rejects.toThrow(
      'The Docker engine answered 500 to POST /containers/create?name=paved-lock-shop: disk full',
    );

    await stopContainer(docker, 'web', 5);
    await stopContainer(docker, 'stopped', 5);
    await expect(stopContainer(docker, 'busy', 5)).rejects.toThrow(PlatformError);
    await forceRemoveContainer(docker, 'web');
    await forceRemoveContainer(docker, 'gone');
    await expect(forceRemoveContainer(docker, 'busy')).rejects.toThrow(
      'The Docker engine answered 409 to DELETE /containers/busy?force=1: removal in progress',
    );
    // Without force: a container that runs (409) or is gone (404) stays for a later prune.
    expect(await removeStoppedContainer(docker, 'old')).toBe(true);
    expect(await removeStoppedContainer(docker, 'busy')).toBe(false);
    expect(await removeStoppedContainer(docker, 'gone')).toBe(false);
    await expect(removeStoppedContainer(docker, 'broken')).rejects.toThrow(
      'The Docker engine answered 500 to DELETE /containers/broken: driver failed to remove root filesystem',
    );
    expect(asked.slice(-4)).toEqual(['/containers/old', '/containers/busy', '/containers/gone', '/containers/broken']);
  });
});
