import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { serviceApi, type Conversation } from '../../api/service';
import { ErrorNote } from '../../components/ErrorNote';
import { ShopperLayout } from '../../components/ShopperLayout';
import { formatDateTime } from '../../lib/format';
import './service.css';

/** 消息 (/app/messages): my conversations with shops, latest first, with unread counts. */
export function MessagesPage() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Conversation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () =>
    serviceApi.mine().then(
      (r) => (setItems(r.items), setError(null)),
      (e: unknown) => setError(e),
    );
  useEffect(() => void load(), []);
  return (
    <ShopperLayout title={t('service.messages')} back>
      {error != null && <ErrorNote error={error} onRetry={() => void load()} />}
      {items && items.length === 0 && (
        <div className="empty">
          <p className="empty-title">{t('service.noMessages')}</p>
          <p className="muted small">{t('service.noMessagesHint')}</p>
        </div>
      )}
      <div data-testid="messages-list">
        {items?.map((c) => (
          <Link key={c.id} to={`/app/service/${c.id}`} className="msg-row" data-testid="messages-row">
            <div className="msg-row-main">
              <b>{c.shopName}</b>
              <span>
                {c.lastText.startsWith('[')
                  ? t(`service.preview.${c.lastText.slice(1, -1)}`, { defaultValue: c.lastText })
                  : c.lastText}
              </span>
            </div>
            <small className="muted">{formatDateTime(c.lastMessageAt, i18n.language)}</small>
            {c.unread > 0 && <span className="msg-badge">{c.unread}</span>}
          </Link>
        ))}
      </div>
    </ShopperLayout>
  );
}
