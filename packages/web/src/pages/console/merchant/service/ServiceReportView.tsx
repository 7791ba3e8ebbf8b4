import { useTranslation } from 'react-i18next';
import { Table, Typography } from '@douyinfe/semi-ui-19';
import { serviceApi, type ServiceFigures, type ServiceReport } from '../../../../api/service';
import { LoadView, useLoad } from '../../shell/common';
import { durationText, shareText } from './figures-text';

/** 客服数据: the last seven days in total, per day and per staff member. */
export function ServiceReportView({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => serviceApi.report(shopId, 7), [shopId]);
  const none = t('serviceDesk.report.none');
  const columns = [
    { title: t('serviceDesk.report.conversations'), dataIndex: 'conversations' },
    { title: t('serviceDesk.report.buyerMessages'), dataIndex: 'buyerMessages' },
    {
      title: t('serviceDesk.report.replyRate'),
      render: (_: unknown, f: ServiceFigures) => shareText(f.replyRate3Min, none),
    },
    {
      title: t('serviceDesk.report.firstResponse'),
      render: (_: unknown, f: ServiceFigures) => durationText(f.firstResponseAvgMs, t),
    },
    {
      title: t('serviceDesk.report.firstResponseP90'),
      render: (_: unknown, f: ServiceFigures) => durationText(f.firstResponseP90Ms, t),
    },
    { title: t('serviceDesk.report.unanswered'), dataIndex: 'unanswered' },
    { title: t('serviceDesk.report.ratings'), dataIndex: 'ratings' },
    {
      title: t('serviceDesk.report.dissatisfied'),
      render: (_: unknown, f: ServiceFigures) => shareText(f.dissatisfiedShare, none),
    },
  ];
  return (
    <LoadView state={state} rows={6}>
      {(r) => (
        <>
          <p className="cs-muted">
            {t('serviceDesk.report.days', { n: 7 })} · {t('serviceDesk.report.replyRateHint')}
          </p>
          <div className="cs-stats" data-testid="service-stats">
            {(
              [
                ['firstResponse', durationText(r.total.firstResponseAvgMs, t)],
                ['replyRate', shareText(r.total.replyRate3Min, none)],
                ['conversations', String(r.total.conversations)],
                ['unanswered', String(r.total.unanswered)],
                ['dissatisfied', shareText(r.total.dissatisfiedShare, none)],
              ] as const
            ).map(([key, value]) => (
              <div className="cs-stat" key={key} data-testid={`service-stat-${key}`}>
                <div className="cs-stat-label">{t(`serviceDesk.report.${key}`)}</div>
                <div className="cs-stat-value">{value}</div>
              </div>
            ))}
          </div>
          <Typography.Title heading={6} style={{ margin: '16px 0 8px' }}>
            {t('serviceDesk.report.perDay')}
          </Typography.Title>
          <Table
            rowKey="day"
            pagination={false}
            size="small"
            dataSource={[...r.days].reverse()}
            columns={[{ title: t('serviceDesk.report.day'), dataIndex: 'day' }, ...columns]}
          />
          <Typography.Title heading={6} style={{ margin: '16px 0 8px' }}>
            {t('serviceDesk.report.perStaff')}
          </Typography.Title>
          <Table
            rowKey="userId"
            pagination={false}
            size="small"
            dataSource={r.staff}
            columns={[{ title: t('serviceDesk.report.staff'), dataIndex: 'name' }, ...columns]}
            expandedRowRender={(s?: ServiceReport['staff'][number]) => (
              <Table
                rowKey="day"
                pagination={false}
                size="small"
                dataSource={[...(s?.days ?? [])].reverse()}
                columns={[{ title: t('serviceDesk.report.day'), dataIndex: 'day' }, ...columns]}
              />
            )}
          />
        </>
      )}
    </LoadView>
  );
}
