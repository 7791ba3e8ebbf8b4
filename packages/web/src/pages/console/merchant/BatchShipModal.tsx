import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Modal, Table, Tag } from '@douyinfe/semi-ui-19';
import { IconDownload, IconUpload } from '@douyinfe/semi-icons';
import { batchShip, batchShipTemplateUrl, type BatchResult, type BatchShipReport } from '../api';
import { errorText } from '../shell/common';

/** 批量发货: upload a CSV (orderId,carrier,trackingNo) and see what happened to each row. */
export function BatchShipModal({
  shopId,
  onClose,
  onDone,
}: {
  shopId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<BatchShipReport | null>(null);

  async function send() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await batchShip(shopId, file));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      visible
      closeOnEsc
      width={720}
      title={t('consoleUi.batch.title')}
      onCancel={onClose}
      onOk={() => (report ? onClose() : void send())}
      okText={report ? t('consoleUi.close') : t('consoleUi.batch.send')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{ disabled: !report && !file, loading: busy }}
    >
      <p className="cs-muted">
        {t('consoleUi.batch.hint')} {t('consoleUi.batch.encodings')}
      </p>
      <pre className="cs-mono" style={{ background: 'var(--semi-color-fill-0)', padding: 8, borderRadius: 6 }}>
        orderId,carrier,trackingNo{'\n'}ord_01…,顺丰速运,SF1234567890
      </pre>
      {!report && (
        <p>
          <a href={batchShipTemplateUrl(shopId)} download data-testid="batch-template">
            <IconDownload aria-hidden /> {t('consoleUi.batch.template')}
          </a>
        </p>
      )}
      {!report && (
        <label
          className="semi-button semi-button-tertiary semi-button-light"
          style={{ display: 'inline-flex', gap: 6, alignItems: 'center', cursor: 'pointer', padding: '6px 12px' }}
        >
          <IconUpload /> {file ? file.name : t('consoleUi.batch.choose')}
          <input
            type="file"
            accept=".csv,text/csv"
            style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="batch-file"
          />
        </label>
      )}
      {error != null && (
        <Banner type="danger" closeIcon={null} description={errorText(error, t)} style={{ marginTop: 12 }} />
      )}
      {report && (
        <>
          <Banner
            type={report.failed ? 'warning' : 'success'}
            closeIcon={null}
            description={t('consoleUi.batch.summary', { shipped: report.shipped, failed: report.failed })}
          />
          <Table
            size="small"
            style={{ marginTop: 12 }}
            rowKey="row"
            pagination={report.results.length > 10 ? { pageSize: 10 } : false}
            dataSource={report.results}
            columns={[
              { title: t('consoleUi.batch.row'), dataIndex: 'row', width: 70 },
              {
                title: t('consoleUi.orders.id'),
                dataIndex: 'orderId',
                render: (v: string) => <span className="cs-mono">{v}</span>,
              },
              {
                title: t('consoleUi.batch.result'),
                dataIndex: 'ok',
                render: (_: unknown, r: BatchResult) =>
                  r.ok ? (
                    <Tag color="green">{t('consoleUi.batch.ok')}</Tag>
                  ) : (
                    <Tag color="red" data-code={r.code}>
                      {errorText(r.code, t)}
                    </Tag>
                  ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
