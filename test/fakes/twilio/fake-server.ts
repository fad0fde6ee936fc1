import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { error, parseForm, ProductRoute, Reply } from './fake-http';
import { FormParams, specRoute, SpecRoute, specViolations, templateMatcher } from './spec-routes';

export interface RecordedRequest {
  method: string;
  host: string;
  path: string;
  /** The spec route it matched, e.g. "POST /v1/Conversations/{ConversationSid}/Messages". */
  route: string | null;
  query: FormParams;
  params: FormParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  status: number;
}

interface Failure {
  route: string;
  status: number;
  times: number;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

interface Route extends ProductRoute {
  host: string;
  spec: SpecRoute | null;
  match: (path: string) => Record<string, string> | null;
}

export const MEDIA_DIRECT = 'media.us1.twilio.com';

/**
 * The HTTP side of the fake Twilio: one server for every product (told apart by the Host header
 * twilio-node's routed client sets), Basic auth, requests recorded, routes checked against
 * Twilio's OpenAPI definitions, injectable failures.
 */
export abstract class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private server: Server | null = null;
  private baseUrl = '';
  private readonly routes: Route[] = [];
  private failures: Failure[] = [];

  /** Username/password pairs Basic auth accepts. */
  protected abstract credentials(): [string, string][];
  protected abstract settle(): Promise<void>;

  get url(): string {
    if (!this.server) throw new Error('FakeTwilio is not started');
    return this.baseUrl;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.settle();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** The next `times` calls to `route` (e.g. "POST /v1/Interactions") answer `status`. */
  fail(route: string, status: number, times = 1, options: { body?: Record<string, unknown>; headers?: Record<string, string> } = {}): void {
    this.failures.push({ route, status, times, ...options });
  }

  /** Recorded requests to one route, e.g. "POST /v1/Conversations/{ConversationSid}/Messages". */
  calls(route: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  // ---- HTTP --------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    const isForm = /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');
    const record: RecordedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      host: (req.headers.host ?? '').toLowerCase(),
      path: url.pathname,
      route: null,
      query: parseForm(url.search.slice(1)),
      params: isForm ? parseForm(body.toString('utf8')) : {},
      headers: req.headers,
      body,
      status: 0,
    };
    this.requests.push(record);
    const reply = this.dispatch(record, req);
    record.status = reply.status;
    if (reply.raw) {
      res.writeHead(reply.status, { 'content-type': reply.raw.contentType, 'content-length': reply.raw.data.length });
      res.end(reply.raw.data);
      return;
    }
    if (reply.status === 204) {
      res.writeHead(204, reply.headers);
      res.end();
      return;
    }
    const text = JSON.stringify(reply.json ?? {});
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...reply.headers });
    res.end(text);
  }

  private dispatch(record: RecordedRequest, req: IncomingMessage): Reply {
    for (const route of this.routes) {
      if (route.host !== record.host || route.method !== record.method) continue;
      const path = route.match(record.path);
      if (!path) continue;
      record.route = `${route.method} ${route.template}`;
      if (route.host !== MEDIA_DIRECT && !this.authorized(req)) return error(401, 20003, 'Authenticate');
      const failure = this.failures.find((f) => f.route === record.route && f.times > 0);
      if (failure) {
        failure.times -= 1;
        const injected = error(failure.status, failure.status === 429 ? 20429 : 20500, 'Injected failure');
        return { ...injected, ...(failure.body ? { json: failure.body } : {}), headers: failure.headers };
      }
      if (route.spec) {
        const problems = specViolations(route.spec, record.params, record.query, record.headers);
        if (problems.length) return error(400, 20001, `Not in Twilio's API definition: ${problems.join('; ')}`);
      }
      return route.handler({ params: record.params, path, headers: req.headers, body: record.body, query: record.query });
    }
    return error(404, 20404, `No route ${record.method} ${record.host}${record.path} in the fake`);
  }

  private authorized(req: IncomingMessage): boolean {
    const match = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (!match) return false;
    const [user, password] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
    return this.credentials().some(([u, p]) => u === user && p === password);
  }

  protected mount(host: string, routes: ProductRoute[], checked = true): void {
    for (const route of routes) {
      this.routes.push({ ...route, host, spec: checked ? specRoute(host, route.method, route.template) : null, match: templateMatcher(route.template) });
    }
  }
}
