import specRoutes from './openapi-extract.json';

/** One route of Twilio's OpenAPI definitions, as extracted into openapi-extract.json by extract-spec.ts. */
export interface SpecRoute {
  host: string;
  method: string;
  path: string;
  params: Record<string, { type: string; enum?: string[] }>;
  required: string[];
  query: string[];
  headers: string[];
}

export type FormParams = Record<string, string | string[]>;

export const SPEC_ROUTES: SpecRoute[] = specRoutes.routes as unknown as SpecRoute[];

export function specRoute(host: string, method: string, path: string): SpecRoute {
  const route = SPEC_ROUTES.find((r) => r.host === host && r.method === method && r.path === path);
  if (!route) throw new Error(`The fake serves ${method} ${host}${path}, which is not in openapi-extract.json`);
  return route;
}

/** Path template to a matcher: `{Name}` matches one segment and is captured under that name. */
export function templateMatcher(template: string): (path: string) => Record<string, string> | null {
  const names: string[] = [];
  const pattern = new RegExp(
    '^' +
      template.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      }) +
      '$',
  );
  return (path) => {
    const match = pattern.exec(path);
    if (!match) return null;
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
  };
}

/** What Twilio would refuse (or we would never want to send): unknown names, bad enum values, missing required ones. */
export function specViolations(route: SpecRoute, params: FormParams, query: FormParams, headers: Record<string, unknown> = {}): string[] {
  const problems: string[] = [];
  // Twilio-specific request headers must be declared for the route (e.g. X-Twilio-Webhook-Enabled).
  for (const name of Object.keys(headers)) {
    if (/^x-twilio-/i.test(name) && !route.headers.some((h) => h.toLowerCase() === name.toLowerCase())) problems.push(`header ${name} is not defined for this route`);
  }
  for (const [name, value] of Object.entries(params)) {
    const declared = route.params[name];
    if (!declared) {
      problems.push(`unknown parameter ${name}`);
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) && declared.type !== 'array') problems.push(`${name} is given ${value.length} times`);
    if (declared.enum && values.some((v) => !declared.enum!.includes(v))) {
      problems.push(`${name}=${values.join(',')} is not one of ${declared.enum.join(', ')}`);
    }
    if (declared.type === 'integer' && values.some((v) => !/^-?\d+$/.test(v))) problems.push(`${name} must be an integer`);
  }
  for (const name of route.required) if (params[name] === undefined) problems.push(`missing required parameter ${name}`);
  for (const name of Object.keys(query)) if (!route.query.includes(name)) problems.push(`unknown query parameter ${name}`);
  return problems;
}
