import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, Session, session } from '../api';

const DISCORD_ERRORS: Record<string, string> = {
  not_staff: 'Your Discord account does not hold the staff role in the server.',
  discord_state: 'The Discord sign-in expired or was started elsewhere; try again.',
  discord_denied: 'Discord did not confirm the sign-in; try again, or sign in with an API key.',
};

export function SignIn({ reason }: { reason?: string }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [discord, setDiscord] = useState(false);
  const [busy, setBusy] = useState(false);
  const fromDiscord = new URLSearchParams(location.search).get('signin');

  useEffect(() => {
    api<{ discord: boolean }>('GET', '/api/session/providers').then((p) => setDiscord(p.discord), () => undefined);
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const typed = new FormData(event.currentTarget as HTMLFormElement).get('key');
      session.set(await api<Session>('POST', '/api/session', { key: String(typed ?? key).trim() }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the service');
    } finally {
      setBusy(false);
    }
  };

  const notice = error ?? (fromDiscord ? DISCORD_ERRORS[fromDiscord] : undefined) ?? reason;
  return (
    <main id="main" class="signin">
      <h1>Support desk</h1>
      <form onSubmit={submit} aria-describedby={notice ? 'signin-notice' : undefined}>
        {notice && (
          <p id="signin-notice" class="notice" role="alert">
            {notice}
          </p>
        )}
        <label for="api-key">API key</label>
        <input id="api-key" name="key" type="password" autoComplete="current-password" required minLength={8} value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        <p class="hint">The key is exchanged for a session; the desk does not keep it.</p>
      </form>
      {discord && (
        <p>
          <a class="button secondary" href="/desk/auth/discord">
            Sign in with Discord
          </a>
        </p>
      )}
    </main>
  );
}
