import { loadGitHubDescription, startGitHubEmulator } from '../src/index.js';
import { Router } from '../src/openapi/router.js';
import { SchemaCompiler } from '../src/openapi/schemas.js';
import { responseViolation } from '../src/openapi/validation.js';

test('a response missing required fields is named as a schema violation', async () => {
  const document = await loadGitHubDescription();
  const router = new Router(document, new Set(['repos/get-deployment']));
  const match = router.match('GET', '/repos/acme/shop/deployments/1');
  if (!match || match === 'method-not-allowed') throw new Error('route not found');
  const compiler = new SchemaCompiler(document);
  const violation = responseViolation(document, compiler, match.route, 200, { id: 'one', url: 'not a url' });
  expect(violation).toContain("must have required property 'node_id'");
  expect(violation).toContain("must have required property 'sha'");
  expect(violation).toMatch(/and \d+ more$/);
});

test('in strict mode a broken handler answers 500 naming the violation', async () => {
  const gh = await startGitHubEmulator({
    seed: { repositories: [{ owner: 'acme', name: 'shop' }] },
    handlerOverrides: { 'repos/get': () => ({ status: 200, body: { id: 1, name: 'shop' } }) },
  });
  try {
    const response = await fetch(`${gh.url}/repos/acme/shop`, { headers: { authorization: 'token t' } });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { message: string };
    expect(body.message).toContain("Emulator response for repos/get (200) breaks GitHub's schema");
    expect(body.message).toContain("must have required property 'archive_url'");
    expect(gh.schemaViolations).toHaveLength(1);
  } finally {
    await gh.stop();
  }
});
