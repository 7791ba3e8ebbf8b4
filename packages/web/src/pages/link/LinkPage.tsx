import { useEffect, useState } from 'react';
import type { Answer } from '../../api/contract';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { ErrorNote } from '../../components/ErrorNote';
import { ShopperLayout } from '../../components/ShopperLayout';

/**
 * /l/:token — a creator's tracked link: the server checks it (and records the signed-in
 * shopper's touch), then the product page opens carrying the link's attribution to checkout.
 */
export function LinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api<Answer<'/api/v1/links/{token}', 'get'>>('GET', `/links/${encodeURIComponent(token)}`).then(
      (opened) => {
        if (!live) return;
        const q = new URLSearchParams({
          from: 'link',
          contentId: opened.attribution.contentId,
          creatorId: opened.attribution.creatorId,
        });
        navigate(`/app/product/${encodeURIComponent(opened.product.id)}?${q}`, { replace: true });
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [token, navigate]);
  return (
    <ShopperLayout title={t('affiliate.linkPage.title')}>
      {error ? (
        <div data-testid="link-error" data-code={error instanceof ApiError ? error.code : ''}>
          {error instanceof ApiError && error.is('LINK_EXPIRED') ? (
            <p role="alert">{t('affiliate.errors.LINK_EXPIRED')}</p>
          ) : (
            <ErrorNote error={error} />
          )}
          <Link to="/app">{t('affiliate.linkPage.toShop')}</Link>
        </div>
      ) : (
        <p aria-busy="true">{t('affiliate.linkPage.opening')}</p>
      )}
    </ShopperLayout>
  );
}
