import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Paved checkout this command runs from, found from this file's own place (the bin
 * resolves symlinks, so an `npm install`ed or `npx`ed cli lands here too): its actions run
 * from dist/, its reusable workflows and templates are read from here.
 */
export const PAVED_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
