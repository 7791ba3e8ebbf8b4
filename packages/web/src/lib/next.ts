/** Where to go after login: only same-origin paths are accepted ("/…", never "//…"). */
export function safeNext(next: string | null | undefined, fallback = '/app'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

/** The login page URL that comes back to `path` afterwards. */
export function loginUrl(path: string): string {
  return `/login?next=${encodeURIComponent(path)}`;
}
