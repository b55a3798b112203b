import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { temporaryDirectory } from '@paved/test-support/workspace';
import { ROOT, TEMPLATES_DIR } from './workflows.js';

interface Changes {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
}
type Publish = (options: { org: string; dest: string; ref?: string; source?: string }) => Changes;

// Imported by URL: the script is plain JavaScript run by node, with no type declarations.
const script = pathToFileURL(path.join(ROOT, 'scripts', 'publish-templates.mjs')).href;
const { publishTemplates } = (await import(script)) as { publishTemplates: Publish };

const temp = () => temporaryDirectory('paved-publish-');

describe('publish-templates', () => {
  it("copies the templates with the organisation and ref in Paved's references", () => {
    const dest = temp();
    const changes = publishTemplates({ org: 'acme', dest, ref: 'v1.4.0' });
    expect(changes.added).toEqual(expect.arrayContaining(['deploy.yml', 'deploy.properties.json', 'paved-deploy.svg']));
    const deploy = readFileSync(path.join(dest, 'workflow-templates', 'deploy.yml'), 'utf8');
    expect(deploy).toContain('uses: acme/paved/.github/workflows/paved-deploy.yml@v1.4.0');
    expect(deploy).not.toContain('paved-org');
    expect(deploy).toContain('branches: [$default-branch]');
    expect(readFileSync(path.join(dest, 'workflow-templates', 'deploy.properties.json'), 'utf8')).toBe(
      readFileSync(path.join(TEMPLATES_DIR, 'deploy.properties.json'), 'utf8'),
    );
  });

  it('changes nothing the second time and removes only templates it published before', () => {
    const source = temp();
    cpSync(TEMPLATES_DIR, source, { recursive: true });
    const dest = temp();
    publishTemplates({ org: 'acme', dest, source });
    expect(publishTemplates({ org: 'acme', dest, source })).toMatchObject({ added: [], updated: [], removed: [] });

    writeFileSync(path.join(dest, 'workflow-templates', 'org-own.yml'), 'name: kept\n');
    rmSync(path.join(source, 'ci.yml'));
    const changes = publishTemplates({ org: 'acme', dest, source, ref: 'v2' });
    expect(changes.removed).toEqual(['ci.yml']);
    expect(changes.updated).toEqual(expect.arrayContaining(['deploy.yml', 'rollback.yml']));
    expect(existsSync(path.join(dest, 'workflow-templates', 'ci.yml'))).toBe(false);
    expect(existsSync(path.join(dest, 'workflow-templates', 'org-own.yml'))).toBe(true);
  });

  it('refuses an organisation name that cannot be one', () => {
    expect(() => publishTemplates({ org: 'acme/evil', dest: temp() })).toThrow(/--org/);
  });
});
