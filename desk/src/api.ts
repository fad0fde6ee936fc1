// The desk talks to the public REST API only, with the session cookie; writes carry the CSRF token.
export type Role = 'VIEWER' | 'AGENT' | 'LEAD';

export interface Session {
  name: string;
  role: Role;
  via: 'key' | 'discord';
  csrfToken: string;
  expiresAt: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

type Listener = (session: Session | null, reason?: string) => void;
let current: Session | null = null;
const listeners = new Set<Listener>();

export const session = {
  get: () => current,
  set(next: Session | null, reason?: string) {
    current = next;
    for (const listener of listeners) listener(next, reason);
  },
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

const RANK: Record<Role, number> = { VIEWER: 0, AGENT: 1, LEAD: 2 };
export const can = (role: Role) => current !== null && RANK[current.role] >= RANK[role];

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && current) headers['x-csrf-token'] = current.csrfToken;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new ApiError(response.status, data.code ?? 'error', data.detail ?? data.title ?? `HTTP ${response.status}`);
    // An expired, revoked or ended session: back to sign-in, saying why.
    if (response.status === 401 && !path.startsWith('/api/session')) session.set(null, error.message);
    throw error;
  }
  return data as T;
}

export const query = (params: Record<string, string | number | undefined>) => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][];
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
};
