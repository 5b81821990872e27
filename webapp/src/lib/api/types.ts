import type { components } from './schema';

/** Shorthand for a schema in the generated contract: `Schema<'Project'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type ErrorBody = Schema<'Error'>;
