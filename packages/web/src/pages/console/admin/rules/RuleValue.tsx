import { useTranslation } from 'react-i18next';
import { Tag } from '@douyinfe/semi-ui-19';
import type { RuleBook, RuleProfile } from '../../ops-api';
import { inheritedValue, isOverridden, NUM_FIELDS, toDisplay, valueOf, type FieldKey } from './rule-fields';

/** A rule's value in words: "48 小时", "¥50", "5%", "0.1 分", "是". */
export function useRuleText(): (key: FieldKey, value: number | boolean) => string {
  const { t } = useTranslation();
  return (key, value) => {
    if (typeof value === 'boolean') return t(value ? 'ops.rules.yes' : 'ops.rules.no');
    const unit = NUM_FIELDS.find((f) => f.key === key)?.unit ?? 'hours';
    return t(`ops.rules.value.${unit}`, { v: toDisplay(unit, value) });
  };
}

/** 默认 / 已覆盖 for one rule of a profile. */
export function OverrideTag({ book, profile, field }: { book: RuleBook; profile: RuleProfile; field: FieldKey }) {
  const { t } = useTranslation();
  return isOverridden(book, profile, field) ? (
    <Tag size="small" color="orange" data-override="overridden">
      {t('ops.rules.overridden')}
    </Tag>
  ) : (
    <Tag size="small" color="grey" data-override="inherited">
      {t('ops.rules.inherited')}
    </Tag>
  );
}

/** A value with its mark, and the default beside it when overridden. */
export function RuleCell({ book, profile, field }: { book: RuleBook; profile: RuleProfile; field: FieldKey }) {
  const { t } = useTranslation();
  const text = useRuleText();
  const over = isOverridden(book, profile, field);
  return (
    <span
      className="rl-cell"
      data-testid={`rule-${field}`}
      data-value={String(valueOf(profile, field))}
      data-override={over ? 'overridden' : 'inherited'}
    >
      <span className={over ? 'rl-over' : undefined}>{text(field, valueOf(profile, field))}</span>
      {over && (
        <span className="cs-muted rl-default">
          {t('ops.rules.defaultIs', { value: text(field, inheritedValue(book, profile, field)) })}
        </span>
      )}
    </span>
  );
}
