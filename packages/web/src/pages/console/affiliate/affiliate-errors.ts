/** Refusals of the creator economy's API as sentences in the UI language. */
import type { TFunction } from 'i18next';
import i18n from 'i18next';
import { ApiError } from '../../../api/client';
import { formatBp } from '../../../api/affiliate';
import { errorText } from '../shell/common';

const bpOrNull = (v: unknown): string => (typeof v === 'number' ? formatBp(v) : '—');

/** A stable error code with its own message (affiliate.errors.CODE, with the refusal's details), else the generic text. */
export function affiliateErrorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const code = error.is('RATE_OUT_OF_RANGE') && error.details.serviceFeeBp !== undefined ? 'TERMS_TOTAL' : error.code;
    const key = `affiliate.errors.${code}`;
    if (i18n.exists(key)) {
      const d = error.details;
      return t(key, {
        min: bpOrNull(d.min ?? d.minBp),
        max: bpOrNull(d.max ?? d.maxBp),
        maxCut: bpOrNull(d.maxCutBp),
        current: bpOrNull(d.currentBp),
      });
    }
  }
  return errorText(error, t);
}
