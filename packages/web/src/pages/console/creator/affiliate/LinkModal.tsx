import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InputNumber, Modal, Space, Toast, Typography } from '@douyinfe/semi-ui-19';
import { createLink, linkUrl, type ShowcaseItem, type TrackedLink } from '../../../../api/affiliate';
import { formatDateTime } from '../../../../lib/format';
import { affiliateErrorText } from '../../affiliate/affiliate-errors';

export const LINK_DEFAULT_DAYS = 7;
export const LINK_MAX_DAYS = 30;

/** 推广链接: a tracked link to a showcase product, valid for a number of days; copy it once made. */
export function LinkModal({ item, onClose }: { item: ShowcaseItem; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState<number>(LINK_DEFAULT_DAYS);
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<TrackedLink | null>(null);
  async function submit() {
    setBusy(true);
    try {
      setLink(await createLink(item.product.id, days));
    } catch (e) {
      Toast.error(affiliateErrorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      visible
      closeOnEsc
      title={t('affiliate.links.newTitle')}
      onCancel={onClose}
      onOk={() => (link ? onClose() : void submit())}
      okText={link ? t('affiliate.rate.done') : t('affiliate.links.create')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{
        disabled: !Number.isInteger(days) || days < 1 || days > LINK_MAX_DAYS,
        loading: busy,
        ...({ 'data-testid': 'link-ok' } as object),
      }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <span>{item.product.title}</span>
        {link ? (
          <>
            <Typography.Text copyable={{ content: linkUrl(link.token) }} data-testid="link-url">
              {linkUrl(link.token)}
            </Typography.Text>
            <span className="cs-muted">
              {t('affiliate.links.expires', { at: formatDateTime(link.expiresAt, i18n.language) })}
            </span>
          </>
        ) : (
          <>
            <label className="cs-muted">{t('affiliate.links.validDays', { max: LINK_MAX_DAYS })}</label>
            <InputNumber
              min={1}
              max={LINK_MAX_DAYS}
              value={days}
              onChange={(v) => setDays(Number(v))}
              data-testid="link-days"
            />
            <span className="cs-muted">{t('affiliate.links.rule')}</span>
          </>
        )}
      </Space>
    </Modal>
  );
}
