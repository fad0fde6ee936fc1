import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** The component every error answer refers to; openapi.ts defines it. */
export const PROBLEM_SCHEMA_REF = '#/components/schemas/Problem';

/**
 * Documents errors an operation gives beyond the ones openapi.ts infers from its route (a 404 on a
 * route without a path parameter, a 409 on a read, a 503), as problem+json.
 */
export function ApiProblem(status: number, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: PROBLEM_SCHEMA_REF } } } }));
}
