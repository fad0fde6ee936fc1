import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../common/domain-error';

/** ":number" in a route (already URL-decoded by the router): a positive case number, "#42" and "42" both accepted. */
@Injectable()
export class CaseNumberPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const match = typeof value === 'string' ? /^#?(\d{1,9})$/.exec(value) : null;
    const number = match ? Number(match[1]) : NaN;
    if (!Number.isInteger(number) || number < 1) {
      throw DomainError.validation([{ field: 'number', messages: ['number must be a case number such as 42'] }]);
    }
    return number;
  }
}
