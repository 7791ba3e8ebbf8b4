import type { i18n as I18n, TFunction } from 'i18next';
import { ApiError } from '../../../../api/client';
import { errorText } from '../../shell/common';

/** A console error message, with the after-sales codes in the UI language. */
export function caseErrorText(error: unknown, t: TFunction, i18n: I18n): string {
  if (error instanceof ApiError && i18n.exists(`aftersales.errors.${error.code}`))
    return t(`aftersales.errors.${error.code}`);
  return errorText(error, t);
}
