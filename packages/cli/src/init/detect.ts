// What `paved init` needs to know about a service: its language (core setup's detection), how
// it starts, the health path it answers and the names of the metrics it exposes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { detectProjects, type SetupLanguage } from '@paved/core/setup';

export interface ServiceMetrics {
  /** A counter of requests, e.g. http_requests_total. */
  requests: string;
  /** A histogram of request durations in seconds, without _bucket, e.g. http_request_duration_seconds. */
  latency: string;
  /** The label holding the HTTP status code. */
  statusLabel: string;
  /** True when all three were found in the source rather than assumed. */
  detected: { requests: boolean; latency: boolean; statusLabel: boolean };
}

export interface DetectedService {
  language: SetupLanguage;
  /** The file the container runs (Node, Python) or the main package (Go). */
  entry: string;
  hasDockerfile: boolean;
  hasDependencies: boolean;
  healthPath: string;
  metrics: ServiceMetrics;
}

const SOURCE = /\.(m?js|cjs|ts|py|go)$/;
const SKIP_DIRS = new Set(['node_modules', '.git', '.paved', 'vendor', '.venv', 'venv', '__pycache__', 'dist']);

function sourceFiles(dir: string, depth = 0, found: string[] = []): string[] {
  if (depth > 3 || found.length > 200) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) {
      sourceFiles(path.join(dir, entry.name), depth + 1, found);
    } else if (entry.isFile() && SOURCE.test(entry.name) && statSync(path.join(dir, entry.name)).size < 512_000) {
      found.push(path.join(dir, entry.name));
    }
  }
  return found;
}

function nodeEntry(dir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    main?: string;
    scripts?: Record<string, string>;
  };
  const start = /^node\s+(\S+\.[cm]?js)\b/.exec(manifest.scripts?.start ?? '')?.[1];
  const candidates = [start, manifest.main, 'server.mjs', 'server.js', 'index.mjs', 'index.js', 'app.js', 'main.js'];
  return candidates.find((file) => file && existsSync(path.join(dir, file))) ?? start ?? manifest.main ?? 'index.js';
}

function pythonEntry(dir: string): string {
  return ['app.py', 'main.py', 'server.py', 'wsgi.py'].find((file) => existsSync(path.join(dir, file))) ?? 'app.py';
}

/**
 * Metric names as the exposition shows them, found in the source: names a client library is
 * given (Counter('http_requests'), name: 'http_requests_total') or exposition lines the service
 * writes itself (http_requests_total{code="200"}).
 */
export function detectMetrics(texts: string[]): ServiceMetrics {
  const source = texts.join('\n');
  const names = [...new Set([...source.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b/g)].map((m) => m[1]!))];
  // prometheus_client adds _total to a Counter's name itself.
  const pythonCounter = /Counter\(\s*["']([a-z_:]*request[a-z_:]*)["']/.exec(source)?.[1];
  const counter =
    names.find((name) => /request/.test(name) && name.endsWith('_total')) ??
    (pythonCounter ? `${pythonCounter.replace(/_total$/, '')}_total` : undefined);
  const histogram = names
    .map((name) => name.replace(/_bucket$/, ''))
    .find((name) => /request|http/.test(name) && /(duration|latency|time).*seconds$/.test(name));
  const labels = ['code', 'status_code', 'status'];
  // As an exposition label (code="…"), then as a label name given to a client library.
  const statusLabel =
    labels.find((label) => new RegExp(`[{,]\\s*${label}\\s*=`).test(source)) ??
    labels.find((label) => new RegExp(`label_?[nN]ames\\s*[:=]\\s*[\\[(][^\\])]*["']${label}["']`).test(source)) ??
    labels.find((label) => new RegExp(`(Counter|Histogram)\\([^)]*\\[[^\\]]*["']${label}["']`).test(source));
  return {
    requests: counter ?? 'http_requests_total',
    latency: histogram ?? 'http_request_duration_seconds',
    statusLabel: statusLabel ?? 'code',
    detected: { requests: Boolean(counter), latency: Boolean(histogram), statusLabel: Boolean(statusLabel) },
  };
}

/** Whether requirements.txt names any package; undefined when there is no such file. */
function pythonRequirements(dir: string): boolean | undefined {
  const file = path.join(dir, 'requirements.txt');
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8')
    .split('\n')
    .some((line) => line.replace(/#.*/, '').trim() !== '');
}

export function detectService(dir: string): DetectedService | undefined {
  const [project] = detectProjects(dir);
  if (!project) return undefined;
  const texts = sourceFiles(dir).map((file) => readFileSync(file, 'utf8'));
  const paths = new Set(texts.flatMap((text) => [...text.matchAll(/["'`](\/[a-z]*)["'`]/g)].map((m) => m[1]!)));
  const healthPath = ['/healthz', '/health', '/up', '/ready', '/livez'].find((p) => paths.has(p)) ?? '/';
  const entry = project.language === 'node' ? nodeEntry(dir) : project.language === 'python' ? pythonEntry(dir) : '.';
  return {
    language: project.language,
    entry,
    hasDockerfile: existsSync(path.join(dir, 'Dockerfile')),
    hasDependencies:
      project.language === 'python' ? (pythonRequirements(dir) ?? project.hasDependencies) : project.hasDependencies,
    healthPath,
    metrics: detectMetrics(texts),
  };
}
