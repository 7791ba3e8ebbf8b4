import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { searchProducts, suggest } from '../../api/shopper';
import type { ProductCardData } from '../../api/shopper-types';
import { ErrorNote } from '../../components/ErrorNote';
import { SearchIcon } from '../../components/Icons';
import { ShopperLayout } from '../../components/ShopperLayout';
import { ProductCard, ProductCardSkeleton } from '../shop/ProductCard';
import '../../styles/shop.css';
import '../../styles/shopper.css';

const HOT = ['苹果', '茶叶', '牛肉', '砧板', '坚果'];

/** /app/search?q=…: suggestions while typing, ProductCard results ranked by the server. */
export function SearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [text, setText] = useState(q);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [results, setResults] = useState<{ q: string; items: ProductCardData[]; cursor: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [typing, setTyping] = useState(false);

  useEffect(() => setText(q), [q]);

  // Suggestions, debounced, only while the text differs from the searched query.
  useEffect(() => {
    const value = text.trim();
    if (!typing || !value || value.length > 50) {
      setSuggestions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      suggest(value).then(
        (res) => live && setSuggestions(res.items.slice(0, 8)),
        () => live && setSuggestions([]),
      );
    }, 180);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, typing]);

  async function run(query: string, cursor: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await searchProducts(query, cursor);
      setResults((old) => ({ q: query, items: cursor && old ? [...old.items, ...page.items] : page.items, cursor: page.nextCursor }));
    } catch (e) {
      setError(e);
      if (!cursor) setResults({ q: query, items: [], cursor: null });
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setResults(null);
    if (q) void run(q, null);
  }, [q]);

  function go(query: string) {
    const value = query.trim();
    setTyping(false);
    setSuggestions([]);
    if (!value) return;
    if (value.length > 50) return setError(new Error(t('search.tooLong')));
    navigate(`/app/search?q=${encodeURIComponent(value)}`, { replace: q !== '' });
  }

  const form = (
    <form className="search-form" role="search" onSubmit={(e: FormEvent) => (e.preventDefault(), go(text))}>
      <span className="search-field">
        <SearchIcon size={18} />
        <input
          name="q"
          type="search"
          autoFocus={!q}
          autoComplete="off"
          maxLength={50}
          value={text}
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          data-testid="search-input"
          onChange={(e) => {
            setText(e.target.value);
            setTyping(true);
          }}
        />
      </span>
      <button type="submit" className="search-submit">
        {t('search.submit')}
      </button>
    </form>
  );

  return (
    <ShopperLayout title={t('search.title')} back right={<span className="topbar-spacer" />}>
      {form}
      {suggestions.length > 0 && (
        <ul className="suggest-list" aria-label={t('search.suggestions')} data-testid="suggestions">
          {suggestions.map((s) => (
            <li key={s}>
              <button type="button" onClick={() => go(s)}>
                <SearchIcon size={14} /> {s}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!q && suggestions.length === 0 && (
        <section className="section">
          <h3>{t('search.hot')}</h3>
          <div className="chips">
            {HOT.map((word) => (
              <button key={word} type="button" className="chip" onClick={() => go(word)}>
                {word}
              </button>
            ))}
          </div>
        </section>
      )}
      {q && (
        <>
          {results && results.items.length > 0 && <p className="search-caption muted">{t('search.results', { q })}</p>}
          <ul className="grid" data-testid="search-results">
            {results?.items.map((p) => <ProductCard key={p.id} product={p} />)}
            {loading && Array.from({ length: results?.items.length ? 2 : 6 }, (_, i) => <ProductCardSkeleton key={`s${i}`} />)}
          </ul>
          {error != null && <ErrorNote error={error} onRetry={() => void run(q, results?.cursor ?? null)} />}
          {results && !loading && results.items.length === 0 && error == null && (
            <div className="empty" data-testid="empty">
              <p className="empty-title">{t('search.empty', { q })}</p>
              <p className="muted">{t('search.emptyHint')}</p>
              <button type="button" className="btn" onClick={() => navigate('/app/mall')}>
                {t('feed.toMall')}
              </button>
            </div>
          )}
          {results?.cursor && !loading && (
            <div className="list-end">
              <button type="button" className="btn" onClick={() => void run(q, results.cursor)}>
                {t('shelf.loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </ShopperLayout>
  );
}
