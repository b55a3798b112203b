import { findEntry, startCacheService, type CacheServiceEntry } from '../src/service.js';
import { startAzurite, type Azurite } from '../src/azurite.js';

const entry = (id: number, key: string, fields: Partial<CacheServiceEntry> = {}): CacheServiceEntry => ({
  id,
  key,
  version: 'v1',
  scope: 'refs/heads/main',
  blob: `b${id}`,
  finalized: true,
  createdAt: id,
  ...fields,
});

describe('GitHub’s matching rules', () => {
  const entries = [
    entry(1, 'deps-linux-aaa'),
    entry(2, 'deps-linux-bbb'),
    entry(3, 'deps-linux-ccc', { finalized: false }),
    entry(4, 'deps-linux-ddd', { version: 'v2' }),
    entry(5, 'deps-mac-aaa'),
    entry(6, 'deps-linux-eee', { scope: 'refs/heads/feature' }),
  ];
  const find = (keys: string[], scopes = ['refs/heads/main']) => findEntry(entries, keys, 'v1', scopes)?.key;

  it('an exact key wins over a newer prefix match', () => expect(find(['deps-linux-aaa'])).toBe('deps-linux-aaa'));
  it('prefixes match the newest finalized entry of the same version', () =>
    expect(find(['deps-linux-'])).toBe('deps-linux-bbb'));
  it('restore keys are tried in order after the key', () =>
    expect(find(['deps-windows-x', 'deps-mac-', 'deps-linux-'])).toBe('deps-mac-aaa'));
  it('no match is undefined', () => expect(find(['nothing'])).toBeUndefined());
  it('scopes are searched in order: own branch, then default', () => {
    expect(find(['deps-linux-'], ['refs/heads/feature', 'refs/heads/main'])).toBe('deps-linux-eee');
    expect(find(['deps-linux-eee'])).toBeUndefined();
  });
});

describe('the Twirp endpoint', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 60_000);
  afterAll(async () => {
    await azurite?.close();
  });

  it('refuses a wrong token and unknown routes, and hands out SAS URLs into Azurite', async () => {
    const service = await startCacheService({
      blobEndpoint: azurite.blobEndpoint,
      account: azurite.account,
      accountKey: azurite.key,
      token: 'tok',
    });
    try {
      const call = (method: string, body: unknown, token = 'tok') =>
        fetch(`${service.url}twirp/github.actions.results.api.v1.CacheService/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await call('CreateCacheEntry', { key: 'k', version: 'v' }, 'nope')).status).toBe(401);
      expect((await call('DeleteEverything', {})).status).toBe(404);
      expect((await call('CreateCacheEntry', { key: 'a,b', version: 'v' })).status).toBe(400);
      const created = (await (await call('CreateCacheEntry', { key: 'k', version: 'v' })).json()) as Record<
        string,
        string
      >;
      expect(created.signed_upload_url).toMatch(
        new RegExp(`^${azurite.blobEndpoint}/actions-cache/1-[0-9a-f]{16}\\?.*sig=`),
      );
      const put = await fetch(created.signed_upload_url!, {
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob' },
        body: 'archive',
      });
      expect(put.status).toBe(201);
      expect(
        await (await call('FinalizeCacheEntryUpload', { key: 'k', version: 'v', size_bytes: '7' })).json(),
      ).toEqual({
        ok: true,
        entry_id: '1',
      });
      const found = (await (
        await call('GetCacheEntryDownloadURL', { key: 'x', restore_keys: ['k'], version: 'v' })
      ).json()) as Record<string, string>;
      expect(found.matched_key).toBe('k');
      expect(await (await fetch(found.signed_download_url!)).text()).toBe('archive');
      expect((await call('CreateCacheEntry', { key: 'k', version: 'v' })).status).toBe(409);
    } finally {
      await service.close();
    }
  });
});
