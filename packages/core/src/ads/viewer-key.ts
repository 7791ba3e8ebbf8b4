import { DomainError } from '../platform/index.js';

/** Who reports an ad event: the signed-in user, else the app's viewer id (`anon:<id>`). */
export function viewerKeyOf(userId: string | null, viewerId: string | null): string {
  if (userId) return userId;
  if (viewerId) return `anon:${viewerId}`;
  throw new DomainError('UNAUTHENTICATED', 'sign in or send x-viewer-id');
}
