import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { favouritesApi } from '../../api/favourites';
import { useAuth } from '../../auth/AuthContext';
import { useErrorText } from '../../components/ErrorNote';
import { StarIcon } from '../../components/Icons';
import { formatCount } from '../../lib/format';
import '../../styles/wallet.css';

/**
 * 收藏 on a product (in the buy bar): a star with the product's count. Signed in, it shows whether
 * the product is among the shopper's favourites (from the server) and toggles it; signed out, it
 * asks to sign in first.
 */
export function FavouriteToggle({
  productId,
  count,
  ensureSignedIn,
  onToast,
}: {
  productId: string;
  count: number;
  ensureSignedIn(): Promise<boolean>;
  onToast(text: string): void;
}) {
  const { t, i18n } = useTranslation();
  const { auth } = useAuth();
  const errorText = useErrorText();
  const userId = auth.user?.id ?? null;
  const [on, setOn] = useState(false);
  const [n, setN] = useState(count);
  const [busy, setBusy] = useState(false);
  /** Toggles sent so far: a state read asked for before the latest one answers an older question. */
  const toggles = useRef(0);

  useEffect(() => {
    if (!userId) return setOn(false);
    let live = true;
    const asked = toggles.current;
    favouritesApi.state(productId).then(
      (s) => {
        // A toggle since: its answer is newer (a slow read may even have seen the row without the count).
        if (!live || toggles.current !== asked) return;
        setOn(s.favourited);
        setN(s.favourites);
      },
      () => {}, // the toggle still works; its answer carries the state
    );
    return () => {
      live = false;
    };
  }, [productId, userId]);

  async function toggle() {
    if (busy || !(await ensureSignedIn())) return;
    setBusy(true);
    toggles.current++;
    try {
      const s = await favouritesApi.set(productId, !on);
      setOn(s.favourited);
      setN(s.favourites);
      onToast(t(s.favourited ? 'favourites.on' : 'favourites.off'));
    } catch (e) {
      onToast(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <button
      type="button"
      className={`fav-toggle${on ? ' fav-toggle-on' : ''}`}
      aria-pressed={on}
      disabled={busy}
      onClick={() => void toggle()}
      data-testid="favourite-toggle"
      data-count={n}
    >
      <StarIcon filled={on} />
      <span>{on ? t('favourites.added') : t('favourites.add')}</span>
      {n > 0 && <small data-testid="favourite-count">{formatCount(n, i18n.language)}</small>}
    </button>
  );
}
