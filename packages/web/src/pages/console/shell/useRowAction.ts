import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Toast } from '@douyinfe/semi-ui-19';
import { errorText } from './common';

/**
 * One action on a table row: marks the row busy, runs the request, toasts the outcome and
 * reloads the list on success. `busy` is the id of the row whose action is running.
 */
export function useRowAction(reload: () => void): {
  busy: string | null;
  run: (rowId: string, action: () => Promise<unknown>, success: string) => Promise<void>;
} {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  async function run(rowId: string, action: () => Promise<unknown>, success: string): Promise<void> {
    setBusy(rowId);
    try {
      await action();
      Toast.success(success);
      reload();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(null);
    }
  }
  return { busy, run };
}
