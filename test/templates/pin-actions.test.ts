import { cpSync, readFileSync } from 'node:fs';
import { temporaryDirectory } from '@paved/test-support/workspace';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './workflows.js';

interface PinScript {
  pinActions(options: { sha: string; tag?: string; org?: string; dir?: string }): string[];
  pinText(text: string, options: { sha: string; tag?: string; org?: string }): string;
  actionRefs(text: string, org?: string): { action: string; ref: string }[];
}

// Imported by URL: the script is plain JavaScript run by node, with no type declarations.
const script = pathToFileURL(path.join(ROOT, 'scripts', 'pin-actions.mjs')).href;
const { pinActions, pinText, actionRefs } = (await import(script)) as PinScript;
const SHA = 'a'.repeat(40);

describe('pin-actions: a release pins the actions its reusable workflows call', () => {
  it('rewrites every reference to Paved’s actions, and nothing else, to the commit', () => {
    const dir = temporaryDirectory('paved-pin-');
    cpSync(path.join(ROOT, '.github', 'workflows'), dir, { recursive: true });
    const changed = pinActions({ sha: SHA, tag: 'v1.5.0', dir });
    expect(changed).toEqual([
      'paved-build.yml',
      'paved-ci.yml',
      'paved-deploy.yml',
      'paved-report.yml',
      'paved-rollback.yml',
    ]);
    for (const name of changed) {
      const before = readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8');
      const after = readFileSync(path.join(dir, name), 'utf8');
      const refs = actionRefs(after);
      expect(refs.length).toBeGreaterThan(0);
      expect(refs.every((ref) => ref.ref === SHA)).toBe(true);
      expect(after).toContain(`@${SHA} # v1.5.0`);
      // Checkouts and everything else stay as they were.
      const strip = (text: string) => text.replace(/paved-org\/paved\/actions\/[a-z-]+@\S+( # \S+)?/g, '');
      expect(strip(after)).toBe(strip(before));
    }
    // Pinning again (a later release) replaces the commit, comment included.
    pinActions({ sha: 'b'.repeat(40), tag: 'v1.6.0', dir });
    const again = readFileSync(path.join(dir, 'paved-deploy.yml'), 'utf8');
    expect(again).not.toContain(SHA);
    expect(again).toContain(`@${'b'.repeat(40)} # v1.6.0`);
  });

  it('accepts only a full commit SHA: a tag can move, which is what pinning is against', () => {
    expect(() => pinText('', { sha: 'v1' })).toThrow('--sha must be a full 40-character commit SHA');
    expect(() => pinText('', { sha: SHA, tag: 'v1; rm -rf /' })).toThrow('--tag must be a tag name');
  });
});
