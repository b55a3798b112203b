// The demo service Paved's tests, bench and templates deploy: a few lines of node:http.
//   GET /          → 200 "<version>\n"        (APP_VERSION baked in at build time, else release.json version)
//   GET /healthz   → 200 {"status":"ok"}      (also /up, Kamal's default health path)
// It listens on PORT (Paved sets it) and, on SIGTERM, shuts down the way a proxy's client expects:
// it stops accepting connections, finishes the requests in flight (answering them with
// `Connection: close`), closes every keep-alive connection as soon as it carries no request, and
// exits — at once when nothing is in flight, so `docker stop` never waits out its timeout.
// SHUTDOWN_TIMEOUT_MS (default 8000, under docker stop's 10 s) bounds how long requests in flight may take.
//   GET /metrics   → Prometheus text exposition: http_requests_total{code,path} and the
//                    http_request_duration_seconds{path} histogram (no dependencies)
// Knobs for tests: STARTUP_DELAY_MS (listen late), FAIL_HEALTH=1 (health answers 503),
// CRASH_AFTER_MS (exit 1 after a while, as a release that dies after the switch).
// The release knob is release.json, baked into the image beside this file: `version`, `latencyMs` added
// to every GET / and `errorRate` (0–1) of GET / answered 500, so a release can be made slow or
// failing in its own commit while /healthz stays healthy (the demo's regressed v2).
import { readFileSync } from 'node:fs';
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const startupDelayMs = Number(process.env.STARTUP_DELAY_MS ?? 0);
const failHealth = process.env.FAIL_HEALTH === '1';
const crashAfterMs = Number(process.env.CRASH_AFTER_MS ?? 0);
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 8_000);
const release = readRelease();
// The build argument names the version when given; a release.json `version` otherwise.
const appVersion = process.env.APP_VERSION && process.env.APP_VERSION !== 'dev' ? process.env.APP_VERSION : undefined;
const version = appVersion ?? release.version ?? process.env.PAVED_VERSION ?? 'dev';
const latencyMs = Math.max(0, Number(release.latencyMs ?? 0) || 0);
const errorRate = Math.min(1, Math.max(0, Number(release.errorRate ?? 0) || 0));

function readRelease() {
  try {
    return JSON.parse(readFileSync(new URL('./release.json', import.meta.url), 'utf8'));
  } catch {
    return {};
  }
}

// Metrics, by hand: a counter per (code, path) and a latency histogram per path.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5];
const requests = new Map();
const durations = new Map();
const KNOWN_PATHS = new Set(['/', '/healthz', '/up', '/metrics']);

function observe(path, code, seconds) {
  const label = KNOWN_PATHS.has(path) ? path : 'other';
  const key = `${code} ${label}`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  let histogram = durations.get(label);
  if (!histogram) {
    histogram = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
    durations.set(label, histogram);
  }
  BUCKETS.forEach((bound, index) => {
    if (seconds <= bound) histogram.counts[index]++;
  });
  histogram.sum += seconds;
  histogram.count++;
}

function exposition() {
  const lines = ['# HELP http_requests_total HTTP requests answered.', '# TYPE http_requests_total counter'];
  for (const [key, count] of requests) {
    const [code, path] = key.split(' ');
    lines.push(`http_requests_total{code="${code}",path="${path}"} ${count}`);
  }
  lines.push(
    '# HELP http_request_duration_seconds Time to answer an HTTP request.',
    '# TYPE http_request_duration_seconds histogram',
  );
  for (const [path, histogram] of durations) {
    BUCKETS.forEach((bound, index) => {
      lines.push(`http_request_duration_seconds_bucket{path="${path}",le="${bound}"} ${histogram.counts[index]}`);
    });
    lines.push(`http_request_duration_seconds_bucket{path="${path}",le="+Inf"} ${histogram.count}`);
    lines.push(`http_request_duration_seconds_sum{path="${path}"} ${histogram.sum}`);
    lines.push(`http_request_duration_seconds_count{path="${path}"} ${histogram.count}`);
  }
  return `${lines.join('\n')}\n`;
}

function health(response) {
  const status = failHealth ? 503 : 200;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ status: failHealth ? 'failing' : 'ok', version }));
}

function home(response) {
  if (errorRate > 0 && Math.random() < errorRate) {
    response.writeHead(500, { 'content-type': 'text/plain' });
    return response.end(`${version} failed on purpose (release.json errorRate ${errorRate})\n`);
  }
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end(`${version}\n`);
}

// Every connection and how many requests it carries now. Node's closeIdleConnections() leaves a
// connection that never carried a request open (a proxy's pool dials such spares, Go's does),
// and server.close() waits for every connection: so shutdown closes them itself.
const requestsOn = new Map();
const answering = new Set();
let shuttingDown = false;

function endIfIdle(socket) {
  if (!shuttingDown || requestsOn.get(socket) > 0 || socket.destroyed) return;
  // FIN, not RST: a request the client is sending at this instant is retried on a new connection.
  socket.end();
  setTimeout(() => socket.destroy(), 1_000).unref();
}

const server = http.createServer((request, response) => {
  const socket = request.socket;
  requestsOn.set(socket, (requestsOn.get(socket) ?? 0) + 1);
  answering.add(response);
  response.on('close', () => {
    answering.delete(response);
    requestsOn.set(socket, requestsOn.get(socket) - 1);
    endIfIdle(socket);
  });
  // The client learns the connection ends with this answer, before it sends another request.
  if (shuttingDown) response.setHeader('connection', 'close');
  const started = process.hrtime.bigint();
  const path = (request.url ?? '/').split('?')[0];
  response.on('finish', () => {
    if (path !== '/metrics') observe(path, response.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
  });
  if (path === '/healthz' || path === '/up') return health(response);
  if (path === '/metrics') {
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    return response.end(exposition());
  }
  if (path === '/') {
    if (latencyMs > 0) return void setTimeout(() => home(response), latencyMs);
    return home(response);
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found\n');
});

server.on('connection', (socket) => {
  requestsOn.set(socket, 0);
  socket.on('close', () => requestsOn.delete(socket));
});

// As PID 1 in a container, node gets no default signal handlers: handle SIGTERM ourselves.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    shuttingDown = true;
    const inFlight = [...requestsOn.values()].reduce((sum, n) => sum + n, 0);
    console.log(`${signal}: shutting down (${requestsOn.size} connection(s), ${inFlight} request(s) in flight)`);
    // Stops accepting; the callback runs once the last connection has closed.
    server.close(() => {
      console.log('every connection closed; exiting');
      process.exit(0);
    });
    for (const response of answering) if (!response.headersSent) response.setHeader('connection', 'close');
    for (const socket of requestsOn.keys()) endIfIdle(socket);
    setTimeout(() => {
      console.log(`requests still in flight after SHUTDOWN_TIMEOUT_MS ${shutdownTimeoutMs}; exiting`);
      process.exit(0);
    }, shutdownTimeoutMs).unref();
  });
}

setTimeout(() => {
  server.listen(port, () => console.log(`service ${version} listening on ${server.address().port}`));
  if (failHealth) console.log('health check failing on purpose (FAIL_HEALTH=1)');
  if (latencyMs > 0 || errorRate > 0) console.log(`release.json: +${latencyMs} ms on /, ${errorRate * 100}% of / fail`);
}, startupDelayMs);

if (crashAfterMs > 0) {
  setTimeout(() => {
    console.error(`crashing on purpose after ${crashAfterMs}ms (CRASH_AFTER_MS)`);
    process.exit(1);
  }, crashAfterMs);
}
