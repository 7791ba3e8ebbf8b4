import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { Tabs, TabPane, Typography } from '@douyinfe/semi-ui-19';
import { EmptyState } from '../shell/common';
import { BasesTab } from './supply/BasesTab';
import { BatchesTab } from './supply/BatchesTab';
import { QualityTab } from './supply/QualityTab';
import { SuppliersTab } from './supply/SuppliersTab';

const TABS = ['suppliers', 'bases', 'batches', 'quality'] as const;

/** 供应链: 供应商 · 基地 · 批次 · 质量评分, each tab its own address under /merchant/supply. */
export function SupplyView({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const segment = pathname.replace(/^.*\/supply\/?/, '').split('/')[0] ?? '';
  const active = (TABS as readonly string[]).includes(segment) ? segment : 'suppliers';
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('supply.title')}
      </Typography.Title>
      <Tabs
        type="line"
        activeKey={active}
        onChange={(k) => navigate(k === 'suppliers' ? '/merchant/supply' : `/merchant/supply/${k}`)}
      >
        {TABS.map((k) => (
          <TabPane key={k} itemKey={k} tab={t(`supply.tabs.${k}`)} />
        ))}
      </Tabs>
      <div className="cs-section-gap" style={{ marginTop: 12 }}>
        <Routes>
          <Route index element={<SuppliersTab shopId={shopId} />} />
          <Route path="bases" element={<BasesTab shopId={shopId} />} />
          <Route path="batches" element={<BatchesTab shopId={shopId} />} />
          <Route path="quality" element={<QualityTab shopId={shopId} />} />
          <Route path="*" element={<EmptyState title={t('consoleUi.pageMissing')} />} />
        </Routes>
      </div>
    </>
  );
}
