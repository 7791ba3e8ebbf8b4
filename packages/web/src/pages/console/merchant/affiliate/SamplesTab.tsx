import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Modal, Radio, RadioGroup, Space, Table, Toast } from '@douyinfe/semi-ui-19';
import {
  decideSample,
  SAMPLE_STATUSES,
  shopSamples,
  type SampleRequest,
  type SampleStatus,
} from '../../../../api/affiliate-samples';
import { formatDateTime } from '../../../../lib/format';
import { CursorPager, useCursorPages } from '../../shell/CursorPager';
import { EmptyState, ErrorState } from '../../shell/common';
import { affiliateErrorText } from '../../affiliate/affiliate-errors';
import { SampleStatusTag } from '../../affiliate/SampleStatusTag';

/** 寄样: creators' sample requests to the shop; agree (a zero-price order to ship) or reject with a reason. */
export function SamplesTab({ shopId }: { shopId: string }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<SampleStatus>('requested');
  const pages = useCursorPages((cursor) => shopSamples(shopId, status, cursor), [shopId, status]);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<SampleRequest | null>(null);

  async function decide(r: SampleRequest, decision: 'approve' | 'reject', reason?: string): Promise<boolean> {
    setBusy(r.id);
    try {
      await decideSample(r.id, decision, reason);
      Toast.success(t(decision === 'approve' ? 'affiliate.samples.approved' : 'affiliate.samples.rejected'));
      pages.reload();
      return true;
    } catch (e) {
      Toast.error(affiliateErrorText(e, t));
      return false;
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <div className="cs-toolbar">
        <RadioGroup
          type="button"
          value={status}
          onChange={(e) => setStatus(e.target.value as SampleStatus)}
          data-testid="samples-filter"
        >
          {SAMPLE_STATUSES.map((s) => (
            <Radio key={s} value={s}>
              {t(`affiliate.samples.statuses.${s}`)}
            </Radio>
          ))}
        </RadioGroup>
      </div>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          data-testid="samples-table"
          scroll={{ x: 'max-content' }}
          onRow={(r?: SampleRequest) => ({ 'data-sample-id': r?.id ?? '' }) as Record<string, string>}
          empty={<EmptyState title={t('affiliate.samples.empty')} />}
          columns={[
            {
              title: t('affiliate.samples.creator'),
              dataIndex: 'creatorName',
              render: (n: string, r: SampleRequest) => (
                <span>
                  {n}
                  <br />
                  <span className="cs-muted">{r.creatorId}</span>
                </span>
              ),
            },
            {
              title: t('affiliate.samples.product'),
              dataIndex: 'productTitle',
              render: (title: string, r: SampleRequest) => (
                <span>
                  {title}
                  <br />
                  <span className="cs-muted">{r.specValues.join(' / ')}</span>
                </span>
              ),
            },
            { title: t('affiliate.samples.city'), dataIndex: 'city' },
            {
              title: t('affiliate.applications.note'),
              dataIndex: 'note',
              render: (n: string) => n || <span className="cs-muted">—</span>,
            },
            {
              title: t('affiliate.samples.status'),
              dataIndex: 'status',
              render: (_: unknown, r: SampleRequest) => <SampleStatusTag status={r.status} />,
            },
            {
              title: t('affiliate.samples.at'),
              dataIndex: 'createdAt',
              render: (v: number) => formatDateTime(v, i18n.language),
            },
            {
              title: t('consoleUi.actions'),
              dataIndex: 'id',
              render: (id: string, r: SampleRequest) =>
                r.status === 'requested' ? (
                  <Space>
                    <Button
                      size="small"
                      theme="solid"
                      loading={busy === id}
                      onClick={() => void decide(r, 'approve')}
                      data-testid="sample-approve"
                    >
                      {t('affiliate.samples.approve')}
                    </Button>
                    <Button
                      size="small"
                      type="danger"
                      disabled={busy === id}
                      onClick={() => setRejecting(r)}
                      data-testid="sample-reject"
                    >
                      {t('affiliate.samples.reject')}
                    </Button>
                  </Space>
                ) : r.orderId ? (
                  <span className="cs-mono" data-testid="sample-order">
                    {r.orderId}
                  </span>
                ) : r.reason ? (
                  <span className="cs-muted">{r.reason}</span>
                ) : null,
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
      {rejecting && (
        <RejectModal
          request={rejecting}
          busy={busy === rejecting.id}
          onClose={() => setRejecting(null)}
          onReject={async (reason) => {
            if (await decide(rejecting, 'reject', reason)) setRejecting(null);
          }}
        />
      )}
    </>
  );
}

function RejectModal({
  request,
  busy,
  onClose,
  onReject,
}: {
  request: SampleRequest;
  busy: boolean;
  onClose: () => void;
  onReject: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal
      visible
      closeOnEsc
      title={t('affiliate.samples.rejectTitle')}
      onCancel={onClose}
      onOk={() => onReject(reason.trim())}
      okText={t('affiliate.samples.reject')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{
        loading: busy,
        disabled: reason.trim() === '',
        type: 'danger',
        ...({ 'data-testid': 'sample-reject-ok' } as object),
      }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <span>
          {request.creatorName} · {request.productTitle}
        </span>
        <label className="cs-muted">{t('affiliate.samples.rejectReason')}</label>
        <Input
          value={reason}
          onChange={setReason}
          maxLength={200}
          placeholder={t('affiliate.samples.rejectPlaceholder')}
          data-testid="sample-reject-reason"
        />
      </Space>
    </Modal>
  );
}
