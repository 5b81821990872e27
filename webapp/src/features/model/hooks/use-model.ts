import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { memberUsedBy } from '@/lib/api/used-by';
import { useDebounced } from '@/lib/use-debounced';
import {
  getModel,
  listModelVersions,
  putModel,
  restoreModelVersion,
  semanticQuery,
  validateFormula,
} from '../api/model-api';
import type { SemanticModel, SemanticModelInput } from '../types';

/** A dataset's model lives under ['projects', id, 'datasets', datasetId, 'model']. */
export const modelKeys = {
  detail: (projectId: string, datasetId: string) =>
    ['projects', projectId, 'datasets', datasetId, 'model'] as const,
  versions: (projectId: string, datasetId: string) =>
    [...modelKeys.detail(projectId, datasetId), 'versions'] as const,
  validate: (projectId: string, datasetId: string, version: number, formula: string) =>
    [...modelKeys.detail(projectId, datasetId), 'validate', version, formula] as const,
  preview: (projectId: string, tableName: string, version: number, formula: string) =>
    ['projects', projectId, 'semantic', tableName, version, formula] as const,
};

export function useModel(projectId: string, datasetId: string) {
  return useQuery({
    queryKey: modelKeys.detail(projectId, datasetId),
    queryFn: () => getModel(projectId, datasetId),
  });
}

export function useModelVersions(
  projectId: string,
  datasetId: string,
  version: number | undefined,
) {
  return useQuery({
    queryKey: [...modelKeys.versions(projectId, datasetId), version],
    queryFn: () => listModelVersions(projectId, datasetId),
    enabled: version !== undefined,
  });
}

function useModelWrite<Input>(
  projectId: string,
  datasetId: string,
  write: (input: Input) => Promise<SemanticModel>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (model) => {
      queryClient.setQueryData(modelKeys.detail(projectId, datasetId), model);
      void queryClient.invalidateQueries({ queryKey: modelKeys.versions(projectId, datasetId) });
    },
  });
}

export function useSaveModel(projectId: string, datasetId: string) {
  return useModelWrite(
    projectId,
    datasetId,
    ({ body, force = false }: { body: SemanticModelInput; force?: boolean }) =>
      putModel(projectId, datasetId, body, force),
  );
}

/** The charts and dashboards using one member; fetched only while `enabled` (a row is opened). */
export function useMemberUsedBy(
  projectId: string,
  datasetId: string,
  member: string,
  enabled: boolean,
) {
  return useQuery({
    queryKey: [...modelKeys.detail(projectId, datasetId), 'used-by', member],
    queryFn: () => memberUsedBy(projectId, datasetId, member),
    enabled,
  });
}

export function useRestoreModel(projectId: string, datasetId: string) {
  return useModelWrite(projectId, datasetId, (version: number) =>
    restoreModelVersion(projectId, datasetId, version),
  );
}

/** The server's verdict on a formula draft (type or problems with positions), as it is typed. */
export function useFormulaCheck(
  projectId: string,
  datasetId: string,
  modelVersion: number,
  formula: string,
) {
  const settled = useDebounced(formula.trim(), 300);
  return useQuery({
    queryKey: modelKeys.validate(projectId, datasetId, modelVersion, settled),
    queryFn: ({ signal }) => validateFormula(projectId, datasetId, { formula: settled }, signal),
    enabled: settled.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** The value of a valid formula over the whole dataset: the live preview. */
export function useFormulaPreview(
  projectId: string,
  tableName: string,
  modelVersion: number,
  formula: string,
  valid: boolean,
) {
  const settled = useDebounced(formula.trim(), 300);
  return useQuery({
    queryKey: modelKeys.preview(projectId, tableName, modelVersion, settled),
    queryFn: ({ signal }) =>
      semanticQuery(
        projectId,
        { dataset: tableName, measures: [{ formula: settled, as: 'preview' }] },
        signal,
      ),
    enabled: valid && settled.length > 0,
  });
}
