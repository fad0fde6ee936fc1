import type { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_KEY, Role, ROLE_KEY } from '../auth/roles';
import { PROBLEM_SCHEMA_REF } from './api-problem';

const PROBLEM_REF = { $ref: PROBLEM_SCHEMA_REF };
const PROBLEM_TITLES: Record<number, string> = {
  400: 'The request is invalid (the problem names the field)',
  401: 'No valid API key or desk session',
  403: 'The key\'s role is not enough',
  404: 'Not found',
  413: 'The body is larger than BODY_LIMIT_BYTES',
  414: 'The URL is too long',
  415: 'The body is not application/json',
  429: 'Rate limited; see Retry-After',
};

/**
 * The OpenAPI document: an opaque API key as bearer token, a stable operationId per handler
 * (Controller_method), and for every operation the role it needs (x-required-role) and problem+json
 * answers for the errors it can give. Generic: any controller's routes get them from the route's
 * own metadata (@MinimumRole, @Public), so routes merged later need nothing extra.
 */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Discord ↔ Twilio Flex support bridge')
      .setDescription('Cases, knowledge base and help chats. Authenticate with `Authorization: Bearer <API key>`: an opaque key created with `bridge apikey create` or `POST /api/keys`.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque API key', description: 'An API key (opaque, not a JWT)' })
      .build(),
    { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` },
  );
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: problemSchema() } };
  document.paths['/'] = { get: frontDoor() };
  const access = routeAccess(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [verb, operation] of Object.entries(item) as [string, OpenAPIObject['paths'][string]['get']][]) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const rule = access.get(`${verb.toUpperCase()} ${path}`) ?? { public: false, role: Role.VIEWER };
      (operation as unknown as Record<string, unknown>)['x-required-role'] = rule.public ? 'none' : rule.role.toLowerCase();
      const statuses = [400, 414, ...(rule.public ? [] : [401, 403, 429]), ...(path.includes('{') ? [404] : []), ...(operation.requestBody ? [413, 415] : [])];
      if (!rule.public) operation.security = [{ bearer: [] }];
      for (const status of statuses) {
        operation.responses[String(status)] ??= {
          description: PROBLEM_TITLES[status],
          ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait before the next request', schema: { type: 'integer', example: 12 } } } } : {}),
          content: { 'application/problem+json': { schema: PROBLEM_REF } },
        };
      }
    }
  }
  return document;
}

/** GET / is a plain Fastify route (app.factory.ts), outside Nest's scan. */
function frontDoor(): OpenAPIObject['paths'][string]['get'] {
  return {
    operationId: 'Root_frontDoor',
    summary: 'The front door: redirects to the web desk (the API documentation stays at /docs)',
    tags: ['desk'],
    parameters: [],
    responses: { '302': { description: 'To the web desk', headers: { Location: { schema: { type: 'string', example: '/desk' } } } } },
  };
}

/** src/common/problem.ts's Problem, exactly: every error the API gives has this shape. */
function problemSchema() {
  return {
    type: 'object',
    description: 'RFC 9457 problem details, with a stable `code` to branch on',
    required: ['type', 'title', 'status', 'code', 'detail'],
    properties: {
      type: { type: 'string', example: 'about:blank#validation_failed' },
      title: { type: 'string', example: 'Bad Request' },
      status: { type: 'integer', example: 400 },
      code: { type: 'string', example: 'validation_failed' },
      detail: { type: 'string', example: 'title must be shorter than or equal to 200 characters' },
      instance: { type: 'string', example: '/api/cases' },
      errors: {
        type: 'array',
        description: 'Validation errors, one per field',
        items: { type: 'object', required: ['field', 'messages'], properties: { field: { type: 'string', example: 'title' }, messages: { type: 'array', items: { type: 'string' }, example: ['title must be shorter than or equal to 200 characters'] } } },
      },
      errorId: { type: 'string', format: 'uuid', description: 'Unexpected errors only: quote it when reporting' },
    },
  };
}

/** "GET /api/cases/{number}" → who may call it, from each handler's and controller's metadata. */
function routeAccess(app: INestApplication): Map<string, { public: boolean; role: Role }> {
  const reflector = new Reflector();
  const access = new Map<string, { public: boolean; role: Role }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!type) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(type.prototype, name)?.value as object | undefined; // not getters
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const targets = [handler as () => void, type];
        const rule = { public: Boolean(reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)), role: reflector.getAllAndOverride<Role>(ROLE_KEY, targets) ?? Role.VIEWER };
        for (const sub of ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '')) {
          for (const prefix of base) {
            const path = `/${[prefix, sub].map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`.replace(/:(\w+)/g, '{$1}');
            access.set(`${verb} ${path}`, rule);
          }
        }
      }
    }
  }
  return access;
}
