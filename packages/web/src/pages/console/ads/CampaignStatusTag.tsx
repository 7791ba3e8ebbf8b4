import { useTranslation } from 'react-i18next';
import { Tag, Typography } from '@douyinfe/semi-ui-19';
import type { AdCampaignStatus } from './ads-api';

/** A campaign's status; one the platform took down in review shows its reason beneath. */
export function CampaignStatusTag({ status, reason }: { status: AdCampaignStatus; reason: string | null }) {
  const { t } = useTranslation();
  const color = status === 'active' ? 'green' : status === 'rejected' ? 'red' : 'grey';
  return (
    <>
      <Tag color={color} data-testid="ads-status">
        {t(`ads.status.${status}`)}
      </Tag>
      {status === 'rejected' && reason && (
        <div>
          <Typography.Text type="danger" size="small" data-testid="ads-review-reason">
            {reason}
          </Typography.Text>
        </div>
      )}
    </>
  );
}
