import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer } from '@/test/fake-server';
import { signIn } from '@/test/render';
import { ApiError } from './api-error';
import { streamDashboard, type DashboardWidgetData } from './dashboards';

const projectId = '11111111-1111-4111-8111-111111111111';
const dashboardId = '33333333-3333-4333-8333-333333333333';
const route = 'POST /api/v1/projects/:projectId/dashboards/:dashboardId/data' as const;

/** An NDJSON body that arrives in the given chunks (lines cut anywhere). */
function ndjson(chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'application/x-ndjson' } });
}

const w1 = {
  id: 'w1',
  columns: [{ name: 'n', type: 'integer', label: 'N' }],
  rows: [[1]],
  applied: [],
};
const w3 = { id: 'w3', error: { code: 'query_failed', message: 'no', details: {} }, applied: [] };

describe('streamDashboard', () => {
  it('hands each widget over as its line arrives, even when a line is cut between chunks', async () => {
    signIn();
    const lines = `${JSON.stringify(w3)}\n${JSON.stringify(w1)}\n{"@end":{"widgets":2,"errors":1,"dashboardVersion":4}}\n`;
    const cut = lines.indexOf('"rows"');
    const fake = fakeServer({ [route]: () => ndjson([lines.slice(0, cut), lines.slice(cut)]) });
    const seen: DashboardWidgetData[] = [];
    const data = await streamDashboard(projectId, dashboardId, { filters: {} }, (w) =>
      seen.push(w),
    );
    expect(seen.map((w) => w.id)).toEqual(['w3', 'w1']);
    expect(data).toEqual({ dashboardId, dashboardVersion: 4, widgets: [w3, w1] });
    const call = fake.callsTo(route)[0];
    expect(call?.headers.get('Accept')).toBe('application/x-ndjson');
    expect(call?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(call?.body).toEqual({ filters: {} });
  });

  it('says so when the stream stops before its end line', async () => {
    signIn();
    fakeServer({ [route]: () => ndjson([`${JSON.stringify(w1)}\n`]) });
    const onWidget = vi.fn();
    await expect(streamDashboard(projectId, dashboardId, {}, onWidget)).rejects.toMatchObject({
      code: 'stream_cut',
    });
    expect(onWidget).toHaveBeenCalledTimes(1);
  });

  it("reads a plain JSON answer, and turns an error answer into the server's message", async () => {
    signIn();
    fakeServer({
      [route]: () =>
        new Response(JSON.stringify({ dashboardId, dashboardVersion: 2, widgets: [w1] }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    });
    const onWidget = vi.fn();
    expect((await streamDashboard(projectId, dashboardId, {}, onWidget)).widgets).toEqual([w1]);
    expect(onWidget).toHaveBeenCalledWith(w1);

    fakeServer({ [route]: () => apiError(400, 'validation_failed', 'Unknown filter f9') });
    const failure = streamDashboard(projectId, dashboardId, {}, onWidget);
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, message: 'Unknown filter f9' });
  });
});
