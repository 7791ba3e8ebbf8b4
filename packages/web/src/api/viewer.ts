/** A stable anonymous viewer id (x-viewer-id) so views and events of signed-out people count once. */
import { newUuid } from '../lib/ids';

const KEY = 'zhongcao.viewer';
let cached: string | null = null;

export function viewerId(): string {
  if (cached) return cached;
  try {
    cached = window.localStorage.getItem(KEY);
    if (!cached) {
      cached = newUuid();
      window.localStorage.setItem(KEY, cached);
    }
  } catch {
    cached = newUuid();
  }
  return cached;
}

export function viewerHeaders(): Record<string, string> {
  return { 'x-viewer-id': viewerId() };
}
