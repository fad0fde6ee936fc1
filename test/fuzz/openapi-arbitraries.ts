import fc from 'fast-check';

/**
 * fast-check generators for requests to the operations of an OpenAPI 3 document: mostly values
 * that fit the schema (so requests reach the code behind validation), mixed with hostile ones:
 * wrong types, null, NUL bytes, lone surrogates, huge or deeply nested values, unknown fields,
 * broken JSON, wrong content types, and path values that are not what the route expects.
 */
export interface Schema {
  type?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  $ref?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

export interface GeneratedRequest {
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Real values for path parameters by name (existing case numbers, article ids...), so routes go past lookups. */
export type KnownValues = Record<string, string[]>;

/** Streams that never end by design (Server-Sent Events); their errors are tested in test/desk. */
const STREAMS = new Set(['/api/events']);

export function operationsOf(document: OpenApiDocument): Operation[] {
  const resolve = (schema: Schema): Schema => (schema.$ref ? document.components!.schemas![schema.$ref.split('/').pop()!] : schema);
  return Object.entries(document.paths).filter(([path]) => !STREAMS.has(path)).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const json = operation.requestBody?.content['application/json'];
      return { method: method.toUpperCase(), path, parameters: operation.parameters ?? [], body: json ? resolve(json.schema) : undefined };
    }),
  );
}

/** `arbitrary` once in `every` draws, else undefined (fc.option leans the other way). */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, every: number) =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\ud83d\ude00', '-'.repeat(36), '00000000-0000-0000-0000-000000000000',
    '../../etc/passwd', '%00', '%', '#1', '1e3', '0x10', '-1', '0', '2147483648', '99999999999999999999', 'null', 'true', '[]', '{}',
    '<script>alert(1)</script>', "' OR 1=1 --", '$(reboot)', '\r\nX-Injected: 1', '@everyone', 'é'.repeat(300), 'x'.repeat(5000),
  ),
  fc.string({ unit: anyCodeUnit, maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** A JSON value nested `depth` arrays deep, written out so the generator itself does not recurse. */
const deepJson = fc.integer({ min: 20, max: 3000 }).map((depth) => ({ __raw: `${'['.repeat(depth)}${']'.repeat(depth)}` }));

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1),
  hostileString,
  fc.array(hostileString, { maxLength: 30 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 5 }),
  deepJson,
);

const WORD_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -'.split('');
/** Discord ids are 17–20 digits; the OpenAPI document does not carry the pattern, so the name tells. */
const SNOWFLAKE_FIELD = /^(reporter|reporterId|guildId|channelId)$/;

function validValue(schema: Schema, name = ''): fc.Arbitrary<unknown> {
  if (SNOWFLAKE_FIELD.test(name)) return fc.bigInt({ min: 10n ** 16n, max: 10n ** 19n }).map(String);
  if (schema.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: fc.constantFrom(...schema.enum.map((v) => String(v).toLowerCase())) });
  switch (schema.type) {
    case 'integer':
    case 'number':
      return fc.integer({ min: (schema.minimum ?? -10) - 2, max: (schema.maximum ?? 1000) + 2 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? validValue(schema.items) : fc.string(), { maxLength: 25 });
    default: {
      const maxLength = Math.min((schema.maxLength ?? 60) + 5, 4100);
      return fc.oneof(
        { weight: 3, arbitrary: fc.array(fc.constantFrom(...WORD_CHARS), { minLength: 1, maxLength: Math.min(maxLength, 80) }).map((chars) => chars.join('')) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 0, maxLength }) },
      );
    }
  }
}

const valueFor = (schema: Schema, name: string) => fc.oneof({ weight: 8, arbitrary: validValue(schema, name) }, { weight: 1, arbitrary: hostileValue });

/** JSON text for a body object; `{__raw}` markers are spliced in as raw JSON. */
function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && '__raw' in inner) {
      raws.push((inner as { __raw: string }).__raw);
      return `__RAW_${raws.length - 1}__`;
    }
    return inner;
  });
  return text.replace(/"__RAW_(\d+)__"/g, (_m, i: string) => raws[Number(i)]);
}

