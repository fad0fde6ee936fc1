import { Injectable, PipeTransform } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import { DomainError } from './domain-error';

/** An RFC 9562 uuid as Postgres' uuid type reads it: hex digits in 8-4-4-4-12 groups. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A route parameter that must be a uuid: anything else is a 400 naming it, never a query on a uuid column. */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (isUuid(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw DomainError.validation([{ field, messages: [`${field} must be a uuid such as 3f1c9a52-7b0e-4d2a-9c4f-0e8b6a1d2c3e`] }]);
  }
}
