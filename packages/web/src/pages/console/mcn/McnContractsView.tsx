import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, InputNumber, Modal, Popconfirm, Space, Table, Toast, Typography } from '@douyinfe/semi-ui-19';
import { IconPlus } from '@douyinfe/semi-icons';
import {
  endContract,
  formatBp,
  myContracts,
  percentToBp,
  proposeContract,
  type Contract,
} from '../../../api/affiliate';
import { formatDateTime } from '../../../lib/format';
import { EmptyState, LoadView, useLoad } from '../shell/common';
import { useRowAction } from '../shell/useRowAction';
import { PlanStateTag } from '../affiliate/PlanStateTag';
import { affiliateErrorText } from '../affiliate/affiliate-errors';
import { CreatorPicker } from '../affiliate/CreatorPicker';

const DAY_MS = 24 * 3_600_000;

/** 签约达人: my contracts with creators (proposed, active, ended); offer a new one, end or withdraw one. */
export function McnContractsView() {
  const { t, i18n } = useTranslation();
  const contracts = useLoad(myContracts, []);
  const { busy, run } = useRowAction(contracts.reload);
  const [proposing, setProposing] = useState(false);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('affiliate.mcn.title')}
      </Typography.Title>
      <div className="cs-toolbar">
        <span className="cs-muted">{t('affiliate.contracts.mcnHint')}</span>
        <span className="cs-grow" />
        <Button theme="solid" icon={<IconPlus />} onClick={() => setProposing(true)} data-testid="contract-new">
          {t('affiliate.mcn.propose')}
        </Button>
      </div>
      <LoadView state={contracts}>
        {({ items }) => (
          <Table
            rowKey="id"
            pagination={false}
            dataSource={items}
            data-testid="mcn-contracts"
            onRow={(c?: Contract) => ({ 'data-contract-id': c?.id ?? '' }) as Record<string, string>}
            empty={<EmptyState title={t('affiliate.contracts.empty')} />}
            columns={[
              {
                title: t('affiliate.applications.creator'),
                dataIndex: 'creatorName',
                render: (n: string, c: Contract) => (
                  <span>
                    {n}
                    <br />
                    <span className="cs-muted">{c.creatorId}</span>
                  </span>
                ),
              },
              {
                title: t('affiliate.contracts.share'),
                dataIndex: 'shareBp',
                align: 'right',
                render: (v: number) => formatBp(v),
              },
              {
                title: t('affiliate.activities.period'),
                dataIndex: 'startsAt',
                render: (_: number, c: Contract) =>
                  `${formatDateTime(c.startsAt, i18n.language)} – ${formatDateTime(c.endsAt, i18n.language)}`,
              },
              {
                title: t('affiliate.plans.state'),
                dataIndex: 'status',
                render: (s: string, c: Contract) => (
                  <Space>
                    <PlanStateTag state={s} />
                    {c.inForce && <span className="cs-muted">{t('affiliate.contracts.inForce')}</span>}
                  </Space>
                ),
              },
              {
                title: t('consoleUi.actions'),
                dataIndex: 'id',
                render: (id: string, c: Contract) =>
                  c.status === 'proposed' || c.status === 'active' ? (
                    <Popconfirm
                      title={t(
                        c.status === 'active'
                          ? 'affiliate.contracts.confirmEnd'
                          : 'affiliate.contracts.confirmWithdraw',
                      )}
                      content={t('affiliate.contracts.endRule')}
                      onConfirm={() => void run(id, () => endContract(id), t('affiliate.contracts.ended'))}
                    >
                      <span>
                        <Button size="small" loading={busy === id}>
                          {t(c.status === 'active' ? 'affiliate.contracts.end' : 'affiliate.contracts.withdraw')}
                        </Button>
                      </span>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        )}
      </LoadView>
      {proposing && (
        <ProposeModal
          onClose={() => setProposing(false)}
          onDone={() => {
            setProposing(false);
            contracts.reload();
          }}
        />
      )}
    </>
  );
}

function ProposeModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [creator, setCreator] = useState<string[]>([]);
  const creatorId = creator[0] ?? '';
  const [share, setShare] = useState('');
  const [days, setDays] = useState(365);
  const [busy, setBusy] = useState(false);
  const shareBp = percentToBp(share);
  const ready =
    creatorId.trim().length > 0 &&
    shareBp !== null &&
    shareBp >= 100 &&
    shareBp <= 9000 &&
    Number.isInteger(days) &&
    days >= 1;
  async function submit() {
    setBusy(true);
    try {
      await proposeContract({ creatorId: creatorId.trim(), shareBp: shareBp!, endsAt: Date.now() + days * DAY_MS });
      Toast.success(t('affiliate.mcn.proposed'));
      onDone();
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
      title={t('affiliate.mcn.propose')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('affiliate.mcn.send')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{ disabled: !ready, loading: busy, ...({ 'data-testid': 'contract-propose-ok' } as object) }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <label className="cs-muted">{t('affiliate.mcn.creatorId')}</label>
        <CreatorPicker value={creator} onChange={setCreator} testId="contract-creator" />
        <label className="cs-muted">{t('affiliate.mcn.sharePercent')}</label>
        <Input value={share} onChange={setShare} suffix="%" data-testid="contract-share" />
        <label className="cs-muted">{t('affiliate.mcn.days')}</label>
        <InputNumber min={1} max={3650} value={days} onChange={(v) => setDays(Number(v))} data-testid="contract-days" />
      </Space>
    </Modal>
  );
}
