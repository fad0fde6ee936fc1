import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local fake of an OpenAI-compatible chat-completions API: `POST /v1/chat/completions` with the
 * request and response shapes of https://platform.openai.com/docs/api-reference/chat/create
 * (choices[].message.content, finish_reason, usage), and 401 with an `error` object for a wrong
 * Bearer key, as the hosted API does. It records every request. By default it behaves like a
 * grounded model: it answers from the article sharing most words with the player's message, or
 * says NOT_COVERED; tests script other behaviour (slow, wrong, obeying an injection) with `reply`.
 */
export interface RecordedRequest {
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; temperature?: number; max_tokens?: number };
}

export interface ScriptedReply {
  content: string;
  delayMs?: number;
  status?: number;
}

type Script = (request: RecordedRequest) => ScriptedReply;

const words = (text: string) => new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3));

export function groundedReply(request: RecordedRequest): ScriptedReply {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  const question = /<player_message>\n([\s\S]*?)\n<\/player_message>/.exec(user)?.[1] ?? '';
  const asked = words(question);
  let best: { slug: string; body: string; overlap: number } | null = null;
  for (const match of user.matchAll(/<article slug="([^"]+)"[^>]*>\n([\s\S]*?)\n<\/article>/g)) {
    const overlap = [...words(match[2])].filter((w) => asked.has(w)).length;
    if (!best || overlap > best.overlap) best = { slug: match[1], body: match[2], overlap };
  }
  if (!best || best.overlap < 2) return { content: 'NOT_COVERED' };
  const sentence = best.body.split(/(?<=\.)\s/).find((s) => !/\d/.test(s) && s.length > 30) ?? best.body.slice(0, 120);
  return { content: JSON.stringify({ answer: sentence.replace(/\*\*/g, ''), sources: [best.slug] }) };
}

export class FakeLlm {
  readonly requests: RecordedRequest[] = [];
  private script: Script = groundedReply;
  private server: Server | null = null;
  url = '';

  constructor(private readonly apiKey?: string) {}

  reply(script: Script): void {
    this.script = script;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(404, { error: { message: 'Not found', type: 'invalid_request_error' } });
    if (this.apiKey && req.headers.authorization !== `Bearer ${this.apiKey}`) {
      return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    const request: RecordedRequest = { authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
    this.requests.push(request);
    const reply = this.script(request);
    // unref: a reply still waiting when the test stops the fake does not keep Jest alive.
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs).unref());
    if (reply.status && reply.status >= 400) return send(reply.status, { error: { message: reply.content, type: 'server_error' } });
    const promptTokens = request.body.messages.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0);
    const completionTokens = Math.ceil(reply.content.length / 4);
    send(200, {
      id: `chatcmpl-${this.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  }
}
