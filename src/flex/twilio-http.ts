import RequestClient from 'twilio/lib/base/RequestClient';

/**
 * Where a Twilio API call really goes. Normally unchanged; with TWILIO_API_BASE_URL set (tests,
 * or an egress proxy) every *.twilio.com URL is sent to that base instead, keeping its path and
 * query, with the original host in the Host header so one server can tell the products apart.
 */
export function routeTwilioUrl(uri: string, baseUrl: string | undefined): { url: string; host?: string } {
  if (!baseUrl) return { url: uri };
  const original = new URL(uri);
  if (!original.hostname.endsWith('.twilio.com')) return { url: uri };
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/$/, '');
  return { url: `${base.origin}${prefix}${original.pathname}${original.search}`, host: original.host };
}

export interface BinaryResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  body: Buffer;
}

/**
 * twilio-node's own HTTP client (axios, auth, retries on 429) with the URL rewrite above: the
 * REST calls the app makes run through exactly the library code they run through in production.
 */
export class RoutedRequestClient extends RequestClient {
  constructor(
    private readonly baseUrl: string | undefined,
    options: RequestClient.RequestClientOptions = {},
  ) {
    super(options);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const routed = routeTwilioUrl(opts.uri, this.baseUrl);
    if (!routed.host) return super.request(opts);
    return super.request({ ...opts, uri: routed.url, headers: { ...opts.headers, Host: routed.host } });
  }

  /**
   * For the Media Content Service, which twilio-node does not cover: raw bytes in and out, on
   * the same connection pool. Redirects are followed (credentials are dropped on a host change).
   */
  async binary(opts: {
    method: 'GET' | 'POST';
    uri: string;
    headers?: Record<string, string>;
    body?: Buffer;
    auth?: { username: string; password: string };
    /** The download stops (and the call fails) at the first byte past this many. */
    maxBytes?: number;
  }): Promise<BinaryResponse> {
    const routed = routeTwilioUrl(opts.uri, this.baseUrl);
    const headers: Record<string, string> = { ...opts.headers };
    if (routed.host) headers.Host = routed.host;
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(`${opts.auth.username}:${opts.auth.password}`).toString('base64')}`;
    const response = await this.axios.request<ArrayBuffer>({
      method: opts.method,
      url: routed.url,
      headers,
      data: opts.body,
      responseType: 'arraybuffer',
      maxRedirects: 5,
      maxContentLength: opts.maxBytes ?? -1,
      timeout: this.defaultTimeout,
      proxy: false,
      validateStatus: () => true,
    });
    return { statusCode: response.status, headers: response.headers as Record<string, unknown>, body: Buffer.from(response.data) };
  }
}
