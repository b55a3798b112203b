import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { UserError } from '../../action/errors.js';
import { loadKubeconfigFile, parseKubeconfig, type KubeConnection } from '../../kubernetes/index.js';

export interface ConnectionSource {
  /** Kubeconfig text from the kubeconfig input (a secret). */
  kubeconfig?: string;
  /** The context to use instead of current-context. */
  context?: string;
  /** The runner's environment: KUBECONFIG and HOME name its current context. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The cluster and user a release talks to: the kubeconfig input when given, else the runner's
 * current context (the first file of KUBECONFIG, else ~/.kube/config), as kubectl would pick it.
 * The input is parsed in memory: no other process needs it, so it never touches the disk.
 */
export async function connectionFor(source: ConnectionSource): Promise<KubeConnection> {
  const options = source.context ? { context: source.context } : {};
  if (source.kubeconfig) {
    maskCredentialLines(source.kubeconfig);
    return parseKubeconfig(source.kubeconfig, { ...options, source: "input 'kubeconfig'" });
  }
  const env = source.env ?? process.env;
  const listed = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  const home = env.HOME || os.homedir();
  const candidates = listed.length > 0 ? listed : [path.join(home, '.kube', 'config')];
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) {
    throw new UserError(
      `No kubeconfig for the kubernetes target: set the kubeconfig input to a secret holding one, or give the ` +
        `runner a current context (${listed.length > 0 ? `KUBECONFIG names ${listed.join(', ')}, which do not exist` : `no KUBECONFIG and no ${candidates[0]}`}).`,
    );
  }
  if (listed.length > 1) core.info(`Using ${file}, the first existing file of KUBECONFIG`);
  return loadKubeconfigFile(file, { ...options, source: `file ${file}` });
}

/**
 * The runner masks line by line: besides the input as a whole, each credential value in it is
 * masked on its own, so a line of it quoted in an error never shows.
 */
function maskCredentialLines(text: string): void {
  for (const match of text.matchAll(/^\s*"?(token|client-key-data|password)"?\s*:\s*"?([^"\s]+)"?/gm)) {
    if ((match[2] ?? '').length >= 8) core.setSecret(match[2]!);
  }
}
