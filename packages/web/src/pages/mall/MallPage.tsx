import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { listCategories } from '../../api/shopper';
import type { Category } from '../../api/shopper-types';
import { ShelfPage } from '../shop/ShelfPage';
import '../../styles/shopper.css';

/** 商城 (/app/mall) and category pages (/app/category/:categoryId): category chips above the grid. */
export function MallPage() {
  const { t } = useTranslation();
  const { categoryId } = useParams();
  const [categories, setCategories] = useState<Category[] | null>(null);
  useEffect(() => {
    let live = true;
    listCategories().then(
      (res) => live && setCategories(res.items),
      () => live && setCategories([]),
    );
    return () => {
      live = false;
    };
  }, []);
  const flat = (categories ?? []).flatMap((c) => [c, ...c.children]);
  const current = flat.find((c) => c.id === categoryId) ?? null;
  const parent = current?.parentId ? (flat.find((c) => c.id === current.parentId) ?? null) : current;
  const header = (
    <nav className="category-bar" aria-label={t('mall.categories')} data-testid="category-bar">
      <div className="category-chips">
        <Link to="/app/mall" className={`cat-chip${!categoryId ? ' cat-chip-active' : ''}`}>
          {t('mall.all')}
        </Link>
        {(categories ?? []).map((c) => (
          <Link
            key={c.id}
            to={`/app/category/${encodeURIComponent(c.id)}`}
            className={`cat-chip${parent?.id === c.id ? ' cat-chip-active' : ''}`}
          >
            {c.name}
          </Link>
        ))}
      </div>
      {parent && parent.children.length > 0 && (
        <div className="category-chips category-sub">
          {parent.children.map((c) => (
            <Link
              key={c.id}
              to={`/app/category/${encodeURIComponent(c.id)}`}
              className={`sub-chip${c.id === categoryId ? ' sub-chip-active' : ''}`}
            >
              {c.name}
            </Link>
          ))}
        </div>
      )}
    </nav>
  );
  return (
    <ShelfPage
      key={categoryId ?? 'all'}
      title={current?.name ?? t('mall.title')}
      header={header}
      categoryId={categoryId}
      emptyText={categoryId ? t('category.empty') : undefined}
    />
  );
}
