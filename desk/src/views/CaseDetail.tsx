import { useState } from 'preact/hooks';
import { api, can } from '../api';
import { CaseSummary, PRIORITIES, STATUSES } from '../cases';
import { label, when } from '../format';
import { useData, useStatus } from '../hooks';

interface CaseEvent {
  id: string;
  type: string;
  actor: string;
  data: Record<string, any>;
  createdAt: string;
}
interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}
type FullCase = CaseSummary & { events: CaseEvent[]; attachments: Attachment[] };

function describe(e: CaseEvent): string {
  switch (e.type) {
    case 'NOTE':
      return `${e.data.public ? 'Public note (sent to the reporter)' : 'Private note'}: ${e.data.body}`;
    case 'CREATED':
      return 'Opened';
    case 'NOTIFIED':
    case 'NOTIFICATION_FAILED':
      return `${label(e.type)}${e.data.reason ? `: ${e.data.reason}` : ''}`;
    default:
      return e.data && 'to' in e.data ? `${label(e.type)}: ${e.data.from ?? '—'} → ${e.data.to ?? '—'}` : label(e.type);
  }
}

export function CaseDetail({ number }: { number: number }) {
  const [status, setStatus] = useStatus();
  const { data: c, error, reload } = useData(() => api<FullCase>('GET', `/api/cases/${number}`), [number], (e) => e.kind === 'case.changed' && e.data.caseNumber === number);
  const chat = useData(() => api<{ messages: unknown[] }>('GET', `/api/cases/${number}/transcript`).catch(() => ({ messages: [] })), [number]);

  const patch = async (change: Record<string, unknown>) => {
    try {
      await api('PATCH', `/api/cases/${number}`, change);
      setStatus(`Saved: ${Object.entries(change).map(([k, v]) => `${k} ${v ?? 'none'}`).join(', ')}`);
    } catch (e) {
      setStatus((e as Error).message);
    }
    await reload();
  };

  if (error) return <p class="notice">{error}</p>;
  if (!c) return <p class="loading">Loading case #{number}…</p>;
  return (
    <article aria-labelledby="case-title">
      <p>
        <a href="#/cases">← Cases</a>
      </p>
      <h1 id="case-title">
        #{c.number} {c.title}
      </h1>
      <p class="status" role="status">
        {status}
      </p>
      {c.mergedInto && <p class="notice">Merged into <a href={`#/case/${c.mergedInto}`}>#{c.mergedInto}</a></p>}
      <div class="grid">
        <section class="panel" aria-labelledby="fields-title">
          <h2 id="fields-title">Fields</h2>
          <dl class="fields">
            <dt>Type</dt>
            <dd>{label(c.type)}</dd>
            <dt>Reporter</dt>
            <dd>{c.reporter.name}</dd>
            <dt>Opened</dt>
            <dd>{when(c.createdAt)}</dd>
            {c.votes !== undefined && (
              <>
                <dt>Votes</dt>
                <dd>{c.votes}</dd>
              </>
            )}
          </dl>
          <p class="description">{c.description}</p>
          <div class="edit">
            <label for="case-status">Status</label>
            <select id="case-status" value={c.status} disabled={!can('AGENT')} onChange={(e) => patch({ status: e.currentTarget.value })}>
              {STATUSES.map((s) => (
                <option value={s}>{label(s)}</option>
              ))}
            </select>
            <label for="case-priority">Priority</label>
            <select id="case-priority" value={c.priority} disabled={!can('LEAD')} onChange={(e) => patch({ priority: e.currentTarget.value })}>
              {PRIORITIES.map((p) => (
                <option value={p}>{label(p)}</option>
              ))}
            </select>
            <AssigneeField value={c.assignee} editable={can('LEAD')} onSave={(assignee) => patch({ assignee })} />
          </div>
          {chat.data && chat.data.messages.length > 0 && (
            <p>
              <a class="button secondary" href={`#/chat/${c.number}`}>
                Open the help chat ({chat.data.messages.length} messages)
              </a>
            </p>
          )}
        </section>
        <section class="panel" aria-labelledby="history-title">
          <h2 id="history-title">History</h2>
          <ol class="history">
            {c.events.map((e) => (
              <li key={e.id} class={e.type === 'NOTE' ? (e.data.public ? 'note public' : 'note private') : ''}>
                <span>{describe(e)}</span>
                <span class="meta">
                  {e.actor} · <time dateTime={e.createdAt}>{when(e.createdAt)}</time>
                </span>
              </li>
            ))}
          </ol>
          {can('AGENT') && <NoteForm number={number} onSaved={reload} onError={setStatus} />}
        </section>
        {c.attachments.length > 0 && (
          <section class="panel" aria-labelledby="files-title">
            <h2 id="files-title">Attachments</h2>
            <ul class="attachments">
              {c.attachments.map((a) => (
                <li>
                  <a href={`/api/cases/${number}/attachments/${a.id}`} target="_blank" rel="noopener">
                    {a.contentType.startsWith('image/') ? <img src={`/api/cases/${number}/attachments/${a.id}`} alt={a.filename} loading="lazy" /> : null}
                    <span>{a.filename}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </article>
  );
}

function AssigneeField({ value, editable, onSave }: { value: string | null; editable: boolean; onSave: (v: string | null) => void }) {
  const [text, setText] = useState(value ?? '');
  return (
    <form
      class="inline"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(text.trim() || null);
      }}
    >
      <label for="case-assignee">Assignee</label>
      <input id="case-assignee" value={text} disabled={!editable} onInput={(e) => setText(e.currentTarget.value)} />
      {editable && <button type="submit" class="secondary">Save assignee</button>}
    </form>
  );
}

function NoteForm({ number, onSaved, onError }: { number: number; onSaved: () => void; onError: (m: string) => void }) {
  const [body, setBody] = useState('');
  const [isPublic, setPublic] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api('POST', `/api/cases/${number}/notes`, { body: body.trim(), public: isPublic });
      setBody('');
      setPublic(false);
      onSaved();
    } catch (error) {
      onError((error as Error).message);
    }
  };
  return (
    <form class="note-form" onSubmit={submit}>
      <label for="note-body">Add a note</label>
      <textarea id="note-body" rows={3} required maxLength={4000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      <label class="check">
        <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.currentTarget.checked)} /> Public: send it to the reporter on Discord
      </label>
      <button type="submit">Add note</button>
    </form>
  );
}
