/**
 * How the machine reaches the network and where its tools keep their settings: the proxies (both
 * spellings: curl reads lower-case, most others upper-case), the certificate authorities, the
 * XDG folders and the Docker client's settings. A child process needs them to work behind a
 * corporate proxy or CA exactly as the shell does.
 */
export const MACHINE_NETWORK_SETTINGS: readonly string[] = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'NODE_EXTRA_CA_CERTS',
  'NODE_USE_ENV_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'GIT_SSL_CAINFO',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'XDG_DATA_HOME',
  'DOCKER_HOST',
  'DOCKER_CONFIG',
  'DOCKER_CONTEXT',
  'DOCKER_CERT_PATH',
  'DOCKER_TLS_VERIFY',
];

/**
 * What a child process Paved starts may inherit from the runner: where programs and the user
 * are, locale and time zone, proxies and certificate authorities, and the tools' own settings
 * (npm, pip, uv, poetry, Go, corepack, Docker). Never the action's inputs (`INPUT_*` holds the
 * GitHub token, the SSH key and raw secrets), the runner's tokens (`ACTIONS_RUNTIME_TOKEN`,
 * `ACTIONS_ID_TOKEN_REQUEST_*`, `ACTIONS_CACHE_URL`…) or `GITHUB_TOKEN`: a dependency's install
 * script or a deploy command must not be able to read them.
 */
const NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'TERM',
  'CI',
  'RUNNER_TEMP',
  'RUNNER_TOOL_CACHE',
  'RUNNER_OS',
  'RUNNER_ARCH',
  ...MACHINE_NETWORK_SETTINGS,
  'NODE_AUTH_TOKEN',
  'SSH_AUTH_SOCK',
  'XDG_RUNTIME_DIR',
  'DOCKER_BUILDKIT',
]);
const PREFIXES = [
  'LC_',
  'npm_config_',
  'NPM_CONFIG_',
  'PIP_',
  'UV_',
  'POETRY_',
  'GO',
  'CGO_',
  'COREPACK_',
  'YARN_',
  'PNPM_',
];
/** Inherited prefixes that could still name a runner credential. */
const NEVER = /^(INPUT_|ACTIONS_|GITHUB_TOKEN$|STATE_)/;

/** The minimal environment for a child process, plus what the caller adds on purpose. */
export function childEnvironment(
  extra: Record<string, string | undefined> = {},
  from: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(from)) {
    if (value === undefined || NEVER.test(name)) continue;
    if (NAMES.has(name) || PREFIXES.some((prefix) => name.startsWith(prefix))) env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  return env;
}
