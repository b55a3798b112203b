// The demo service Paved's tests, bench and templates deploy: a few lines of node:http.
//   GET /          → 200 "<version>\n"        (APP_VERSION, baked into the image at build time)
//   GET /healthz   → 200 {"status":"ok"}      (also /up, Kamal's default health path)
// It listens on PORT (Paved sets it) and, on SIGTERM, stops accepting connections and exits once
// in-flight requests are done, so a drained release never cuts a request short.
// Knobs for tests: STARTUP_DELAY_MS (listen late), FAIL_HEALTH=1 (health answers 503),
// CRASH_AFTER_MS (exit 1 after a while, as a release that dies after the switch).
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const version = process.env.APP_VERSION ?? process.env.PAVED_VERSION ?? 'dev';
const startupDelayMs = Number(process.env.STARTUP_DELAY_MS ?? 0);
const failHealth = process.env.FAIL_HEALTH === '1';
const crashAfterMs = Number(process.env.CRASH_AFTER_MS ?? 0);

function health(response) {
  const status = failHealth ? 503 : 200;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ status: failHealth ? 'failing' : 'ok', version }));
}

const server = http.createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/healthz' || path === '/up') return health(response);
  if (path === '/') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    return response.end(`${version}\n`);
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found\n');
});

// As PID 1 in a container, node gets no default signal handlers: handle SIGTERM ourselves.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    console.log(`${signal}: draining`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}

setTimeout(() => {
  server.listen(port, () => console.log(`service ${version} listening on ${port}`));
  if (failHealth) console.log('health check failing on purpose (FAIL_HEALTH=1)');
}, startupDelayMs);

if (crashAfterMs > 0) {
  setTimeout(() => {
    console.error(`crashing on purpose after ${crashAfterMs}ms (CRASH_AFTER_MS)`);
    process.exit(1);
  }, crashAfterMs);
}
