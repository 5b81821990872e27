import type { paths } from '@/lib/api/schema';
import type { Schema } from '@/lib/api/types';

export type SemanticModel = Schema<'SemanticModel'>;
export type SemanticModelInput = Schema<'SemanticModelInput'>;
export type Measure = Schema<'Measure'>;
export type Dimension = Schema<'Dimension'>;
export type Relationship = Schema<'Relationship'>;
export type MeasureFormat = Schema<'MeasureFormat'>;
export type ModelProblem = Schema<'ModelProblem'>;
export type SemanticQuery = Schema<'SemanticQuery'>;
export type SemanticResult = Schema<'SemanticResult'>;

type Json<Response> = Response extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

export type ModelVersion = Json<
  paths['/api/v1/projects/{projectId}/datasets/{datasetId}/model/versions']['get']['responses']['200']
>['items'][number];
export type Validation = Json<
  paths['/api/v1/projects/{projectId}/datasets/{datasetId}/model/validate']['post']['responses']['200']
>;
export type Aggregation = NonNullable<Measure['aggregation']>;
