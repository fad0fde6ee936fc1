import { Controller, Get, Module } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { Public } from '../../src/auth/roles';
import { ObservedResponse, OpenApiDocument, OpenApiResponseChecker } from '../utils/openapi-responses';
import { Role } from '../../src/generated/prisma/enums';
import { SseClient } from '../desk/sse-client';
import { eventually } from '../utils/eventually';
import { createTestApp } from '../utils/test-app';

/**
 * The check every e2e file runs on its responses (test/utils/test-app.ts) must itself catch drift:
 * a wrong type, an undocumented field, status or content type, and errors that are not problem+json.
 */
describe('OpenAPI response check', () => {
  const problemRef = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  const document: OpenApiDocument = {
    paths: {
      '/things/{id}': {
        get: {
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            '404': { content: problemRef },
          },
        },
        delete: { responses: { '204': { description: 'gone' } } },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          required: ['id', 'name', 'closedAt'],
          properties: { id: { type: 'integer' }, name: { type: 'string' }, closedAt: { type: 'string', format: 'date-time', nullable: true } },
        },
        Problem: { type: 'object', required: ['status', 'title'], properties: { status: { type: 'integer' }, title: { type: 'string' } } },
      },
    },
  };
  const seen = (overrides: Partial<ObservedResponse>): ObservedResponse => ({
    method: 'GET', route: '/things/:id', url: '/things/1', status: 200, contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ id: 1, name: 'a', closedAt: null }), ...overrides,
  });
  const violationsOf = (...responses: ObservedResponse[]) => {
    const checker = new OpenApiResponseChecker(document);
    responses.forEach((response) => checker.check(response));
    return checker.violations;
  };

  it('accepts what the document describes, null where it is nullable', () => {
    expect(violationsOf(
      seen({}),
      seen({ body: JSON.stringify({ id: 2, name: 'b', closedAt: '2026-01-01T10:00:00.000Z' }) }),
      seen({ method: 'HEAD', body: '' }),
      seen({ method: 'DELETE', status: 204, contentType: undefined, body: '' }),
      seen({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ status: 404, title: 'Not Found' }) }),
      seen({ route: undefined, url: '/nowhere', status: 404, contentType: 'application/problem+json', body: JSON.stringify({ status: 404, title: 'Not Found' }) }),
    )).toEqual([]);
  });

  it.each([
    ['a wrong type', seen({ body: JSON.stringify({ id: '1', name: 'a', closedAt: null }) }), /\/id must be integer/],
    ['a missing field', seen({ body: JSON.stringify({ id: 1, name: 'a' }) }), /must have required property 'closedAt'/],
    ['an undocumented field', seen({ body: JSON.stringify({ id: 1, name: 'a', closedAt: null, secret: 'x' }) }), /additional properties \(secret\)/],
    ['a bad format', seen({ body: JSON.stringify({ id: 1, name: 'a', closedAt: 'yesterday' }) }), /closedAt must match format "date-time"/],
    ['an undocumented status', seen({ status: 409 }), /status not documented/],
    ['an undocumented content type', seen({ contentType: 'text/html' }), /content type text\/html not documented/],
    ['a body where none is documented', seen({ method: 'DELETE', status: 204, body: '{}' }), /a body was sent but none is documented/],
    ['a route missing from the document', seen({ route: '/other' }), /not in the document/],
    ['an unknown route answering without problem+json', seen({ route: undefined, status: 404, contentType: 'text/plain', body: 'Not Found' }), /content type text\/plain not documented/],
    ['a problem that is not one', seen({ status: 404, contentType: 'application/problem+json', body: '{"message":"no"}' }), /required property 'status'/],
  ])('reports %s', (_what, response, message) => {
    const violations = violationsOf(response);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(message);
    expect(violations[0]).toMatch(/^(GET|DELETE) /);
  });

  class WidgetResponse {
    @ApiProperty({ example: 1 }) id!: number;
  }

  /** Says it returns a WidgetResponse, returns something else: the drift the check exists for. */
  @Controller('test-widgets')
  class DriftingController {
    @Get()
    @Public()
    @ApiOkResponse({ type: WidgetResponse })
    get() {
      return { id: 'one', colour: 'red' };
    }
  }
  @Module({ controllers: [DriftingController] })
  class DriftingModule {}

  it('fails the test file at close when the real app sends what its document does not say', async () => {
    const t = await createTestApp({}, { imports: () => [DriftingModule] });
    const response = await t.request({ method: 'GET', url: '/test-widgets' });
    expect(response.statusCode).toBe(200);
    const live = await t.request({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    const failure = t.close();
    await expect(failure).rejects.toThrow(/1 response\(s\) do not match/);
    await expect(failure).rejects.toThrow(/GET \/test-widgets → 200: body does not match the schema: .*\/id must be number/);
    await expect(failure).rejects.toThrow(/GET \/test-widgets → 200: .*must NOT have additional properties \(colour\)/);
    await expect(failure).rejects.not.toThrow(/\/health\/live/);
  });

  it('sees hijacked replies too: the event stream is checked by its status and media type', async () => {
    const t = await createTestApp();
    try {
      const seen: ObservedResponse[] = [];
      t.observe((response) => seen.push(response));
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const stream = await SseClient.open(`${await t.app.getUrl()}/api/events`, await t.keyFor(Role.VIEWER));
      stream.close();
      const head = await eventually(() => seen.find((r) => r.route === '/api/events'), 5000, 'the stream observed');
      expect(head).toMatchObject({ method: 'GET', status: 200, contentType: expect.stringMatching(/^text\/event-stream/), body: undefined });
      const wrong = new OpenApiResponseChecker((await t.request({ method: 'GET', url: '/docs/json' })).json());
      wrong.check({ ...head, contentType: 'application/json' });
      expect(wrong.violations).toEqual([expect.stringMatching(/GET \/api\/events → 200: content type application\/json not documented \(documented: text\/event-stream\)/)]);
    } finally {
      await t.close();
    }
  });
});