function bodyFor(schema: Schema): fc.Arbitrary<{ payload?: string; contentType?: string }> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = fc.record(
    // Required fields are mostly there, optional ones mostly not: a body then often passes validation.
    Object.fromEntries(
      properties.map(([name, property]) => [name, fc.oneof({ weight: required.has(name) ? 1 : 3, arbitrary: fc.constant(undefined) }, { weight: required.has(name) ? 12 : 2, arbitrary: valueFor(property, name) })]),
    ),
  );
  const extra = fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'id', 'role')), hostileValue, { maxKeys: 2 });
  const object = fc.tuple(fields, sometimes(extra, 6)).map(([known, unknown]) => {
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(known)) if (value !== undefined) body[key] = value;
    if (unknown) for (const [key, value] of Object.entries(unknown)) Object.defineProperty(body, key, { value, enumerable: true });
    return { payload: toJson(body), contentType: 'application/json' };
  });
  const broken = fc.constantFrom('{"a":', '{"a":1,}', "{'a':1}", '', 'null', '[]', '"text"', '42', '\u0000', '{"a":"\\ud800"}', `{"a":${'['.repeat(5000)}`);
  return fc.oneof(
    { weight: 8, arbitrary: object },
    { weight: 1, arbitrary: broken.map((payload) => ({ payload, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/xml'), object).map(([contentType, { payload }]) => ({ payload, contentType })) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

/** encodeURIComponent, except lone surrogates, which it refuses: they go as their (invalid) CESU-8 bytes. */
export function encodePart(value: string): string {
  return value.replace(/[\s\S]/gu, (char) => {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    return encodeURIComponent(char);
  });
}

function pathValue(parameter: Parameter, known: KnownValues): fc.Arbitrary<string> {
  const real = known[parameter.name] ?? [];
  const rawEncoded = fc.constantFrom('%', '%E0%A4%A', '%00', '%2e%2e%2f', '..', '%ED%A0%80');
  return fc.oneof(
    { weight: real.length ? 4 : 0, arbitrary: real.length ? fc.constantFrom(...real).map(encodePart) : fc.constant('x') },
    { weight: 1, arbitrary: fc.uuid().map(encodePart) },
    { weight: 3, arbitrary: hostileString.map(encodePart) },
    { weight: 1, arbitrary: rawEncoded },
  );
}

function queryFor(parameters: Parameter[], known: KnownValues): fc.Arbitrary<string> {
  const pairs = parameters.map((parameter) => {
    const real = (known[parameter.name] ?? []).map((v) => fc.constant(v));
    const value = fc.oneof({ weight: 5, arbitrary: fc.oneof(...real, validValue(parameter.schema ?? {}, parameter.name)).map(String) }, { weight: 1, arbitrary: hostileString });
    // Each parameter is left out two times in three, so whole queries are often valid.
    return fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value.map((v) => `${parameter.name}=${encodePart(v)}`) });
  });
  const extra = sometimes(fc.constantFrom('limit=1&limit=2', 'unknown=1', '__proto__[x]=1', 'a[b][c]=1', '&&=', 'q'), 8);
  return fc.tuple(fc.tuple(...pairs), extra).map(([chosen, more]) => [...chosen, more].filter(Boolean).join('&'));
}

/** One request to one of the operations, with one of the given sets of headers (the roles). */
export function requestArbitrary(
  operations: Operation[],
  roles: Record<string, Record<string, string>>,
  known: KnownValues,
  weights: Record<string, number> = {},
): fc.Arbitrary<GeneratedRequest & { role: string }> {
  const role = fc.oneof(...Object.keys(roles).map((name) => ({ weight: weights[name] ?? 1, arbitrary: fc.constant(name) })));
  return fc.oneof(
    ...operations.map((operation) => {
      const pathParameters = operation.parameters.filter((p) => p.in === 'path');
      const queryParameters = operation.parameters.filter((p) => p.in === 'query');
      return fc
        .record({
          role,
          path: fc.tuple(...pathParameters.map((p) => pathValue(p, known))),
          query: queryParameters.length ? queryFor(queryParameters, known) : fc.constant(''),
          body: operation.body ? bodyFor(operation.body) : fc.constant({} as { payload?: string; contentType?: string }),
        })
        .map(({ role, path, query, body }) => {
          let index = 0;
          const url = operation.path.replace(/\{[^}]+\}/g, () => path[index++]) + (query ? `?${query}` : '');
          const headers: Record<string, string> = { ...roles[role] };
          if (body.contentType) headers['content-type'] = body.contentType;
          return { operation: `${operation.method} ${operation.path}`, role, method: operation.method, url, headers, payload: body.payload };
        });
    }),
  );
}
