// Public surface of the model feature: the dataset page mounts the Model tab.
export { ModelTab } from './components/model-tab';
export { modelKeys } from './hooks/use-model';
export { getModel, semanticQuery } from './api/model-api';
export { useModel } from './hooks/use-model';
export type {
  Dimension,
  Measure,
  MeasureFormat,
  SemanticModel,
  SemanticQuery,
  SemanticResult,
} from './types';
