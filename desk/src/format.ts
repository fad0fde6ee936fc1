export function age(from: string | Date, now = Date.now()): string {
  const seconds = Math.max(0, Math.floor((now - new Date(from).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d`;
}

export const seconds = (value: number | null | undefined) => (value === null || value === undefined ? '—' : age(new Date(Date.now() - value * 1000)));
export const when = (value: string) => new Date(value).toLocaleString();
export const label = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
