import { childEnvironment } from '../../src/action/child-env.js';

describe('childEnvironment', () => {
  const runner = {
    PATH: '/usr/bin',
    HOME: '/home/runner',
    HTTPS_PROXY: 'http://proxy:3128',
    NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem',
    npm_config_registry: 'https://npm.example.com',
    LC_ALL: 'C.UTF-8',
    'INPUT_GITHUB-TOKEN': 'ghs_S3CRET',
    'INPUT_SSH-KEY': '-----BEGIN OPENSSH PRIVATE KEY-----',
    INPUT_SECRETS: 'DB_PASSWORD=S3CRET',
    ACTIONS_RUNTIME_TOKEN: 'S3CRET',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'S3CRET',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example',
    ACTIONS_CACHE_URL: 'https://cache.example',
    GITHUB_TOKEN: 'ghs_S3CRET',
    STATE_paved: 'x',
    RANDOM_SETTING: 'left out',
  };

  it("keeps the tools' and network settings, and none of the inputs or runner tokens", () => {
    expect(childEnvironment({}, runner)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      HTTPS_PROXY: 'http://proxy:3128',
      NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem',
      npm_config_registry: 'https://npm.example.com',
      LC_ALL: 'C.UTF-8',
    });
  });

  it('adds what the caller passes on purpose', () => {
    expect(childEnvironment({ PAVED_VERSION: 'v2', DB_URL: 'postgres://db' }, { PATH: '/bin' })).toEqual({
      PATH: '/bin',
      PAVED_VERSION: 'v2',
      DB_URL: 'postgres://db',
    });
  });
});
