import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChatMessage } from '../../api/service';
import { formatFen } from '../../lib/money';

/** One message as a bubble (text, image) or a card (product, order, after-sales); `mine` sits on the right. */
export function MessageBubble({
  m,
  mine,
  read,
  linkCards = true,
}: {
  m: ChatMessage;
  mine: boolean;
  read?: boolean;
  linkCards?: boolean;
}) {
  const { t } = useTranslation();
  const card = (to: string, children: React.ReactNode) =>
    linkCards ? (
      <Link to={to} className="chat-card">
        {children}
      </Link>
    ) : (
      <div className="chat-card">{children}</div>
    );
  let content: React.ReactNode;
  switch (m.kind) {
    case 'image':
      content = <img className="chat-image" src={m.body.url} alt={t('service.image')} />;
      break;
    case 'product':
      content = card(
        `/app/product/${m.body.productId}`,
        <>
          {m.body.imageUrl && <img src={m.body.imageUrl} alt="" />}
          <span className="chat-card-text">
            <b>{m.body.title}</b>
            <span className="chat-card-price">{formatFen(m.body.priceFen ?? 0)}</span>
          </span>
        </>,
      );
      break;
    case 'order':
      content = card(
        `/app/orders/${m.body.orderId}`,
        <span className="chat-card-text">
          <small>{t('service.card.order')}</small>
          <b>{m.body.title}</b>
          <span className="chat-card-price">{formatFen(m.body.totalFen ?? 0)}</span>
        </span>,
      );
      break;
    case 'aftersales':
      content = card(
        `/app/aftersales/${m.body.caseId}`,
        <span className="chat-card-text">
          <small>{t('service.card.aftersales')}</small>
          <b>{t(`service.caseStatus.${m.body.status}`, { defaultValue: m.body.status })}</b>
          <span className="chat-card-price">{formatFen(m.body.requestedFen ?? 0)}</span>
        </span>,
      );
      break;
    default:
      content = <span className="chat-text">{m.body.text}</span>;
  }
  return (
    <div
      className={`chat-row${mine ? ' chat-row-mine' : ''}`}
      data-testid="chat-message"
      data-seq={m.seq}
      data-side={m.side}
    >
      <div className={`chat-bubble chat-bubble-${m.kind}${mine ? ' chat-bubble-mine' : ''}`}>
        {m.auto && <small className="chat-auto">{t('service.auto')}</small>}
        {content}
        {m.masked && <small className="chat-masked">{t('service.masked')}</small>}
      </div>
      {mine && read !== undefined && (
        <small className="chat-read">{read ? t('service.read') : t('service.unread')}</small>
      )}
    </div>
  );
}
