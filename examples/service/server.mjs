// The demo service Paved's tests, bench and templates deploy: a few lines of node:http.
//   GET /          → 200 "<version>\n"        (APP_VERSION baked in at build time, else release.json version)
//   GET /healthz   → 200 {"status":"ok"}      (also /up, Kamal's default health path)
// It listens on PORT (Paved sets it) and, on SIGTERM, stops accepting connections and exits once
// in-flight requests are done, so a drained release never cuts a request short.
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

const server = http.createServer((request, response) => {
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
  if (latencyMs > 0 || errorRate > 0) console.log(`release.json: +${latencyMs} ms on /, ${errorRate * 100}% of / fail`);
}, startupDelayMs);

if (crashAfterMs > 0) {
  setTimeout(() => {
    console.error(`crashing on purpose after ${crashAfterMs}ms (CRASH_AFTER_MS)`);
    process.exit(1);
  }, crashAfterMs);
}
