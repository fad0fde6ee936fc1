import { useRef, useState } from 'preact/hooks';
import { api, can, query } from '../api';
import { CaseSummary, PRIORITIES, SORTS, STATUSES, TYPES } from '../cases';
import { label, when } from '../format';
import { useData } from '../hooks';

interface Filters {
  type: string;
  status: string;
  priority: string;
  assignee: string;
  q: string;
  sort: string;
}

const EMPTY: Filters = { type: '', status: '', priority: '', assignee: '', q: '', sort: '-number' };

export function Cases() {
  const [form, setForm] = useState<Filters>(EMPTY);
  // What was typed last, even before the re-render that follows it (a quick Enter must not lose it).
  const latest = useRef<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const cursor = cursors[cursors.length - 1];
  const page = useData(
    () => api<{ items: CaseSummary[]; nextCursor: string | null }>('GET', `/api/cases${query({ ...filters, cursor, limit: 25 })}`),
    [filters, cursor],
    (e) => e.kind === 'case.changed',
  );
  const items = page.data?.items ?? [];
  const showVotes = items.some((c) => c.votes !== undefined);
  const toggle = (n: number) => setSelected((s) => (s.has(n) ? new Set([...s].filter((x) => x !== n)) : new Set([...s, n])));
  // Two inputs in a row (before a re-render) must not overwrite each other.
  const field = (name: keyof Filters) => ({
    value: form[name],
    onInput: (e: Event) => {
      const value = (e.currentTarget as HTMLInputElement).value;
      latest.current = { ...latest.current, [name]: value };
      setForm(latest.current);
    },
  });

  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">Cases</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setCursors([]);
          setSelected(new Set());
          setFilters(latest.current);
        }}
      >
        <div class="field grow">
          <label for="f-q">Search</label>
          <input id="f-q" type="search" placeholder="Words in title or description" {...field('q')} />
        </div>
        <Select id="f-type" text="Type" options={TYPES} {...field('type')} />
        <Select id="f-status" text="Status" options={STATUSES} {...field('status')} />
        <Select id="f-priority" text="Priority" options={PRIORITIES} {...field('priority')} />
        <div class="field">
          <label for="f-assignee">Assignee</label>
          <input id="f-assignee" {...field('assignee')} />
        </div>
        <div class="field">
          <label for="f-sort">Sort</label>
          <select id="f-sort" {...field('sort')}>
            {SORTS.map(([value, text]) => (
              <option value={value}>{text}</option>
            ))}
          </select>
        </div>
        <button type="submit">Apply filters</button>
      </form>
      {page.error && <p class="notice">{page.error}</p>}
      {can('AGENT') && <BulkStatus cases={items.filter((c) => selected.has(c.number))} onDone={() => void page.reload()} />}
      <div class="table-wrap">
        <table class="cases">
          <caption class="sr">Cases matching the filters</caption>
          <thead>
            <tr>
              {can('AGENT') && <th scope="col"><span class="sr">Select</span></th>}
              <th scope="col">#</th>
              <th scope="col">Title</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Priority</th>
              <th scope="col">Assignee</th>
              {showVotes && <th scope="col">Votes</th>}
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.number} data-case={c.number}>
                {can('AGENT') && (
                  <td>
                    <input type="checkbox" aria-label={`Select case #${c.number}`} checked={selected.has(c.number)} onChange={() => toggle(c.number)} />
                  </td>
                )}
                <td>{c.number}</td>
                <td>
                  <a href={`#/case/${c.number}`}>{c.title}</a>
                </td>
                <td>{label(c.type)}</td>
                <td>
                  <span class={`pill ${c.status.toLowerCase()}`}>{label(c.status)}</span>
                </td>
                <td>{label(c.priority)}</td>
                <td>{c.assignee ?? '—'}</td>
                {showVotes && <td>{c.votes ?? 0}</td>}
                <td>{when(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.data && items.length === 0 && <p class="empty">No case matches.</p>}
      <nav class="pager" aria-label="Pages">
        <button type="button" class="secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </button>
        <button type="button" class="secondary" disabled={!page.data?.nextCursor} onClick={() => setCursors([...cursors, page.data!.nextCursor!])}>
          Next page
        </button>
      </nav>
    </section>
  );
}

function Select(props: { id: string; text: string; options: readonly string[]; value: string; onInput: (e: Event) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.text}</label>
      <select id={props.id} value={props.value} onInput={props.onInput}>
        <option value="">Any</option>
        {props.options.map((o) => (
          <option value={o}>{label(o)}</option>
        ))}
      </select>
    </div>
  );
}

/** Changes the status of the selected cases one by one; the API applies the transition rules, and a refusal is listed. */
function BulkStatus({ cases, onDone }: { cases: CaseSummary[]; onDone: () => void }) {
  const [to, setTo] = useState('IN_PROGRESS');
  const [results, setResults] = useState<{ number: number; ok: boolean; text: string }[]>([]);
  const apply = async () => {
    const out = [];
    for (const c of cases) {
      try {
        await api('PATCH', `/api/cases/${c.number}`, { status: to });
        out.push({ number: c.number, ok: true, text: `${label(c.status)} → ${label(to)}` });
      } catch (e) {
        out.push({ number: c.number, ok: false, text: (e as Error).message });
      }
    }
    setResults(out);
    onDone();
  };
  return (
    <div class="bulk" aria-labelledby="bulk-title">
      <span id="bulk-title">{cases.length} selected</span>
      <label for="bulk-status">New status</label>
      <select id="bulk-status" value={to} onInput={(e) => setTo(e.currentTarget.value)}>
        {STATUSES.map((s) => (
          <option value={s}>{label(s)}</option>
        ))}
      </select>
      <button type="button" disabled={cases.length === 0} onClick={apply}>
        Change status
      </button>
      {results.length > 0 && (
        <ul class="results" role="status">
          {results.map((r) => (
            <li class={r.ok ? 'ok' : 'refused'}>
              #{r.number}: {r.ok ? 'changed, ' : 'refused: '}
              {r.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
