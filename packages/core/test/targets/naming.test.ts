import { splitCommand } from '../../src/config/index.js';
import {
  containerName,
  digestOf,
  imageTagOf,
  joinCommand,
  lockName,
  repositoryOf,
  shortDigest,
} from '../../src/targets/index.js';

const digest = `sha256:${'ab'.repeat(32)}`;

describe('release naming', () => {
  it('names containers <service>-<environment>-<deployment id> and locks per service and environment', () => {
    expect(containerName({ service: 'shop', environment: 'staging', deploymentId: 42 })).toBe('shop-staging-42');
    expect(lockName('shop', 'production')).toBe('paved-lock-shop-production');
  });

  it.each([
    [`127.0.0.1:5000/acme/shop:v2@${digest}`, '127.0.0.1:5000/acme/shop', 'v2'],
    [`127.0.0.1:5000/acme/shop@${digest}`, '127.0.0.1:5000/acme/shop', undefined],
    [`ghcr.io/acme/shop:1.4.2@${digest}`, 'ghcr.io/acme/shop', '1.4.2'],
  ])('splits %s into repository, tag and digest', (image, repository, tag) => {
    expect(repositoryOf(image)).toBe(repository);
    expect(imageTagOf(image)).toBe(tag);
    expect(digestOf(image)).toBe(digest);
  });

  it('shortens digests for people', () => {
    expect(shortDigest(digest)).toBe('sha256:abababababab');
    expect(shortDigest(undefined)).toBe('');
  });

  it.each([
    [['node', '/app/migrate.mjs', 'down']],
    [['sh', '-c', "echo 'it''s' \"$HOME\"; rm -rf /"]],
    [['bin/rails', 'db:rollback', 'STEP=1', '']],
  ])('joins %j so that splitCommand gives it back unchanged', (argv) => {
    expect(splitCommand(joinCommand(argv), 'test')).toEqual(argv);
  });
});
