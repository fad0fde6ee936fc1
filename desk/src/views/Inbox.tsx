import { api, can } from '../api';
import { age } from '../format';
import { useData, useStatus, useTick } from '../hooks';

export interface ChatSummary {
  id: string;
  mode: 'AGENT_REQUESTED' | 'AGENT';
  transport: string | null;
  player: { id: string; name: string; locale: string };
  case: { number: number; status: string } | null;
  agentName: string | null;
  createdAt: string;
  updatedAt: string;
  lastMessage: { authorKind: string; body: string; createdAt: string } | null;
}

export function Inbox() {
  useTick();
  const [status, setStatus] = useStatus();
  const { data, error, reload } = useData(() => api<ChatSummary[]>('GET', '/api/conversations'), [], (e) => e.kind.startsWith('chat.'));
  const claim = async (chat: ChatSummary) => {
    try {
      await api('POST', `/api/conversations/${chat.id}/claim`);
      setStatus(`You claimed the chat with ${chat.player.name}`);
      await reload();
    } catch (e) {
      setStatus((e as Error).message);
    }
  };
  const waiting = (data ?? []).filter((c) => c.mode === 'AGENT_REQUESTED');
  const withAgent = (data ?? []).filter((c) => c.mode === 'AGENT');
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Inbox</h1>
      <p class="status" role="status">
        {status}
      </p>
      {error && <p class="notice">{error}</p>}
      <ChatList title="Waiting for a person" chats={waiting} empty="Nobody is waiting." onClaim={claim} />
      <ChatList title="With an agent" chats={withAgent} empty="No chat has an agent." onClaim={claim} />
    </section>
  );
}

function ChatList({ title, chats, empty, onClaim }: { title: string; chats: ChatSummary[]; empty: string; onClaim: (c: ChatSummary) => void }) {
  const id = title.replace(/\W+/g, '-').toLowerCase();
  return (
    <section aria-labelledby={id} class="panel">
      <h2 id={id}>
        {title} <span class="count">{chats.length}</span>
      </h2>
      {chats.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <ul class="chats" data-testid={id}>
          {chats.map((chat) => (
            <li class="chat-row" key={chat.id} data-conversation={chat.id}>
              <div class="who">
                <a href={chat.case ? `#/chat/${chat.case.number}` : '#/inbox'}>{chat.player.name}</a>
                <span class="meta">
                  {chat.case ? `case #${chat.case.number}` : 'no case'} · <span lang={chat.player.locale}>{chat.player.locale}</span> ·{' '}
                  {chat.mode === 'AGENT' ? `with ${chat.agentName ?? 'an agent'}` : `waiting ${age(chat.updatedAt)}`}
                </span>
              </div>
              <p class="last">{chat.lastMessage ? `${chat.lastMessage.authorKind.toLowerCase()}: ${chat.lastMessage.body}` : ''}</p>
              <div class="actions">
                {chat.case && (
                  <a class="button secondary" href={`#/chat/${chat.case.number}`}>
                    Open
                  </a>
                )}
                {can('AGENT') && chat.mode === 'AGENT_REQUESTED' && (
                  <button type="button" onClick={() => onClaim(chat)}>
                    Claim<span class="sr"> the chat with {chat.player.name}</span>
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
