import { goVersionToSemver } from '../../src/setup/go-dist.js';
import { pickRelease } from '../../src/setup/versions.js';

const candidates = [
  { version: '25.2.0', stable: true },
  { version: '24.21.0', lts: 'Krypton', stable: true },
  { version: '24.20.0', lts: 'Krypton', stable: true },
  { version: '22.22.0', lts: 'Jod', stable: true },
  { version: '26.0.0-rc.1', stable: false },
];
const context = { runtime: 'Node.js', source: '.nvmrc', index: 'http://mirror/index.json' };

describe('pickRelease', () => {
  it.each([
    ['24', '24.21.0'],
    ['v24', '24.21.0'],
    ['24.20', '24.20.0'],
    ['22.x', '22.22.0'],
    ['>=20 <25', '24.21.0'],
    ['^22', '22.22.0'],
    ['24.20.0', '24.20.0'],
    ['latest', '25.2.0'],
    ['node', '25.2.0'],
    ['lts/*', '24.21.0'],
    ['lts/jod', '22.22.0'],
    ['26.0.0-rc.1', '26.0.0-rc.1'],
  ])('%s → %s', (spec, version) => expect(pickRelease(candidates, spec, context)).toBe(version));

  it('a version that does not exist names the newest ones', () => {
    expect(() => pickRelease(candidates, '99', context)).toThrow(
      "Node.js '99' (from .nvmrc) does not exist in http://mirror/index.json; the newest releases there are 25.2.0, 24.21.0, 24.20.0, 22.22.0. Pick an existing version, or check the mirror.",
    );
  });

  it('prereleases only match when named', () => {
    expect(() => pickRelease(candidates, '26', context)).toThrow(/does not exist/);
  });

  it('gibberish is explained', () => {
    expect(() => pickRelease(candidates, 'lts-ish', context)).toThrow(
      "Node.js version 'lts-ish' (from .nvmrc) is not a version or range: write it like 24, 24.1.0, 22.x or >=20, lts/*.",
    );
  });
});

it.each([
  ['go1.22.5', '1.22.5'],
  ['go1.20', '1.20.0'],
  ['go1.21rc2', '1.21.0-rc.2'],
  ['weekly', undefined],
])('Go name %s → %s', (name, version) => expect(goVersionToSemver(name)).toBe(version));
