// What a self-hosted runner's steps inherit from the machine: the runner service's environment
// carries the proxy, the CA bundle and the tools' configuration, so `npm ci` behind a corporate
// proxy works in a step as it does in the shell. Only these named settings pass: never a token,
// an INPUT_* or anything else the shell happens to hold.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MACHINE_NETWORK_SETTINGS } from '@paved/core/action';

const EXACT = new Set([
  ...MACHINE_NETWORK_SETTINGS,
  // Where tools keep their configuration and caches.
  'GOPROXY',
  'GOPRIVATE',
  'GONOSUMDB',
  'GONOPROXY',
  'GOFLAGS',
  'GOPATH',
  'GOMODCACHE',
  'GOCACHE',
  'PIP_CONFIG_FILE',
  'PIP_INDEX_URL',
  'PIP_EXTRA_INDEX_URL',
  'PIP_TRUSTED_HOST',
  'PIP_CERT',
  'UV_INDEX_URL',
  'UV_EXTRA_INDEX_URL',
  'UV_NATIVE_TLS',
  'YARN_REGISTRY',
  'YARN_CAFILE',
  'YARN_HTTPS_PROXY',
  'YARN_HTTP_PROXY',
]);

// npm reads its settings from npm_config_<key> in either case; only the ones about where and
// how to fetch pass (npm run sets dozens more that describe the parent npm, not the user).
const NPM_KEYS =
  /^npm_config_(registry|cafile|ca|userconfig|globalconfig|strict_ssl|proxy|https_proxy|noproxy|cache|always_auth|@[^_]+:registry)$/i;

export function hostEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  execPath = process.execPath,
): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    if (EXACT.has(name) || NPM_KEYS.test(name)) passed[name] = value;
  }
  // The global npmrc sits under the prefix of the Node that runs npm; a step may run another
  // Node (setup's), which would look elsewhere, so point it at the user's.
  const globalNpmrc = path.join(path.dirname(path.dirname(execPath)), 'etc', 'npmrc');
  const named = Object.keys(passed).some((name) => /^npm_config_globalconfig$/i.test(name));
  if (!named && existsSync(globalNpmrc)) passed.NPM_CONFIG_GLOBALCONFIG = globalNpmrc;
  return passed;
}
