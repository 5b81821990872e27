import type { Role } from '@/lib/roles';
import { json, type Handler } from '@/test/fake-server';
import { dataset } from '@/test/dataset';
import type { Dataset } from './types';

export const me = {
  id: 'u1',
  email: 'ada@example.com',
  name: 'Ada',
  createdAt: '2024-01-01T00:00:00Z',
};

export function project(role: Role) {
  return {
    id: 'p1',
    name: 'Weather',
    description: null,
    role,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
  };
}

export { dataset };

/** The routes every dataset screen reads, for a member with `role`. */
export function baseRoutes(role: Role, datasets: Dataset[] = []): Record<string, Handler> {
  return {
    'GET /api/v1/auth/me': () => json(200, me),
    'GET /api/v1/projects/:projectId': () => json(200, project(role)),
    'GET /api/v1/projects/:projectId/datasets': () => json(200, { items: datasets }),
  };
}

/** A text/event-stream body the test writes to, event by event. */
export function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  return {
    response: () =>
      new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send(event: string, data: unknown) {
      controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    },
    close() {
      controller.close();
    },
  };
}
