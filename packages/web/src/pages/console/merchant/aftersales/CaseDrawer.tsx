import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Descriptions, SideSheet, Tag, Typography } from '@douyinfe/semi-ui-19';
import { getCase, type CaseView } from '../../../../api/aftersales';
import { formatDateTime } from '../../../../lib/format';
import { formatFen } from '../../../../lib/money';
import { isOpen } from '../../../aftersales/case-rules';
import { LoadView, useLoad } from '../../shell/common';
import { CaseCountdown, CaseStatusTag } from './case-bits';
import { ConsoleMessage } from './ConsoleMessage';
import { ConsoleTimeline } from './ConsoleTimeline';

/**
 * One case in a side sheet: facts, the line, parcels, the side's actions (given by the caller:
 * merchant buttons or the arbitration form), a message box and both sides' timeline.
 */
export function CaseDrawer({
  caseId,
  onClose,
  onChanged,
  actions,
  testId = 'case-drawer',
}: {
  caseId: string;
  onClose(): void;
  onChanged(): void;
  actions(view: CaseView, update: (v: CaseView) => void): ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const state = useLoad(() => getCase(caseId), [caseId]);
  const [view, setView] = useState<CaseView | null>(null);
  useEffect(() => setView(null), [caseId]);
  const update = (v: CaseView) => {
    setView(v);
    onChanged();
  };
  return (
    <SideSheet
      visible
      closeOnEsc
      title={t('aftersales.console.detail')}
      onCancel={onClose}
      width={680}
      data-testid={testId}
    >
      <LoadView state={state} rows={10}>
        {(loaded) => {
          const v = view ?? loaded;
          return (
            <div className="cs-section-gap" data-testid="case-detail" data-case-id={v.id} data-status={v.status}>
              <Facts v={v} />
              <div>{actions(v, update)}</div>
              <Typography.Title heading={6}>{t('aftersales.case.timeline')}</Typography.Title>
              <ConsoleTimeline view={v} />
              {(isOpen(v.status) || v.status === 'rejected') && <ConsoleMessage caseId={v.id} onSent={update} />}
            </div>
          );
        }}
      </LoadView>
    </SideSheet>
  );
}

function Facts({ v }: { v: CaseView }) {
  const { t, i18n } = useTranslation();
  const when = (ms: number) => formatDateTime(ms, i18n.language);
  const rows = [
    { key: t('aftersales.case.id'), value: <span className="cs-mono">{v.id}</span> },
    { key: t('aftersales.case.order'), value: <span className="cs-mono">{v.orderId}</span> },
    { key: t('aftersales.form.type'), value: t(`aftersales.type.${v.type}`) },
    {
      key: t('consoleUi.statusCol'),
      value: (
        <span data-testid="case-status">
          <CaseStatusTag status={v.status} />
        </span>
      ),
    },
    { key: t('aftersales.form.reason'), value: t(`aftersales.reason.${v.reasonCode}`) },
    {
      key: t('aftersales.case.requested'),
      value: <span data-testid="case-requested">{formatFen(v.requestedFen)}</span>,
    },
    { key: t('aftersales.case.refundable'), value: formatFen(v.refundableFen) },
    ...(v.spoiledPercent != null ? [{ key: t('aftersales.form.spoiled'), value: `${v.spoiledPercent}%` }] : []),
    ...(v.counterFen != null
      ? [
          {
            key: t('aftersales.case.counter'),
            value: <span data-testid="case-counter">{formatFen(v.counterFen)}</span>,
          },
        ]
      : []),
    ...(v.refundFen > 0
      ? [{ key: t('aftersales.case.refunded'), value: <span data-testid="case-refund">{formatFen(v.refundFen)}</span> }]
      : []),
    ...(v.deadline && isOpen(v.status)
      ? [{ key: t('aftersales.console.deadline'), value: <CaseCountdown deadline={v.deadline} withParty /> }]
      : []),
    { key: t('aftersales.console.createdAt'), value: when(v.createdAt) },
  ];
  return (
    <>
      <Descriptions row size="small" data={rows} />
      <div className="cs-title-cell">
        {(v.line.imageUrl ?? v.imageUrl) ? (
          <img className="cs-thumb" src={(v.line.imageUrl ?? v.imageUrl)!} alt="" />
        ) : null}
        <span>
          {v.line.title} <span className="cs-muted">{v.line.specValues.join(' / ')}</span>
          <br />
          <span className="cs-muted">
            {formatFen(v.line.unitPriceFen)} × {v.line.quantity} = {formatFen(v.line.lineTotalFen)}
          </span>
        </span>
      </div>
      {v.note && (
        <p>
          <span className="cs-muted">{t('aftersales.form.note')}:</span> {v.note}
        </p>
      )}
      {v.returnShipment && (
        <p data-testid="return-parcel">
          {t('aftersales.case.returnParcel')}: <Tag color="blue">{v.returnShipment.carrier}</Tag>{' '}
          <span className="cs-mono">{v.returnShipment.trackingNo}</span> · {when(v.returnShipment.shippedAt)}
        </p>
      )}
      {v.reshipment && (
        <p data-testid="reship-parcel">
          {t('aftersales.case.reshipParcel')}: <Tag color="green">{v.reshipment.carrier}</Tag>{' '}
          <span className="cs-mono">{v.reshipment.trackingNo}</span> · {when(v.reshipment.shippedAt)}
        </p>
      )}
    </>
  );
}
