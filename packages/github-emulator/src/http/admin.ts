import type { SeedData } from '../state/seed.js';
import type { FaultRegistry, FaultSpec } from './faults.js';
import type { Reply } from '../resources/handler.js';
import type { RequestLog } from './request-log.js';

export const ADMIN_PREFIX = '/_emulator';

export interface AdminTarget {
  faults: FaultRegistry;
  log: RequestLog;
  seed(data: SeedData): void;
  snapshot(): unknown;
  save(): void;
}

/**
 * Control endpoints for processes that cannot call the TypeScript API (the CLI emulator used by
 * workflow runs): faults, the request log, seeding, state. No authentication: loopback only.
 */
export function handleAdmin(target: AdminTarget, method: string, path: string, rawBody: string): Reply {
  const body = rawBody.trim() === '' ? undefined : (JSON.parse(rawBody) as unknown);
  const route = `${method} ${path.slice(ADMIN_PREFIX.length) || '/'}`;
  switch (route) {
    case 'GET /health':
      return { status: 200, body: { ok: true } };
    case 'GET /faults':
      return { status: 200, body: target.faults.list() };
    case 'POST /faults': {
      const specs = (Array.isArray(body) ? body : [body]) as FaultSpec[];
      return { status: 201, body: specs.map((spec) => target.faults.add(spec)) };
    }
    case 'DELETE /faults':
      target.faults.clear();
      return { status: 204 };
    case 'GET /requests':
      return { status: 200, body: target.log.all() };
    case 'DELETE /requests':
      target.log.clear();
      return { status: 204 };
    case 'POST /seed':
      target.seed((body ?? {}) as SeedData);
      return { status: 204 };
    case 'GET /state':
      return { status: 200, body: target.snapshot() };
    case 'POST /save':
      target.save();
      return { status: 204 };
    default:
      return {
        status: 404,
        body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' },
      };
  }
}
