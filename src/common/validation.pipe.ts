import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from './domain-error';
import { unsafeInputFields } from './input-guard';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An explicit null means "clear this field" only where the DTO documents it (`nullable: true` in
 * its @ApiProperty, as the OpenAPI document shows); elsewhere it is refused, since @IsOptional
 * would let it through to a column that cannot be null.
 */
/** Where @nestjs/swagger keeps an @ApiProperty's options (its DECORATORS.API_MODEL_PROPERTIES, not exported). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

function nullFields(body: Record<string, unknown>, metatype: abstract new (...args: never[]) => unknown): FieldError[] {
  return Object.keys(body)
    .filter((key) => body[key] === null)
    .filter((key) => !(Reflect.getMetadata(API_MODEL_PROPERTIES, metatype.prototype as object, key) as { nullable?: boolean } | undefined)?.nullable)
    .map((field) => ({ field, messages: [`${field} must not be null; leave it out to keep the current value`] }));
}

/**
 * Validates bodies and query strings against their DTO classes, after the input guard has refused
 * what would break a validator or Postgres (deep nesting, NUL, lone surrogates) in every body,
 * query and path parameter. Route parameters are otherwise left to the pipes the route names
 * (CaseNumberPipe, UuidPipe): converting ":number" to a JS number first would turn "#42" into NaN.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const root = metadata.type === 'body' ? 'body' : (metadata.data ?? metadata.type);
    if (metadata.type === 'body' && !metadata.data && metadata.metatype && this.toValidate(metadata) && !isPlainObject(value)) {
      throw DomainError.validation([{ field: 'body', messages: ['the body must be a JSON object'] }]);
    }
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const unsafe = unsafeInputFields(value, root);
      if (unsafe.length > 0) throw DomainError.validation(unsafe);
    }
    if (metadata.type === 'param') return value;
    if (metadata.type === 'body' && metadata.metatype && this.toValidate(metadata) && isPlainObject(value)) {
      const nulls = nullFields(value, metadata.metatype);
      if (nulls.length > 0) throw DomainError.validation(nulls);
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
