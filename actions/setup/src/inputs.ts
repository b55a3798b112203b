import type { InputReader } from '@paved/core/action';
import { SETUP_CACHE_MODES, SETUP_LANGUAGES } from '@paved/core/setup';
import type { SetupCacheMode, SetupLanguage } from '@paved/core/setup';

export interface Inputs {
  'working-directory': string;
  languages: SetupLanguage[];
  'node-version'?: string;
  'python-version'?: string;
  'go-version'?: string;
  mirror?: URL;
  install: boolean;
  cache: SetupCacheMode;
  'cache-dependency-path': string[];
  token?: string;
}

export function readInputs(read: InputReader): Inputs {
  return {
    'working-directory': read.path('working-directory', { default: '.', mustExist: 'directory', required: true }),
    languages: read.enumList('languages', SETUP_LANGUAGES),
    'node-version': read.string('node-version'),
    'python-version': read.string('python-version'),
    'go-version': read.string('go-version'),
    mirror: read.url('mirror'),
    install: read.boolean('install', { default: true }),
    cache: read.enum('cache', SETUP_CACHE_MODES, { default: 'read-write' }),
    'cache-dependency-path': read.list('cache-dependency-path', { comma: false }),
    token: read.secret('token'),
  };
}
