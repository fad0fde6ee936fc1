import { useEffect, useRef, useState } from 'preact/hooks';
import { api, can } from '../api';
import { when } from '../format';
import { useData, useStatus } from '../hooks';
import type { ChatSummary } from './Inbox';

interface Line {
  conversationId: string;
  direction: string;
  authorKind: 'PLAYER' | 'BOT' | 'AGENT' | 'SYSTEM';
  authorName: string | null;
  body: string;
  details: { attachments?: { filename: string; contentType: string; size: number; url?: string }[] } | null;
  createdAt: string;
}

interface Media {
  id: string;
  filename: string;
  contentType: string;
  conversationId: string;
  messageCreatedAt: string;
}

interface Snippet {
  id: string;
  title: string;
  body: string;
}

/** Snippets appear only when the API offers them (GET /api/snippets). */
async function loadSnippets(): Promise<Snippet[]> {
  try {
    const result = await api<Snippet[] | { items: Snippet[] }>('GET', '/api/snippets');
    return Array.isArray(result) ? result : result.items;
  } catch {
    return [];
  }
}

export function Chat({ caseNumber }: { caseNumber: number }) {
  const [status, setStatus] = useStatus();
  const transcript = useData(() => api<{ messages: Line[] }>('GET', `/api/cases/${caseNumber}/transcript`), [caseNumber], (e) => e.data.caseNumber === caseNumber);
  const chats = useData(() => api<ChatSummary[]>('GET', '/api/conversations'), [caseNumber], (e) => e.kind.startsWith('chat.') && e.kind !== 'chat.message');
  const snippets = useData(loadSnippets, []);
  const media = useData(() => api<Media[]>('GET', `/api/cases/${caseNumber}/transcript/media`).catch(() => []), [caseNumber], (e) => e.kind === 'chat.message' && e.data.caseNumber === caseNumber);
  const fileOf = (line: Line, filename: string) =>
    media.data?.find((m) => m.conversationId === line.conversationId && m.filename === filename && new Date(m.messageCreatedAt).getTime() === new Date(line.createdAt).getTime());
  const chat = chats.data?.find((c) => c.case?.number === caseNumber);
  const lines = transcript.data?.messages ?? [];
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => end.current?.scrollIntoView({ block: 'nearest' }), [lines.length]);

  const act = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
      setStatus(what);
      await Promise.all([transcript.reload(), chats.reload()]);
    } catch (e) {
      setStatus((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="chat-title">
      <p>
        <a href="#/inbox">← Inbox</a> · <a href={`#/case/${caseNumber}`}>Case #{caseNumber}</a>
      </p>
      <h1 id="chat-title">
        Chat for case #{caseNumber}
        {chat && <span class="meta"> · {chat.player.name} · {chat.mode === 'AGENT' ? `with ${chat.agentName}` : 'waiting for a person'}</span>}
        {!chat && <span class="meta"> · closed</span>}
      </h1>
      <p class="status" role="status">
        {status}
      </p>
      {transcript.error && <p class="notice">{transcript.error}</p>}
      <ol class="transcript" aria-label="Transcript" aria-live="polite">
        {lines.map((line, i) => (
          <li key={i} class={`line ${line.authorKind.toLowerCase()}`}>
            <span class="author">{line.authorKind === 'SYSTEM' ? 'system' : (line.authorName ?? line.authorKind.toLowerCase())}</span>
            <div class="body">
              {line.body}
            {line.details?.attachments?.map((a) => {
              const file = fileOf(line, a.filename);
              const url = file ? `/api/cases/${caseNumber}/transcript/media/${file.id}` : a.url;
              if (url && /^image\/(png|jpeg|gif|webp)$/.test(a.contentType)) return <img src={url} alt={a.filename} class="inline-image" />;
              return url ? <a class="file" href={url}>📎 {a.filename}</a> : <span class="file">📎 {a.filename}</span>;
            })}
            </div>
            <time dateTime={line.createdAt}>{when(line.createdAt)}</time>
          </li>
        ))}
        <li ref={end} aria-hidden="true" class="end" />
      </ol>
      {chat && can('AGENT') && (
        <>
          <div class="actions">
            {chat.mode === 'AGENT_REQUESTED' && (
              <button type="button" onClick={() => act('You claimed this chat', () => api('POST', `/api/conversations/${chat.id}/claim`))}>
                Claim
              </button>
            )}
            <button type="button" class="danger" onClick={() => act('The chat is closed; the player was told', () => api('POST', `/api/conversations/${chat.id}/close`))}>
              Close chat
            </button>
          </div>
          <ReplyBox caseNumber={caseNumber} snippets={snippets.data ?? []} onSent={() => act('Sent to the player', async () => undefined)} onError={setStatus} />
        </>
      )}
    </section>
  );
}

function ReplyBox({ caseNumber, snippets, onSent, onError }: { caseNumber: number; snippets: Snippet[]; onSent: () => void; onError: (m: string) => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const send = async () => {
    // The field itself: Enter may come before the re-render of the last keystroke.
    const body = (box.current?.value ?? text).trim();
    if (!body || busy) return;
    setBusy(true);
    try {
      await api('POST', `/api/cases/${caseNumber}/messages`, { body });
      setText('');
      onSent();
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="reply"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {snippets.length > 0 && (
        <>
          <label for="snippet">Snippet</label>
          <select id="snippet" onChange={(e) => setText(snippets.find((s) => s.id === e.currentTarget.value)?.body ?? text)}>
            <option value="">Insert a snippet…</option>
            {snippets.map((s) => (
              <option value={s.id}>{s.title}</option>
            ))}
          </select>
        </>
      )}
      <label for="reply">Reply to the player</label>
      <textarea
        id="reply"
        ref={box}
        rows={3}
        maxLength={2000}
        value={text}
        aria-describedby="reply-hint"
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <span id="reply-hint" class="hint">
        Enter sends, Shift+Enter starts a new line.
      </span>
      <button type="submit" disabled={busy || !text.trim()}>
        Send
      </button>
    </form>
  );
}
