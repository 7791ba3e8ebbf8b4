import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Typography } from '@douyinfe/semi-ui-19';
import { serviceApi, type ChatMessage } from '../../../../api/service';
import { MessageBubble } from '../../../service/MessageBubble';
import { ErrorState } from '../../shell/common';
import '../../../service/service.css';

/** Under arbitration, the platform may read the buyer–shop conversation; each opening is logged, so it loads only when asked. */
export function ArbitrationConversation({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<ChatMessage[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function load() {
    setBusy(true);
    try {
      setMessages((await serviceApi.adminConversation(caseId)).messages);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="cs-section-gap" data-testid="arbitration-conversation">
      <Typography.Title heading={6}>{t('serviceDesk.arbitration.title')}</Typography.Title>
      {messages === null ? (
        <>
          <Typography.Text type="tertiary">{t('serviceDesk.arbitration.logged')}</Typography.Text>
          <div>
            <Button onClick={() => void load()} loading={busy} data-testid="arbitration-conversation-open">
              {t('serviceDesk.arbitration.open')}
            </Button>
          </div>
        </>
      ) : messages.length === 0 ? (
        <Typography.Text type="tertiary">{t('serviceDesk.arbitration.none')}</Typography.Text>
      ) : (
        <div className="desk-chat" style={{ maxHeight: 360, overflow: 'auto', borderRadius: 8 }}>
          <div className="chat-list">
            {messages.map((m) => (
              <MessageBubble key={m.seq} m={m} mine={m.side === 'shop'} linkCards={false} />
            ))}
          </div>
        </div>
      )}
      {error != null && <ErrorState error={error} onRetry={() => void load()} />}
    </div>
  );
}
