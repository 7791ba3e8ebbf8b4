import { useTranslation } from 'react-i18next';
import { Card, Progress, Table, Typography } from '@douyinfe/semi-ui-19';
import { EmptyState, LoadView, useLoad } from '../shell/common';
import { PenaltyTable, StatusTags, useWhen } from './parts';
import { pts, violationsApi, type Violation } from './violations-api';

/** 达人中心 · 信用分: the score out of 12 and the deductions behind it. */
export function CreatorCreditView() {
  const { t } = useTranslation();
  const when = useWhen();
  const state = useLoad(() => violationsApi.credit(), []);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('violations.credit.title')}
      </Typography.Title>
      <Typography.Paragraph type="tertiary">{t('violations.credit.intro')}</Typography.Paragraph>
      <LoadView state={state}>
        {(c) => (
          <>
            <Card title={t('violations.credit.score')} style={{ marginBottom: 16 }}>
              <Typography.Title
                heading={1}
                style={{ margin: 0 }}
                data-testid="credit-score"
                type={c.score < c.max ? 'warning' : 'success'}
              >
                {pts(c.score)} / {pts(c.max)}
              </Typography.Title>
              <Progress
                percent={Math.round((c.score / c.max) * 100)}
                style={{ maxWidth: 360 }}
                aria-label={t('violations.credit.score')}
              />
            </Card>
            {c.penalties.length > 0 && (
              <Card title={t('violations.penalties')} style={{ marginBottom: 16 }}>
                <PenaltyTable penalties={c.penalties} />
              </Card>
            )}
            <Card title={t('violations.credit.history')}>
              {c.history.length === 0 ? (
                <EmptyState title={t('violations.credit.noHistory')} />
              ) : (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={{ pageSize: 20 }}
                  dataSource={c.history}
                  columns={[
                    { title: t('violations.at'), dataIndex: 'createdAt', render: (ms: number) => when(ms) },
                    {
                      title: t('violations.rule'),
                      dataIndex: 'rule',
                      render: (r: string) => t(`violations.rules.${r}`),
                    },
                    { title: t('violations.pointsCol'), dataIndex: 'milliPoints', render: (m: number) => `−${pts(m)}` },
                    {
                      title: t('violations.statusCol'),
                      dataIndex: 'status',
                      render: (_: string, v: Violation) => <StatusTags v={v} />,
                    },
                  ]}
                />
              )}
            </Card>
          </>
        )}
      </LoadView>
    </>
  );
}
