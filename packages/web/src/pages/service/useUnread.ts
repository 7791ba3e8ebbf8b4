import { useEffect, useState } from 'react';
import { serviceApi } from '../../api/service';
import { useAuth } from '../../auth/AuthContext';

type Unread = { total: number; byShop: Record<string, number> };
const NONE: Unread = { total: 0, byShop: {} };
/** One request serves every badge on a screen (and screens a few seconds apart). */
const REUSE_MS = 5000;
let cached: { userId: string; at: number; promise: Promise<Unread> } | null = null;

function fetchUnread(userId: string): Promise<Unread> {
  const now = Date.now();
  if (cached && cached.userId === userId && now - cached.at < REUSE_MS) return cached.promise;
  const promise = serviceApi.unread().catch(() => NONE); // no badge is better than an error
  cached = { userId, at: now, promise };
  return promise;
}

/** The signed-in buyer's unread customer-service messages: the total (the badge on 我) and per shop (the badge on an order). */
export function useUnread(): Unread {
  const { auth } = useAuth();
  const userId = auth.user?.id ?? null;
  const [state, setState] = useState<Unread>(NONE);
  useEffect(() => {
    if (!userId) return setState(NONE);
    let live = true;
    void fetchUnread(userId).then((u) => live && setState(u));
    return () => {
      live = false;
    };
  }, [userId]);
  return state;
}
