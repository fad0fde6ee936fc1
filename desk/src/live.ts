// Live updates: one EventSource on GET /api/events (the browser resends Last-Event-ID on reconnect).
export type LiveKind = 'chat.waiting' | 'chat.changed' | 'chat.message' | 'case.changed';
export interface LiveEvent {
  kind: LiveKind;
  data: Record<string, any>;
}
type Handler = (event: LiveEvent) => void;

const KINDS: LiveKind[] = ['chat.waiting', 'chat.changed', 'chat.message', 'case.changed'];
const handlers = new Set<Handler>();
let source: EventSource | null = null;
let onEnded: (() => void) | null = null;

export function connectLive(sessionEnded: () => void): void {
  if (source) return;
  onEnded = sessionEnded;
  source = new EventSource('/api/events');
  for (const kind of KINDS) {
    source.addEventListener(kind, (message) => {
      const data = JSON.parse((message as MessageEvent).data);
      for (const handler of handlers) handler({ kind, data });
    });
  }
  source.addEventListener('session.ended', () => onEnded?.());
}

export function disconnectLive(): void {
  source?.close();
  source = null;
}

export function onLive(handler: Handler): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

/** Opt-in desktop notification when a chat starts waiting (the browser asks for permission once). */
export const notifications = {
  enabled: () => 'Notification' in window && Notification.permission === 'granted' && localStorage.getItem('desk.notify') === '1',
  async enable(): Promise<boolean> {
    if (!('Notification' in window)) return false;
    const permission = await Notification.requestPermission();
    localStorage.setItem('desk.notify', permission === 'granted' ? '1' : '0');
    return permission === 'granted';
  },
  disable: () => localStorage.setItem('desk.notify', '0'),
};

onLive((event) => {
  if (event.kind !== 'chat.waiting' || !notifications.enabled()) return;
  new Notification('A player is waiting', { body: `${event.data.playerName ?? 'A player'} — case #${event.data.caseNumber ?? '?'}` });
});
