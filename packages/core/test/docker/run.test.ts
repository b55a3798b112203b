import type { Server } from 'node:http';
import { answerJson, fakeEngine } from '@paved/test-support/servers';
import { DockerClient, runArgs, runContainer, withEnvFile, type ContainerRunSpec } from '../../src/docker/index.js';
import { memoryBytes, nanoCpus, restartPolicy } from '../../src/docker/run.js';

const ID = 'a'.repeat(64);
const IMAGE = `127.0.0.1:5000/shop@sha256:${'b'.repeat(64)}`;

const base: ContainerRunSpec = {
  name: 'shop-production-42',
  image: IMAGE,
  labels: { 'dev.paved.service': 'shop', 'dev.paved.port': '20001' },
  env: ['A=1', 'SECRET=two words; $(id)', 'PORT=3000'],
  restart: 'unless-stopped',
  placement: { network: 'paved' },
  volumes: [],
};

const specs: Array<[string, ContainerRunSpec]> = [
  ['on the proxy network', base],
  ['on the host network, with limits', { ...base, placement: { network: 'host' }, memory: '1.5g', cpus: '0.5' }],
  [
    'published on loopback, restarted on failure, with volumes',
    {
      ...base,
      restart: 'on-failure:3',
      memory: '512m',
      placement: { publish: { bind: '127.0.0.1', hostPort: 20001, containerPort: 3000 } },
      volumes: ['data:/data', 'cache:/var/cache/app'],
    },
  ],
  [
    'published on every interface (a tcp:// engine)',
    { ...base, restart: 'no', placement: { publish: { hostPort: 20002, containerPort: 8080 } } },
  ],
];

/**
 * What is set in a create request: zero values (false, '', 0, null, empty lists and maps) are
 * what the engine assumes when a field is left out. So are the CLI's own spellings of "unset":
 * MemorySwappiness -1, ConsoleSize [0, 0], and the default network as NetworkMode "default"
 * with an empty endpoint for it.
 */
function setFields(value: unknown, key = ''): unknown {
  if (key === 'MemorySwappiness' && value === -1) return undefined;
  if (key === 'NetworkMode' && value === 'default') return undefined;
  if (key === 'ConsoleSize' && Array.isArray(value) && value.every((v) => v === 0)) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((v) => setFields(v) ?? null);
  if (value !== null && typeof value === 'object') {
    const kept = Object.entries(value)
      .map(([k, v]) => [k, setFields(v, k)] as const)
      .filter(([k, v]) => v !== undefined || (key === 'ExposedPorts' && k.includes('/')));
    // An exposed port is a key whose value is an empty object: the key is what is set.
    if (key === 'ExposedPorts') return Object.fromEntries(kept.map(([k]) => [k, {}]));
    return kept.length === 0 ? undefined : Object.fromEntries(kept);
  }
  return value === false || value === '' || value === 0 || value === null ? undefined : value;
}

describe('runContainer', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      server.close();
    }
  });

  /** An engine that creates and starts anything, answering as dockerd does. */
  const engine = async (start: [number, unknown?] = [204]) => {
    const started = await fakeEngine((req, res) => {
      res.setHeader('Api-Version', '1.45');
      if (req.url?.endsWith('/_ping')) return res.end('OK');
      if (req.url?.includes('/containers/create')) return answerJson(res, 201, { Id: ID, Warnings: [] });
      if (req.url?.includes('/start')) {
        res.statusCode = start[0];
        return res.end(start[1] === undefined ? undefined : JSON.stringify(start[1]));
      }
      // The CLI's attach/wait calls: not part of what is compared.
      answerJson(res, 200, {});
    });
    servers.push(started.server);
    return started;
  };
  const createBodyOf = (requests: Array<{ url: string; body: string }>) =>
    JSON.parse(requests.find((r) => r.url.includes('/containers/create'))!.body) as unknown;

  test.each(specs)('asks the engine for what `docker run` asks: %s', async (_, spec) => {
    const viaCli = await engine();
    const cli = new DockerClient({ env: { DOCKER_HOST: `unix://${viaCli.socket}` } });
    const printed = await withEnvFile(spec.env, undefined, (file) => cli.text(['run', ...runArgs(spec, file)]));
    expect(printed).toBe(ID);
    const cliCreate = viaCli.requests.find((r) => r.url.includes('/containers/create'))!;

    const viaApi = await engine();
    // A binary that does not exist: the API path must not start a CLI.
    const api = new DockerClient({ binary: '/nonexistent/docker', env: { DOCKER_HOST: `unix://${viaApi.socket}` } });
    expect(await runContainer(api, spec)).toBe(ID);

    expect(viaApi.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST /containers/create?name=${spec.name}`,
      `POST /containers/${ID}/start`,
    ]);
    expect(cliCreate.url).toMatch(new RegExp(`/containers/create\\?name=${spec.name}$`));
    expect(setFields(createBodyOf(viaApi.requests))).toEqual(setFields(JSON.parse(cliCreate.body)));
    // The environment travels in the body, where the CLI put it from its env file.
    expect((createBodyOf(viaApi.requests) as { Env: string[] }).Env).toEqual(spec.env);
  });

  test('a start the engine refuses is its error, with its words; the name stays one path segment', async () => {
    const { requests, socket } = await engine([500, { message: 'driver failed programming external connectivity' }]);
    const api = new DockerClient({ binary: '/nonexistent/docker', env: { DOCKER_HOST: `unix://${socket}` } });
    await expect(runContainer(api, { ...base, name: 'a/../b?c' })).rejects.toThrow(
      `The Docker engine answered 500 to POST /containers/${ID}/start: driver failed programming external connectivity`,
    );
    expect(requests[0]!.url).toBe('/containers/create?name=a%2F..%2Fb%3Fc');
  });

  test('a create the engine refuses is its error, and nothing is started', async () => {
    const { requests, server, socket } = await fakeEngine((_req, res) =>
      answerJson(res, 409, { message: 'Conflict. The container name "/shop-production-42" is already in use' }),
    );
    servers.push(server);
    const api = new DockerClient({ binary: '/nonexistent/docker', env: { DOCKER_HOST: `unix://${socket}` } });
    await expect(runContainer(api, base)).rejects.toThrow(
      'The Docker engine answered 409 to POST /containers/create?name=shop-production-42: Conflict.',
    );
    expect(requests).toHaveLength(1);
  });

  test('limits and restart policies in the engine’s units', () => {
    expect(memoryBytes('512m')).toBe(512 * 1024 ** 2);
    expect(memoryBytes('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(memoryBytes('100')).toBe(100);
    expect(memoryBytes('7K')).toBe(7 * 1024);
    expect(nanoCpus('0.5')).toBe(500_000_000);
    expect(nanoCpus('2')).toBe(2_000_000_000);
    expect(restartPolicy('on-failure:5')).toEqual({ Name: 'on-failure', MaximumRetryCount: 5 });
    expect(restartPolicy('always')).toEqual({ Name: 'always' });
  });
});
