// What the running stack means for a repository: the configuration variables the templates
// read, and the environments block of .github/paved.yml.
import path from 'node:path';
import type { StackState } from './state.js';

/** The gate's shortest windows: a local release is judged within about a minute. */
export const LOCAL_GATE = { PAVED_GATE_WINDOW: '30s', PAVED_BASELINE_WINDOW: '1m', PAVED_GATE_STEP: '1s' };

/** The configuration variables the templates read, as the running stack answers them. */
export function stackVariables(state: StackState, workspace: string): Record<string, string> {
  const name =
    path
      .basename(workspace)
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, '-') || 'service';
  return {
    PAVED_IMAGE: `${state.registry}/local/${name}`,
    PAVED_PROMETHEUS_URL: state.prometheusUrl,
    PAVED_PUSHGATEWAY_URL: state.pushgatewayUrl,
    ...LOCAL_GATE,
    PAVED_BUILD_ARGS: Object.entries(state.baseImages)
      .map(([arg, image]) => `${arg}=${image}`)
      .join('\n'),
  };
}

export function environmentsBlock(state: StackState): string {
  return [
    'environments:',
    ...state.environments.flatMap((environment) => [
      `  ${environment.name}:`,
      `    url: ${environment.url}`,
      `    host: ${state.dockerHost}`,
      `    proxy-url: ${environment.proxyUrl}`,
      `    proxy-route: ${environment.proxyRoute}`,
    ]),
  ].join('\n');
}
