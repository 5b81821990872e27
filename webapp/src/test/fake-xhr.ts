import { act } from '@testing-library/react';
import { vi } from 'vitest';

/**
 * A controllable XMLHttpRequest for upload tests: each `send` is recorded, and the test decides
 * when bytes go out (`progress`), how the server answers (`respond`) or that the network failed.
 */
export class FakeXhr {
  static instances: FakeXhr[] = [];

  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
  aborted = false;
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.instances.push(this);
  }

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }

  send(body: FormData) {
    this.body = body;
  }

  abort() {
    this.aborted = true;
    this.onabort?.();
  }

  /** Bytes sent so far. */
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent));
  }

  respond(status: number, body?: unknown) {
    this.status = status;
    this.responseText = body === undefined ? '' : JSON.stringify(body);
    act(() => this.onload?.());
  }

  fail() {
    act(() => this.onerror?.());
  }
}

export function installFakeXhr() {
  FakeXhr.instances = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return {
    get requests() {
      return FakeXhr.instances;
    },
    /** The latest request, once it has been sent. */
    async next(): Promise<FakeXhr> {
      await vi.waitFor(() => {
        const last = FakeXhr.instances[FakeXhr.instances.length - 1];
        if (!last?.body) throw new Error('no upload sent yet');
      });
      return FakeXhr.instances[FakeXhr.instances.length - 1] as FakeXhr;
    },
  };
}
