import type { InputReader } from '@paved/core/action';

export const LANGUAGES = ['node', 'python', 'go'] as const;
export const CACHE_MODES = ['read-write', 'read-only', 'off'] as const;

export interface Inputs {
  'working-directory': string;
  languages: (typeof LANGUAGES)[number][];
  'node-version'?: string;
  'python-version'?: string;
  'go-version'?: string;
  mirror?: URL;
  install: boolean;
  cache: (typeof CACHE_MODES)[number];
  'cache-dependency-path': string[];
  token?: string;
}

export function readInputs(read: InputReader): Inputs {
  return {
    'working-directory': read.path('working-directory', { default: '.', mustExist: 'directory', required: true }),
    languages: read.enumList('languages', LANGUAGES),
    'node-version': read.string('node-version'),
    'python-version': read.string('python-version'),
    'go-version': read.string('go-version'),
    mirror: read.url('mirror'),
    install: read.boolean('install', { default: true }),
    cache: read.enum('cache', CACHE_MODES, { default: 'read-write' }),
    'cache-dependency-path': read.list('cache-dependency-path', { comma: false }),
    token: read.secret('token'),
  };
}
