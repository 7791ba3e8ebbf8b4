import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../shell/common';
import { LiveControlPanel } from './LiveControlPanel';
import { LiveRoomsView } from './LiveRoomsView';
import type { LiveScope } from './scope';
import './live-console.css';

/** 直播 in a console: the rooms (schedule, open), a room's control panel with its 大屏, past rooms' reports. */
export function LiveConsole({ scope }: { scope: LiveScope }) {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route index element={<LiveRoomsView scope={scope} />} />
      <Route path=":roomId" element={<LiveControlPanel scope={scope} />} />
      <Route path="*" element={<EmptyState title={t('consoleUi.pageMissing')} />} />
    </Routes>
  );
}
