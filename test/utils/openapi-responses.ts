import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks real responses against the OpenAPI document the app serves, so the document cannot drift
 * from the code: the status must be documented for the operation, the content type listed, and a
 * JSON body must match the schema. Objects are closed (no undocumented property) and OpenAPI 3.0's
 * `nullable` becomes JSON Schema's null type, so what the document promises is exactly what is sent.
 */
type Schema = Record<string, unknown>;
interface Response { description?: string; content?: Record<string, { schema?: Schema }> }
interface Operation { responses: Record<string, Response> }
export interface OpenApiDocument { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } }

export interface ObservedResponse {
  method: string;
  /** Fastify's route pattern (`/api/cases/:number`); undefined when no route matched. */
  route: string | undefined;
  url: string;
  status: number;
  contentType: string | undefined;
  /** The serialized body; undefined when it is a stream (not read, so the client still gets it). */
  body: string | undefined;
}

const DOC_ID = 'openapi.json';

/** Thrown by a test app's close() when responses did not match the document. */
export class OpenApiViolations extends Error {
  constructor(violations: string[]) {
    const shown = [...new Set(violations)];
    super(`${shown.length} response(s) do not match the OpenAPI document (/docs/json):\n${shown.slice(0, 40).join('\n')}`);
  }
}
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;

export class OpenApiResponseChecker {
  readonly violations: string[] = [];
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  /** `undocumented`: route patterns deliberately left out of the document (only their errors are checked). */
  constructor(private readonly document: OpenApiDocument, private readonly undocumented: RegExp[] = []) {
    addFormats(this.ajv);
    for (const format of ['int32', 'int64', 'float', 'double', 'binary']) this.ajv.addFormat(format, true);
    this.ajv.addSchema({ $id: DOC_ID, components: toJsonSchema(document.components ?? {}) });
  }

  check(response: ObservedResponse): void {
    const problem = this.problemOf(response);
    if (problem) this.violations.push(`${response.method} ${response.route ?? `(no route) ${response.url}`} → ${response.status}: ${problem}`);
  }

  private problemOf(response: ObservedResponse): string | undefined {
    const path = response.route?.replace(/:(\w+)/g, '{$1}');
    const verb = response.method === 'HEAD' ? 'get' : response.method.toLowerCase();
    const operation = path === undefined ? undefined : this.document.paths[path]?.[verb];
    // "Never a 500": an unexpected error is a bug wherever it happens, documented or not.
    if (response.status >= 500 && response.status !== 503) return `an unexpected server error: ${response.body?.slice(0, 200)}`;
    if (!operation) {
      const deliberate = path !== undefined && this.undocumented.some((pattern) => pattern.test(path));
      if (deliberate && response.status < 400) return undefined;
      // Unknown routes, and errors of undocumented ones, are problem+json like every other error.
      if (response.status < 400) return `the route is not in the document (${verb} ${path ?? response.url})`;
      return this.bodyProblem('Problem', { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }, response);
    }
    const documented = operation.responses[String(response.status)] ?? operation.responses[`${String(response.status)[0]}XX`] ?? operation.responses.default;
    if (!documented) return `status not documented (documented: ${Object.keys(operation.responses).join(', ')})`;
    return this.bodyProblem(`${verb} ${path} ${response.status}`, documented.content, response);
  }

  private bodyProblem(key: string, content: Response['content'], response: ObservedResponse): string | undefined {
    const empty = response.body === '' || (response.body === undefined && response.contentType === undefined);
    if (!content || Object.keys(content).length === 0) {
      return empty || response.method === 'HEAD' ? undefined : `a body was sent but none is documented (${response.contentType})`;
    }
    const type = response.contentType?.split(';')[0].trim().toLowerCase();
    const media = type === undefined ? undefined : content[type] ?? content[`${type.split('/')[0]}/*`] ?? content['*/*'];
    if (!media) return `content type ${type ?? '(none)'} not documented (documented: ${Object.keys(content).join(', ')})`;
    if (!JSON_TYPE.test(type!) || response.body === undefined || response.method === 'HEAD' || !media.schema) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return `the body is not JSON: ${response.body.slice(0, 80)}`;
    }
    const validate = this.validator(`${key} ${type}`, media.schema);
    if (validate(body)) return undefined;
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
    return `body does not match the schema: ${errors.join('; ')}`;
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

/**
 * OpenAPI 3.0 schema → JSON Schema as Ajv reads it: `nullable` → a null type, local refs → refs
 * into the registered document, and objects closed unless they say otherwise.
 */
export function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!value || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Schema;
  const out: Schema = {};
  for (const [key, child] of Object.entries(rest)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/')) out.$ref = `${DOC_ID}${child}`;
    else if (key === 'properties' && child && typeof child === 'object') out.properties = Object.fromEntries(Object.entries(child).map(([name, s]) => [name, toJsonSchema(s)]));
    else if (key === 'example' || key === 'examples') out[key] = child;
    else out[key] = toJsonSchema(child);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (nullable !== true) return out;
  if (typeof out.type === 'string' && !out.allOf && !out.$ref) {
    return { ...out, type: [out.type, 'null'], ...(Array.isArray(out.enum) ? { enum: [...out.enum, null] } : {}) };
  }
  return { anyOf: [out, { type: 'null' }] };
}
