import { xhrUpload, type UploadProgress } from '@/lib/api/xhr-upload';
import type { Dataset, VersionMode } from '../types';

export interface UploadCallbacks {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

function form(file: File, fields: Record<string, string | undefined>): FormData {
  const body = new FormData();
  // Text fields first: the server reads the multipart body as a stream, in order.
  for (const [key, value] of Object.entries(fields)) if (value) body.append(key, value);
  body.append('file', file, file.name);
  return body;
}

/** POST …/datasets: answers 202 with the dataset as soon as the file is received. */
export function uploadDataset(
  projectId: string,
  file: File,
  name: string | undefined,
  callbacks: UploadCallbacks = {},
): Promise<Dataset> {
  return xhrUpload<Dataset>({
    url: `/api/v1/projects/${encodeURIComponent(projectId)}/datasets`,
    body: form(file, { name: name?.trim() || undefined }),
    ...callbacks,
  });
}

/** POST …/datasets/{id}/versions?mode=replace|append. */
export function uploadDatasetVersion(
  projectId: string,
  datasetId: string,
  file: File,
  mode: VersionMode,
  callbacks: UploadCallbacks = {},
): Promise<Dataset> {
  return xhrUpload<Dataset>({
    url: `/api/v1/projects/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(datasetId)}/versions?mode=${mode}`,
    body: form(file, {}),
    ...callbacks,
  });
}
