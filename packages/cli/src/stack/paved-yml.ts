// Puts the running stack's environments into .github/paved.yml, keeping everything else in the
// file (comments included) and each environment's other settings.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadPavedConfig } from '@paved/core/config';
import { parseDocument } from 'yaml';
import type { StackState } from './state.js';

export const PAVED_YML = path.join('.github', 'paved.yml');

export function writeEnvironments(workspace: string, state: StackState): string {
  const file = path.join(workspace, PAVED_YML);
  const document = parseDocument(
    existsSync(file) ? readFileSync(file, 'utf8') : `service: ${path.basename(workspace).toLowerCase()}\n`,
  );
  if (document.errors.length > 0) throw new Error(`${PAVED_YML}: ${document.errors[0]!.message}`);
  for (const environment of state.environments) {
    const at = (key: string) => ['environments', environment.name, key];
    document.setIn(at('url'), environment.url);
    document.setIn(at('host'), state.dockerHost);
    document.setIn(at('proxy-url'), environment.proxyUrl);
    document.setIn(at('proxy-route'), environment.proxyRoute);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, document.toString());
  // The deploy action reads it with this loader: a file it would refuse is not left behind silently.
  loadPavedConfig(file, workspace);
  return file;
}
