import { vi } from 'vitest';
import type { paths } from '@/lib/api/schema';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
/** '/projects/{projectId}' → '/projects/:projectId', the fake server's pattern syntax. */
type Colon<P extends string> = P extends `${infer A}{${infer N}}${infer B}`
  ? `${A}:${N}${Colon<B>}`
  : P;
type OperationAt<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Pairs = {
  [P in Extract<keyof paths, string>]: {
    [M in Method]: [OperationAt<P, M>] extends [never] ? never : [P, M];
  }[Method];
}[Extract<keyof paths, string>];
/** Every operation of the contract (generated from openapi.yaml), keyed as 'GET /api/v1/…/:param'. */
type RouteTable = { [T in Pairs as `${Uppercase<T[1]>} ${Colon<T[0]>}`]: OperationAt<T[0], T[1]> };
/** A route the fake server may answer: only operations the contract has (a typo or a removed route fails tsc). */
export type RouteKey = keyof RouteTable;
type Responses<K extends RouteKey> = RouteTable[K] extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/**
 * A fake network boundary for component tests: routes like 'GET /api/v1/projects/:projectId'
 * map to handlers; anything unrouted answers 404 in the API's error envelope. Every call is
 * recorded so tests can assert what was sent.
 */
export interface FakeRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export type Handler = (request: FakeRequest) => Response | Promise<Response>;

export function json(status: number, body?: unknown): Response {
  if (status === 204 || body === undefined) return new Response(null, { status });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/**
 * A JSON answer whose body the compiler checks against the contract's schema for that operation
 * and status, e.g. `reply('GET /api/v1/projects/:projectId', 200, project)`.
 */
export function reply<K extends RouteKey, S extends keyof Responses<K> & number>(
  _route: K,
  status: S,
  body: JsonOf<Responses<K>[S]>,
): Response {
  return json(status, body);
}

export function apiError(status: number, code: string, message: string): Response {
  return json(status, { error: { code, message, details: {} } });
}

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? '';
    const actual = got[i] ?? '';
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(actual);
    else if (segment !== actual) return null;
  }
  return params;
}

export function fakeServer(routes: Partial<Record<RouteKey, Handler>>) {
  const calls: FakeRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const base = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    for (const [key, handler] of Object.entries(routes) as [RouteKey, Handler | undefined][]) {
      if (!handler) continue;
      const [method, pattern = ''] = key.split(' ');
      const params = method === request.method ? match(pattern, url.pathname) : null;
      if (params) {
        const call = { ...base, params };
        calls.push(call);
        return handler(call);
      }
    }
    calls.push({ ...base, params: {} });
    return apiError(404, 'not_found', `No route for ${request.method} ${url.pathname}`);
  });
  vi.stubGlobal('fetch', fetch);
  return {
    calls,
    fetch,
    /** Calls made to one route key, e.g. 'POST /api/v1/projects'. */
    callsTo(key: RouteKey) {
      const [method, pattern = ''] = key.split(' ');
      return calls.filter((call) => call.method === method && match(pattern, call.path));
    },
  };
}
