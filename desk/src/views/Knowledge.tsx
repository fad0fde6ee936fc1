import { useEffect, useState } from 'preact/hooks';
import { api, can } from '../api';
import { renderMarkdown } from '../markdown';
import { useData, useStatus } from '../hooks';

interface Article {
  id: string;
  slug: string;
  locale: string;
  title: string;
  body: string;
  tags: string[];
  updatedAt: string;
}

const LOCALES: [string, string][] = [
  ['en', 'English'],
  ['fr', 'Français'],
  ['es', 'Español'],
  ['de', 'Deutsch'],
  ['pt', 'Português'],
];

export function Knowledge() {
  const [locale, setLocale] = useState('en');
  const [openId, setOpenId] = useState<string | 'new' | null>(null);
  const [status, setStatus] = useStatus();
  const list = useData(() => api<Article[]>('GET', `/api/kb/articles?locale=${locale}`), [locale]);
  const article = list.data?.find((a) => a.id === openId);
  const done = async (text: string, keepOpen: string | null) => {
    setStatus(text);
    setOpenId(keepOpen);
    await list.reload();
  };
  return (
    <section aria-labelledby="kb-title">
      <h1 id="kb-title">Knowledge base</h1>
      <p class="status" role="status">
        {status}
      </p>
      <div class="toolbar">
        <label for="kb-locale">Language</label>
        <select id="kb-locale" value={locale} onInput={(e) => (setLocale(e.currentTarget.value), setOpenId(null))}>
          {LOCALES.map(([code, name]) => (
            <option value={code}>{name}</option>
          ))}
        </select>
        {can('LEAD') && (
          <button type="button" onClick={() => setOpenId('new')}>
            New article
          </button>
        )}
      </div>
      <div class="kb">
        <ul class="articles" aria-label="Articles">
          {(list.data ?? []).map((a) => (
            <li key={a.id}>
              <button type="button" class="link" aria-current={a.id === openId ? 'true' : undefined} onClick={() => setOpenId(a.id)}>
                {a.title}
              </button>
            </li>
          ))}
        </ul>
        {openId === 'new' && <Editor key="new" locale={locale} onDone={done} />}
        {article && <Editor key={article.id} article={article} locale={locale} onDone={done} />}
      </div>
    </section>
  );
}

function Editor({ article, locale, onDone }: { article?: Article; locale: string; onDone: (text: string, keepOpen: string | null) => void }) {
  const [slug, setSlug] = useState(article?.slug ?? '');
  const [title, setTitle] = useState(article?.title ?? '');
  const [body, setBody] = useState(article?.body ?? '');
  const [tags, setTags] = useState((article?.tags ?? []).join(', '));
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const editable = can('LEAD');
  useEffect(() => setConfirming(false), [article?.id]);

  const save = async (e: Event) => {
    e.preventDefault();
    const fields = { title: title.trim(), body: body.trim(), tags: tags.split(',').map((t) => t.trim()).filter(Boolean) };
    try {
      if (article) {
        await api('PATCH', `/api/kb/articles/${article.id}`, fields);
        onDone(`Saved "${fields.title}"`, article.id);
      } else {
        const created = await api<Article>('POST', '/api/kb/articles', { ...fields, slug: slug.trim(), locale });
        onDone(`Created "${created.title}"`, created.id);
      }
    } catch (error) {
      setError((error as Error).message);
    }
  };
  const remove = async () => {
    if (!confirming) return setConfirming(true);
    try {
      await api('DELETE', `/api/kb/articles/${article!.id}`);
      onDone(`Deleted "${article!.title}"`, null);
    } catch (error) {
      setError((error as Error).message);
    }
  };

  return (
    <form class="editor" onSubmit={save} aria-label={article ? `Edit ${article.title}` : 'New article'}>
      {error && (
        <p class="notice" role="alert">
          {error}
        </p>
      )}
      {!article && (
        <>
          <label for="kb-slug">Slug</label>
          <input id="kb-slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" value={slug} onInput={(e) => setSlug(e.currentTarget.value)} />
        </>
      )}
      <label for="kb-title-input">Title</label>
      <input id="kb-title-input" required maxLength={200} readOnly={!editable} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      <label for="kb-tags">Tags (comma-separated)</label>
      <input id="kb-tags" readOnly={!editable} value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
      <div class="split">
        <div>
          <label for="kb-body">Body (Markdown)</label>
          <textarea id="kb-body" rows={14} required maxLength={20000} readOnly={!editable} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        </div>
        <div>
          <h2 class="label" id="kb-preview-title">Preview</h2>
          <div class="preview" aria-labelledby="kb-preview-title" dangerouslySetInnerHTML={{ __html: renderMarkdown(body) }} />
        </div>
      </div>
      {editable && (
        <div class="actions">
          <button type="submit">{article ? 'Save article' : 'Create article'}</button>
          {article && (
            <button type="button" class="danger" onClick={remove}>
              {confirming ? 'Really delete?' : 'Delete article'}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
