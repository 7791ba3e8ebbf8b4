import { useCallback, useEffect, useState } from 'react';
import { getProduct } from '../../api/endpoints';
import type { ProductDetail } from '../../api/types';

export function useProduct(id: string) {
  const [state, setState] = useState<{ product: ProductDetail | null; error: unknown; loading: boolean }>({
    product: null,
    error: null,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setState({ product: null, error: null, loading: true });
    getProduct(id).then(
      (product) => live && setState({ product, error: null, loading: false }),
      (error: unknown) => live && setState({ product: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
