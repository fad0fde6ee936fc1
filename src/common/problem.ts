import { HttpException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, FieldError } from './domain-error';

/** An RFC 9457 problem document, with our stable `code` and, for unexpected errors, an error id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  errorId?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  431: 'Request Header Fields Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fastify's own errors (parsing, body limit) carry a code and a 4xx status. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  FST_ERR_BAD_URL: 'invalid_url',
};

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  408: 'request_timeout',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
  503: 'unavailable',
};

export function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `about:blank#${code}`, title: TITLES[status] ?? 'Error', status, code, detail, ...extra };
}

/** Maps any thrown value to a problem; `unexpected` is set when it deserves an error id and a log line. */
export function toProblem(error: unknown): { problem: Problem; unexpected: boolean } {
  if (error instanceof DomainError) {
    return { problem: problem(error.status, error.code, error.message, error.fields ? { errors: error.fields } : {}), unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'object' && response && 'message' in response ? (response as { message: unknown }).message : error.message;
    if (status < 500) {
      return { problem: problem(status, HTTP_CODES[status] ?? 'http_error', Array.isArray(message) ? message.join('; ') : String(message)), unexpected: false };
    }
  }
  const fastify = error as { code?: string; statusCode?: number; message?: string };
  if (fastify && typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const code = (fastify.code && FASTIFY_CODES[fastify.code]) ?? HTTP_CODES[fastify.statusCode] ?? 'bad_request';
    return { problem: problem(fastify.statusCode, code, fastify.message ?? 'Bad request'), unexpected: false };
  }
  const errorId = randomUUID();
  return {
    problem: problem(500, 'internal_error', `Something went wrong on our side. Quote error id ${errorId} when reporting it.`, { errorId }),
    unexpected: true,
  };
}
