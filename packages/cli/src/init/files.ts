// The files `paved init` writes, as text. Each is checked by the loader that reads it later.
import type { DetectedService } from './detect.js';
import { OFFICIAL_BASE_IMAGES } from './base-images.js';

export interface Environment {
  name: string;
  url: string;
  host: string;
  proxyUrl?: string;
  proxyRoute?: string;
}

export function pavedYml(service: string, detected: DetectedService, environments: Environment[]): string {
  const lines = [
    '# Paved environment configuration: where each environment runs and how a release is judged',
    '# healthy. Keys and their forms: schemas/paved.schema.json in Paved.',
    `service: ${service}`,
    'defaults:',
    '  # The service listens on $PORT (Paved sets it; 3000 unless port: says otherwise).',
    `  health-path: ${detected.healthPath}`,
    '  health-timeout: 30s',
    '  drain-timeout: 5s',
    '  retain: 3',
    'environments:',
  ];
  for (const environment of environments) {
    lines.push(`  ${environment.name}:`, `    url: ${environment.url}`, `    host: ${environment.host}`);
    if (environment.proxyUrl) lines.push(`    proxy-url: ${environment.proxyUrl}`);
    if (environment.proxyRoute) lines.push(`    proxy-route: ${environment.proxyRoute}`);
  }
  return `${lines.join('\n')}\n`;
}

export function smokeChecks(detected: DetectedService): string {
  const checks = [`  - name: health\n    path: ${detected.healthPath}\n    expect:\n      status: 200\n`];
  if (detected.healthPath !== '/') checks.push(`  - name: home\n    path: /\n    expect:\n      status: 200\n`);
  checks.push(
    `  - name: metrics\n    path: /metrics\n    expect:\n      status: 200\n      body-contains: ${detected.metrics.requests.replace(/_total$/, '')}\n`,
  );
  return `# Smoke checks: run right after each deploy, against the environment's URL.\nchecks:\n${checks.join('')}`;
}

export interface SloSettings {
  /** PromQL range of rate(): a few scrape intervals (5s for the local stack's 1 s scrape, 1m for 15 s). */
  rateWindow: string;
  maxErrorRate: number;
  maxLatencySeconds: number;
  minTraffic: number;
}

export function sloFile(detected: DetectedService, settings: SloSettings): string {
  const { requests, latency, statusLabel } = detected.metrics;
  const env = 'environment="${environment}"';
  const w = settings.rateWindow;
  return `# Service level objectives the deploy quality gate judges each release by, in each environment
# (\${environment} is filled in per environment). Metrics: ${requests}, ${latency}.
objectives:
  - name: traffic
    query: sum(rate(${requests}{${env}}[${w}]))
    direction: higher
    # Requests per second: raise min to the floor below which something is wrong.
    min: ${settings.minTraffic}
    max-regression: 50%
    critical: false
  - name: error-rate
    query: (sum(rate(${requests}{${env},${statusLabel}=~"5.."}[${w}])) or vector(0)) / sum(rate(${requests}{${env}}[${w}]))
    direction: lower
    max: ${settings.maxErrorRate}
    max-regression: 50%
    critical: true
  # A p95 read from histogram buckets jumps between bucket bounds: at a few milliseconds a
  # doubling is noise, so the starting allowance is wide. Tighten it once you know the noise.
  - name: latency-p95
    query: histogram_quantile(0.95, sum by (le) (rate(${latency}_bucket{${env}}[${w}])))
    direction: lower
    max: ${settings.maxLatencySeconds}
    max-regression: 200%
    critical: true
`;
}

/** The Dockerfile's install step, run by the image's python3 in /app (no shell in a scratch image). */
export const PYTHON_INSTALL = [
  'import importlib.util, os, subprocess, sys',
  "vendored = os.path.isdir('vendor')",
  "vendored or importlib.util.find_spec('pip') or sys.exit('This base image has no pip (the local stack stand-in): vendor the requirements first with python3 -m pip install --target vendor -r requirements.txt')",
  "wanted = ['--requirement', 'requirements.txt'] if os.path.isfile('requirements.txt') else ['.']",
  "vendored or subprocess.run([sys.executable, '-m', 'pip', 'install', '--no-cache-dir', *wanted], check=True)",
].join('; ');

export function dockerfile(detected: DetectedService): string {
  const header = (arg: string, what: string) =>
    `# ${what} pinned by digest for GitHub's runners; on the local stack \`paved stack up\` builds a
# stand-in and passes ${arg}=paved/... through the PAVED_BUILD_ARGS variable.
ARG ${arg}=${OFFICIAL_BASE_IMAGES[arg as keyof typeof OFFICIAL_BASE_IMAGES]}
`;
  if (detected.language === 'node') {
    return `${header('NODE_BASE', 'The official Node image')}FROM \${NODE_BASE}
WORKDIR /app
ENV NODE_ENV=production
# The build job's setup step has already run the install, so node_modules comes with the context.
COPY . /app/
CMD ["node", "/app/${detected.entry}"]
`;
  }
  if (detected.language === 'python') {
    const install = detected.hasDependencies
      ? `# The dependencies (requirements.txt, else pyproject.toml) are installed with pip where the base image has it (the official one). The
# local stack's stand-in has no pip and its engine no network: vendor the packages first
# (python3 -m pip install --target vendor -r requirements.txt); a vendor/ folder is used as is.
RUN ${JSON.stringify(['python3', '-c', PYTHON_INSTALL])}
`
      : '';
    return `${header('PYTHON_BASE', 'The official Python image')}FROM \${PYTHON_BASE}
WORKDIR /app
ENV PYTHONUNBUFFERED=1 PYTHONPATH=/app/vendor
COPY . /app/
${install}CMD ["python3", "/app/${detected.entry}"]
`;
  }
  return `${header('GO_BUILD', 'The official Go image (build stage only)')}FROM \${GO_BUILD} AS build
WORKDIR /src
ENV CGO_ENABLED=0
COPY . .
RUN ["go", "build", "-trimpath", "-ldflags=-s -w", "-o", "/out/service", "${detected.entry === '.' ? '.' : detected.entry}"]

# A static binary needs nothing else.
FROM scratch
COPY --from=build /out/service /service
ENTRYPOINT ["/service"]
`;
}

export const DOCKERIGNORE = `.git
.github
.paved
`;
