import type { paths } from '@/lib/api/schema';
import type { Schema } from '@/lib/api/types';

export type AskRequest = Schema<'AskRequest'>;
export type AskAnswer = Schema<'AskAnswer'>;
export type Chart = Schema<'Chart'>;
export type ChartType = Chart['type'];
export type AskExchange = Schema<'AskExchange'>;
export type AskPlan = Schema<'AskPlan'>;
export type AskInterpretation = Schema<'AskInterpretation'>;
export type AskInterpretationPart = Schema<'AskInterpretationPart'>;
export type AskAlternative = Schema<'AskAlternative'>;

type Json<Response> = Response extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

export type ThreadSummary = Json<
  paths['/api/v1/projects/{projectId}/threads']['get']['responses']['200']
>['items'][number];
export type Thread = Json<
  paths['/api/v1/projects/{projectId}/threads/{threadId}']['get']['responses']['200']
>;
export type GoldenQuestion = Schema<'GoldenQuestion'>;
export type GoldenVerdict = Schema<'GoldenVerdict'>;
export type NewGoldenQuestion = NonNullable<
  paths['/api/v1/projects/{projectId}/golden-questions']['post']['requestBody']
>['content']['application/json'];
export type GoldenRun = Json<
  paths['/api/v1/projects/{projectId}/golden-questions/run']['post']['responses']['200']
>;
export type AskDashboardContext = Schema<'AskDashboardContext'>;
export type AskAppliedFilter = Schema<'AskAppliedFilter'>;
