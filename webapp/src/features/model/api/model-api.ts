import { api, unwrap } from '@/lib/api/client';
import { allItems } from '@/lib/api/paging';
import type {
  ModelVersion,
  SemanticModel,
  SemanticModelInput,
  SemanticQuery,
  SemanticResult,
  Validation,
} from '../types';

const path = (projectId: string, datasetId: string) => ({
  params: { path: { projectId, datasetId } },
});

export function getModel(projectId: string, datasetId: string): Promise<SemanticModel> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/datasets/{datasetId}/model', path(projectId, datasetId)),
  );
}

/**
 * Replaces the model; `body.version` is the version edited (409 `stale_version` when someone saved
 * first; 409 `in_use` when it drops a measure a chart uses, unless `force`).
 */
export function putModel(
  projectId: string,
  datasetId: string,
  body: SemanticModelInput,
  force = false,
): Promise<SemanticModel> {
  return unwrap(
    api.PUT('/api/v1/projects/{projectId}/datasets/{datasetId}/model', {
      params: { path: { projectId, datasetId }, query: force ? { force: true } : {} },
      body,
    }),
  );
}

export function listModelVersions(projectId: string, datasetId: string): Promise<ModelVersion[]> {
  return allItems((query) =>
    unwrap(
      api.GET('/api/v1/projects/{projectId}/datasets/{datasetId}/model/versions', {
        params: { path: { projectId, datasetId }, query },
      }),
    ),
  );
}

export function restoreModelVersion(
  projectId: string,
  datasetId: string,
  version: number,
): Promise<SemanticModel> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/datasets/{datasetId}/model/versions/{version}/restore', {
      params: { path: { projectId, datasetId, version } },
    }),
  );
}

export function validateFormula(
  projectId: string,
  datasetId: string,
  body: { formula?: string; filter?: string; model?: SemanticModelInput },
  signal?: AbortSignal,
): Promise<Validation> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/datasets/{datasetId}/model/validate', {
      ...path(projectId, datasetId),
      body,
      signal,
    }),
  );
}

export function semanticQuery(
  projectId: string,
  body: SemanticQuery,
  signal?: AbortSignal,
): Promise<SemanticResult> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/semantic/query', {
      params: { path: { projectId } },
      body,
      signal,
    }),
  );
}
