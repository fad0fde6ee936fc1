import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, Session, session } from './api';
import { connectLive, disconnectLive, notifications } from './live';
import { CaseDetail } from './views/CaseDetail';
import { Cases } from './views/Cases';
import { Chat } from './views/Chat';
import { Inbox } from './views/Inbox';
import { Knowledge } from './views/Knowledge';
import { SignIn } from './views/SignIn';
import { Stats } from './views/Stats';

interface Route {
  view: string;
  arg?: string;
}

const parseRoute = (): Route => {
  const [view = 'inbox', arg] = location.hash.replace(/^#\/?/, '').split('/');
  return { view, arg };
};

const NAV: [string, string][] = [
  ['inbox', 'Inbox'],
  ['cases', 'Cases'],
  ['stats', 'Stats'],
  ['kb', 'Knowledge base'],
];

function App() {
  const [user, setUser] = useState<Session | null | undefined>(undefined);
  const [reason, setReason] = useState<string | undefined>();
  const [route, setRoute] = useState(parseRoute());

  useEffect(() => {
    const off = session.subscribe((next, why) => {
      setUser(next);
      setReason(why);
    });
    api<Session>('GET', '/api/session').then((s) => session.set(s), () => session.set(null));
    const onHash = () => setRoute(parseRoute());
    addEventListener('hashchange', onHash);
    return () => {
      off();
      removeEventListener('hashchange', onHash);
    };
  }, []);

  useEffect(() => {
    if (!user) return disconnectLive();
    // The stream says when the session ends; asking for it again tells the desk why.
    connectLive(() => api<Session>('GET', '/api/session').then((s) => session.set(s), (e: Error) => session.set(null, e.message)));
  }, [user]);

  useEffect(() => {
    const title = NAV.find(([id]) => id === route.view)?.[1] ?? (route.view === 'chat' ? `Chat #${route.arg}` : `Case #${route.arg}`);
    document.title = `${title} · Support desk`;
  }, [route]);

  if (user === undefined) return <p class="loading">Loading the support desk…</p>;
  if (user === null) return <SignIn reason={reason} />;

  const signOut = async () => {
    await api('DELETE', '/api/session').catch(() => undefined);
    session.set(null, 'You signed out');
  };
  const current = route.view === 'chat' ? 'inbox' : route.view === 'case' ? 'cases' : route.view;

  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <strong class="brand">Support desk</strong>
        <nav aria-label="Views">
          {NAV.map(([id, text]) => (
            <a href={`#/${id}`} aria-current={current === id ? 'page' : undefined}>
              {text}
            </a>
          ))}
        </nav>
        <div class="me">
          <span>
            {user.name} <span class="badge">{user.role.toLowerCase()}</span>
          </span>
          <NotifyToggle />
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <View route={route} />
      </main>
    </>
  );
}

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'chat':
      return <Chat caseNumber={Number(route.arg)} />;
    case 'cases':
      return <Cases />;
    case 'case':
      return <CaseDetail number={Number(route.arg)} />;
    case 'stats':
      return <Stats />;
    case 'kb':
      return <Knowledge />;
    default:
      return <Inbox />;
  }
}

function NotifyToggle() {
  const [on, setOn] = useState(notifications.enabled());
  if (!('Notification' in window)) return null;
  const toggle = async () => {
    if (on) {
      notifications.disable();
      setOn(false);
    } else setOn(await notifications.enable());
  };
  return (
    <button type="button" class="link" aria-pressed={on} onClick={toggle}>
      {on ? 'Notifications on' : 'Notify me of waiting chats'}
    </button>
  );
}

render(<App />, document.getElementById('app')!);
