import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { serviceApi, type SourceKind } from '../../api/service';
import { useErrorText } from '../../components/ErrorNote';
import { loginUrl } from '../../lib/next';

/** 客服 / 联系客服: opens (or reopens) the conversation with the shop behind a product, order, case or live room. */
export function ContactButton({
  source,
  sourceId,
  shopId,
  variant = 'bar',
  badge = 0,
  onError,
}: {
  source: SourceKind;
  sourceId?: string;
  shopId?: string;
  variant?: 'bar' | 'link';
  badge?: number;
  onError?(text: string): void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  async function open() {
    setBusy(true);
    try {
      const c = await serviceApi.open({ source, ...(sourceId ? { sourceId } : {}), ...(shopId ? { shopId } : {}) });
      navigate(`/app/service/${c.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401)
        navigate(loginUrl(window.location.pathname + window.location.search));
      else onError?.(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const label = variant === 'bar' ? t('service.contactShort') : t('service.contact');
  return (
    <button
      type="button"
      className={variant === 'bar' ? 'contact-btn' : 'btn btn-small contact-link'}
      disabled={busy}
      onClick={() => void open()}
      data-testid="contact-service"
    >
      {variant === 'bar' && (
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
          <path d="M4 5h16v11H9l-5 4z" strokeLinejoin="round" />
        </svg>
      )}
      <span>{label}</span>
      {badge > 0 && (
        <span className="tab-badge" data-testid="contact-badge">
          {badge}
        </span>
      )}
    </button>
  );
}
