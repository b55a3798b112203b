import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAction, convertActionTemplate } from '@actions/workflow-parser/actions/index';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { InputReader } from '@paved/core/action';
import { loadActionManifest } from '@paved/action-runner';
import { ACTIONS, ROOT } from '@paved/test-support/harness';
import { makeWorkspace } from '@paved/test-support/workspace';
import { INPUT_FIXTURES } from '../fixtures/inputs/index.js';

const actionDir = (name: string) => path.join(ROOT, 'actions', name);

describe.each(ACTIONS)('actions/%s', (name) => {
  const manifest = loadActionManifest(actionDir(name));

  it('action.yml passes GitHub’s own action schema', () => {
    const file = {
      name: `actions/${name}/action.yml`,
      content: readFileSync(path.join(actionDir(name), 'action.yml'), 'utf8'),
    };
    const result = parseAction(file, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const template = convertActionTemplate(result.context, result.value!);
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(template.name).toBe(`Paved ${name}`);
  });

  it('declares name, description, author, branding, and describes every input and output', () => {
    expect(manifest.description.length).toBeGreaterThan(20);
    const raw = readFileSync(path.join(actionDir(name), 'action.yml'), 'utf8');
    expect(raw).toMatch(/^author: /m);
    expect(raw).toMatch(/^branding:\n {2}icon: .+\n {2}color: .+/m);
    for (const [input, definition] of Object.entries(manifest.inputs)) {
      expect([input, typeof definition.description, typeof definition.required]).toEqual([input, 'string', 'boolean']);
      if (!definition.required) expect([input, definition.default]).toEqual([input, expect.any(String)]);
    }
    for (const [output, definition] of Object.entries(manifest.outputs)) {
      expect([output, typeof definition.description]).toEqual([output, 'string']);
    }
  });

  it('runs on node24 from its committed bundle', () => {
    expect(manifest.runs.using).toBe('node24');
    expect(manifest.runs.main).toBe(`../../dist/${name}/index.js`);
    if (manifest.runs.post) expect(manifest.runs.post).toBe(manifest.runs.main);
  });

  it('reads exactly the inputs action.yml declares', async () => {
    const { readInputs } = (await import(`../../actions/${name}/src/inputs.ts`)) as {
      readInputs: (read: InputReader) => Record<string, unknown>;
    };
    const values: Record<string, string> = {};
    for (const [input, definition] of Object.entries(manifest.inputs)) values[input] = definition.default ?? '';
    Object.assign(values, INPUT_FIXTURES[name].valid.inputs);
    // Expression defaults such as ${{ github.token }} reach the action already evaluated.
    for (const input of Object.keys(values)) if (values[input]?.includes('${{')) values[input] = 'evaluated';
    const reader = new InputReader((input) => values[input] ?? '', {
      workspace: makeWorkspace(INPUT_FIXTURES[name].valid.files),
      mask: () => {},
    });
    const inputs = readInputs(reader);
    expect([...reader.names].sort()).toEqual(Object.keys(manifest.inputs).sort());
    for (const key of Object.keys(inputs)) expect(Object.keys(manifest.inputs)).toContain(key);
  });

  it('sets only outputs action.yml declares', () => {
    const sources = readdirSync(path.join(actionDir(name), 'src')).map((file) =>
      readFileSync(path.join(actionDir(name), 'src', file), 'utf8'),
    );
    const set = sources.flatMap((source) => [...source.matchAll(/setOutput\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1]));
    for (const output of set) expect(Object.keys(manifest.outputs)).toContain(output);
  });
});

it('every action uses the same runtime', () => {
  const runtimes = new Set(ACTIONS.map((name) => loadActionManifest(actionDir(name)).runs.using));
  expect([...runtimes]).toEqual(['node24']);
});

it('README tables and the config JSON Schema are generated (npm run docs)', () => {
  expect(() =>
    execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'docs.mjs'), '--check'], {
      stdio: 'pipe',
      cwd: ROOT,
    }),
  ).not.toThrow();
});
