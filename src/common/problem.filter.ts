import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem';
import { UnexpectedErrorLog } from './problem-log';

/** Every HTTP error leaves as application/problem+json; unexpected ones are logged with their error id. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error; // Discord interactions have their own filter
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    sendProblem(error, request, reply, this.logger);
  }
}

const unexpectedLog = new UnexpectedErrorLog();

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { problem, unexpected } = toProblem(error);
  // Client errors (4xx) are in the request log line already; only unexpected ones get their own.
  if (unexpected) unexpectedLog.log(logger, error, { errorId: problem.errorId!, reqId: String(request.id), method: request.method, url: request.url });
  problem.instance = request.url;
  // Also set by an onSend hook, which errors raised by the router itself (a malformed URL) skip.
  void reply.header('x-request-id', request.id);
  if (problem.status === 401) void reply.header('www-authenticate', 'Bearer');
  if (problem.status === 429 && error && typeof error === 'object' && 'retryAfterSeconds' in error) {
    void reply.header('retry-after', String((error as { retryAfterSeconds: number }).retryAfterSeconds));
  }
  void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}
