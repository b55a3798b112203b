import { resolveLocalRef, type OpenApiDocument, type OpenApiOperation, type OpenApiParameter } from './spec.js';

export interface Route {
  method: string;
  template: string;
  operation: OpenApiOperation;
  parameters: OpenApiParameter[];
  pattern: RegExp;
  pathParameterNames: string[];
  /** Literal segments win over parameters: /issues/comments/{id} before /issues/{number}. */
  literalSegments: number;
}

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

/** Routes requests to the operations the emulator implements, using the paths of GitHub's description. */
export class Router {
  private readonly routes: Route[] = [];

  constructor(document: OpenApiDocument, implementedOperationIds: ReadonlySet<string>) {
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, value] of Object.entries(item)) {
        const operation = value as OpenApiOperation;
        if (!operation || typeof operation !== 'object' || !implementedOperationIds.has(operation.operationId))
          continue;
        const parameters = (operation.parameters ?? []).map((p) => resolveLocalRef<OpenApiParameter>(document, p));
        this.routes.push(compileRoute(method.toUpperCase(), template, operation, parameters));
      }
    }
    this.routes.sort((a, b) => b.literalSegments - a.literalSegments);
    const found = new Set(this.routes.map((route) => route.operation.operationId));
    const missing = [...implementedOperationIds].filter((id) => !found.has(id));
    if (missing.length > 0) throw new Error(`Operations not in GitHub's description: ${missing.join(', ')}`);
  }

  match(method: string, path: string): RouteMatch | 'method-not-allowed' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const pathParameters: Record<string, string> = {};
      route.pathParameterNames.forEach((name, index) => {
        pathParameters[name] = decodeURIComponent(match[index + 1] ?? '');
      });
      return { route, pathParameters };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }
}

function compileRoute(
  method: string,
  template: string,
  operation: OpenApiOperation,
  parameters: OpenApiParameter[],
): Route {
  const pathParameterNames: string[] = [];
  let literalSegments = 0;
  const source = template
    .split('/')
    .map((segment) => {
      const name = /^\{(.+)\}$/.exec(segment)?.[1];
      if (!name) {
        literalSegments += 1;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      pathParameterNames.push(name);
      const multiSegment = parameters.find((p) => p.name === name && p.in === 'path')?.['x-multi-segment'];
      return multiSegment ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return {
    method,
    template,
    operation,
    parameters,
    pattern: new RegExp(`^${source}$`),
    pathParameterNames,
    literalSegments,
  };
}
