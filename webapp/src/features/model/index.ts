// Public surface of the model feature: the dataset page mounts the Model tab.
export { ModelTab } from './components/model-tab';
export { modelKeys } from './hooks/use-model';
