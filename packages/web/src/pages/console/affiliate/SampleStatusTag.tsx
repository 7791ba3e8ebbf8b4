import { useTranslation } from 'react-i18next';
import { Tag } from '@douyinfe/semi-ui-19';
import type { SampleStatus } from '../../../api/affiliate-samples';

const COLOR: Record<SampleStatus, 'orange' | 'green' | 'red' | 'grey'> = {
  requested: 'orange',
  approved: 'green',
  rejected: 'red',
  cancelled: 'grey',
};

/** A sample request's status as a coloured tag (creator and merchant pages). */
export function SampleStatusTag({ status }: { status: SampleStatus }) {
  const { t } = useTranslation();
  return (
    <Tag size="small" color={COLOR[status]} data-testid="sample-status" data-status={status}>
      {t(`affiliate.samples.statuses.${status}`)}
    </Tag>
  );
}
