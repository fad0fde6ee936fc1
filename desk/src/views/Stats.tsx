import { api } from '../api';
import { STATUSES, TYPES } from '../cases';
import { label, seconds } from '../format';
import { useData } from '../hooks';

interface CaseStats {
  counts: Record<string, Record<string, number>>;
  total: number;
  open: number;
  oldestOpenAgeSeconds: number | null;
  /** Shown when the API records them. */
  firstResponseSeconds?: { median?: number; p90?: number } | number | null;
  resolutionSeconds?: { median?: number; p90?: number } | number | null;
}

const timing = (value: CaseStats['firstResponseSeconds']) =>
  typeof value === 'number' ? seconds(value) : value ? `median ${seconds(value.median)}, 90% within ${seconds(value.p90)}` : '—';

export function Stats() {
  const { data, error } = useData(() => api<CaseStats>('GET', '/api/cases/stats'), [], (e) => e.kind === 'case.changed');
  if (error) return <p class="notice">{error}</p>;
  if (!data) return <p class="loading">Loading…</p>;
  return (
    <section aria-labelledby="stats-title">
      <h1 id="stats-title">Stats</h1>
      <dl class="tiles">
        <div>
          <dt>Cases</dt>
          <dd>{data.total}</dd>
        </div>
        <div>
          <dt>Open</dt>
          <dd>{data.open}</dd>
        </div>
        <div>
          <dt>Oldest open case</dt>
          <dd>{seconds(data.oldestOpenAgeSeconds)}</dd>
        </div>
        {data.firstResponseSeconds !== undefined && (
          <div>
            <dt>First response</dt>
            <dd>{timing(data.firstResponseSeconds)}</dd>
          </div>
        )}
        {data.resolutionSeconds !== undefined && (
          <div>
            <dt>Resolution</dt>
            <dd>{timing(data.resolutionSeconds)}</dd>
          </div>
        )}
      </dl>
      <div class="table-wrap">
        <table>
          <caption>Cases by type and status</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              {STATUSES.map((s) => (
                <th scope="col">{label(s)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {TYPES.map((t) => (
              <tr>
                <th scope="row">{label(t)}</th>
                {STATUSES.map((s) => (
                  <td>
                    {data.counts[t]?.[s] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
