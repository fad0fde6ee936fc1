import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeCdn } from './attachments';
import type { FakeFaults } from './faults';
import type { FakeGateway } from './gateway';
import { compileTemplate, discordError, parseBody, readBody, send } from './http';
import type { FakeOAuth2 } from './oauth2';
import type { RequestLog } from './request-log';
import type { Route, RouteResult } from './rest-routes';
import type { RecordedRequest } from './types';

const DEFAULT_ERROR_MESSAGES: Record<number, string> = {
  400: '400: Bad Request',
  401: '401: Unauthorized',
  403: '403: Forbidden',
  404: '404: Not Found',
  500: '500: Internal Server Error',
  502: '502: Bad Gateway',
  503: '503: Service Unavailable',
};

export type CompiledRoute = Route & { match: (path: string) => Record<string, string> | null };

export const compileRoutes = (routes: Route[]): CompiledRoute[] => routes.map((route) => ({ ...route, match: compileTemplate(route.template) }));

export interface HttpDeps {
  port: number;
  token: string;
  routes: CompiledRoute[];
  cdn: FakeCdn;
  oauth2: FakeOAuth2;
  faults: FakeFaults;
  log: RequestLog;
}

/**
 * One HTTP request to the fake: CDN attachment downloads, OAuth2, then the v10 REST routes (bot token
 * checked, injected latency, global rate limit and failures applied), each one recorded.
 */
export async function handleHttp(deps: HttpDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${deps.port}`);
  const method = (request.method ?? 'GET').toUpperCase();
  const raw = await readBody(request);

  if (method === 'GET' && url.pathname.startsWith('/attachments/')) {
    const result = deps.cdn.serve(url.pathname);
    deps.log.record({ method, path: url.pathname, route: null, params: {}, url, request, body: undefined, files: [], result });
    send(response, result.status, result.body, result.headers);
    return;
  }

  const oauth = deps.oauth2.handle(method, url, request.headers, raw);
  if (oauth) {
    deps.log.record({ method, path: url.pathname, route: null, params: {}, url, request, body: undefined, files: [], result: oauth });
    send(response, oauth.status, oauth.body, oauth.headers);
    return;
  }

  // discord.js escapes segments ("%40original"); Discord matches the decoded path.
  const path = url.pathname.replace(/^\/api\/v10(?=\/)/, '').split('/').map(decodeURIComponent).join('/');
  const { json, files } = await parseBody(request.headers['content-type'], raw);
  const found = findRoute(deps.routes, method, path);
  let result: RouteResult;
  let injected: RecordedRequest['injected'];
  if (!url.pathname.startsWith('/api/v10/') || !found) {
    result = { status: 404, body: discordError(0, '404: Not Found') };
  } else if (found.route.auth === 'bot' && request.headers.authorization !== `Bot ${deps.token}`) {
    result = { status: 401, body: discordError(0, '401: Unauthorized') };
  } else {
    await deps.faults.delay(method, found.route.template, path, response);
    const limited = found.route.auth === 'bot' ? deps.faults.checkRateLimit() : null;
    const failure = limited ? null : deps.faults.takeFailure(method, found.route.template, path);
    if (limited) {
      result = limited;
      injected = 'rate_limit';
    } else if (failure) {
      result = {
        status: failure.status,
        body: failure.body ?? discordError(0, DEFAULT_ERROR_MESSAGES[failure.status] ?? `${failure.status}: Error`),
        headers: failure.headers,
      };
      injected = 'error';
    } else {
      result = await found.route.handle({ params: found.params, query: url.searchParams, body: json, files });
    }
  }
  deps.log.record({ method, path, route: found?.route.template ?? null, params: found?.params ?? {}, url, request, body: json, files, result, injected });
  send(response, result.status, result.body, result.headers);
}

function findRoute(routes: CompiledRoute[], method: string, path: string) {
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = route.match(path);
    if (params) return { route, params };
  }
  return null;
}

/** Serves HTTP on 127.0.0.1 (a free port) and hands /gateway upgrades to the gateway. */
export async function listen(handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>, gateway: FakeGateway): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, discordError(0, `fake discord: ${String(error)}`));
    });
  });
  server.on('upgrade', (request, socket, head) => {
    if (request.url?.startsWith('/gateway')) gateway.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}
