import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from './domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const isPlainObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Postgres text cannot hold U+0000: such a value would fail in the database, so it is refused up front. */
function fieldsWithNul(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || 'body'] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => fieldsWithNul(inner, path ? `${path}.${key}` : key));
}

/**
 * Validates bodies and query strings against their DTO classes. Route parameters are left to the
 * pipes the route names (e.g. CaseNumberPipe): converting ":number" to a JS number first would turn
 * "#42" into NaN and accept "1e3" or "0x10" as numbers.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param') return value;
    if (metadata.type === 'body' && !metadata.data && metadata.metatype && this.toValidate(metadata) && !isPlainObject(value)) {
      throw DomainError.validation([{ field: 'body', messages: ['the body must be a JSON object'] }]);
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const fields = fieldsWithNul(value);
      if (fields.length > 0) throw DomainError.validation(fields.map((field) => ({ field, messages: [`${field} must not contain NUL characters`] })));
    }
    return super.transform(value, metadata);
  }
}

/** Whitelists DTO fields, rejects unknown ones, converts types, and names every bad field. */
export const appValidationPipe = () =>
  new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => DomainError.validation(flatten(errors)),
  });
