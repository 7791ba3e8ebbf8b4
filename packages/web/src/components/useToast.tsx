import { useCallback, useEffect, useState } from 'react';

/** A short message shown for a moment ("已加入购物车", "链接已复制"). */
export function useToast(ms = 2200) {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), ms);
    return () => clearTimeout(timer);
  }, [message, ms]);
  const show = useCallback((text: string) => setMessage(text), []);
  const node = message ? (
    <div className="toast" role="status">
      {message}
    </div>
  ) : null;
  return { show, node };
}
