import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { SEARCH_TABS, type SearchSort, type SearchTab } from '../../api/search';
import { suggest } from '../../api/shopper';
import { ErrorNote } from '../../components/ErrorNote';
import { SearchIcon } from '../../components/Icons';
import { ShopperLayout } from '../../components/ShopperLayout';
import { nextPriceSort, searchHref, sortOf, tabOf } from './search-params';
import { LiveResults, ProductResults, UserResults, VideoResults } from './SearchResults';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import './search.css';

const HOT = ['苹果', '茶叶', '牛肉', '砧板', '坚果'];

/** 综合 / 销量 / 价格 (↑ then ↓ on each tap) for the products tab. */
function SortBar({ sort, onSort }: { sort: SearchSort; onSort(sort: SearchSort): void }) {
  const { t } = useTranslation();
  const price = sort === 'price_asc' || sort === 'price_desc';
  const item = (key: string, active: boolean, label: string, next: SearchSort, extra?: string) => (
    <button
      key={key}
      type="button"
      className={`search-sort${active ? ' search-sort-active' : ''}`}
      aria-pressed={active}
      onClick={() => onSort(next)}
      data-testid={`sort-${key}`}
      data-sort={active ? sort : undefined}
      aria-label={extra}
    >
      {label}
      {key === 'price' && (
        <span className="search-sort-arrows" aria-hidden="true">
          <span className={sort === 'price_asc' ? 'on' : ''}>▲</span>
          <span className={sort === 'price_desc' ? 'on' : ''}>▼</span>
        </span>
      )}
    </button>
  );
  return (
    <div className="search-sorts" role="group" aria-label={t('searchTabs.sort.label')} data-testid="search-sorts">
      {item('relevance', sort === 'relevance', t('searchTabs.sort.relevance'), 'relevance')}
      {item('sales', sort === 'sales', t('searchTabs.sort.sales'), 'sales')}
      {item(
        'price',
        price,
        t('searchTabs.sort.price'),
        nextPriceSort(sort),
        sort === 'price_desc' ? t('searchTabs.sort.priceDesc') : t('searchTabs.sort.priceAsc'),
      )}
    </div>
  );
}

/** /app/search?q=…&tab=…&sort=…: suggestions while typing; products, videos, people and live rooms in tabs, each with infinite scroll. */
export function SearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const tab = tabOf(params.get('tab'));
  const sort = sortOf(params.get('sort'));
  const [text, setText] = useState(q);
  const [suggestions, setSuggestions] = useState<string[]>([]);
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

  function go(query: string) {
    const value = query.trim();
    setTyping(false);
    setSuggestions([]);
    setError(null);
    if (!value) return;
    if (value.length > 50) return setError(new Error(t('search.tooLong')));
    navigate(searchHref(value, tab, sort), { replace: q !== '' });
  }

  // Another tab or sort starts a new list: from its top.
  const show = (next: { tab?: SearchTab; sort?: SearchSort }) => {
    navigate(searchHref(q, next.tab ?? tab, next.sort ?? sort), { replace: true });
    window.scrollTo({ top: 0 });
  };

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
          placeholder={t('searchTabs.placeholder')}
          aria-label={t('searchTabs.placeholder')}
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
      <div className="search-head">
        {form}
        {q && (
          <nav className="search-tabs" role="tablist" aria-label={t('searchTabs.label')} data-testid="search-tabs">
            {SEARCH_TABS.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tab === name}
                className={`search-tab${tab === name ? ' search-tab-active' : ''}`}
                onClick={() => show({ tab: name })}
                data-testid={`tab-${name}`}
              >
                {t(`searchTabs.tabs.${name}`)}
              </button>
            ))}
          </nav>
        )}
        {q && tab === 'products' && <SortBar sort={sort} onSort={(next) => show({ sort: next })} />}
      </div>
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
      {error != null && <ErrorNote error={error} />}
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
      {q && tab === 'products' && <ProductResults q={q} sort={sort} />}
      {q && tab === 'videos' && <VideoResults q={q} />}
      {q && tab === 'users' && <UserResults q={q} />}
      {q && tab === 'live' && <LiveResults q={q} />}
    </ShopperLayout>
  );
}
