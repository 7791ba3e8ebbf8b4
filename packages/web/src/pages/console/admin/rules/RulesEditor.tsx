import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, InputNumber, SideSheet, Space, Switch, Toast } from '@douyinfe/semi-ui-19';
import { opsApi, type CategoryRules, type RuleBook, type RuleProfile } from '../../ops-api';
import { errorText } from '../../shell/common';
import {
  BOOL_FIELDS,
  checkRules,
  fromDisplay,
  GROUPS,
  inheritedValue,
  isOverridden,
  NUM_FIELDS,
  precisionOf,
  rulesPatch,
  toDisplay,
  valueOf,
  withValue,
  type BoolField,
  type NumField,
  type RuleError,
} from './rule-fields';
import { OverrideTag, useRuleText } from './RuleValue';

/** The edit form of one category's rules: grouped fields in their units, bounds checked as the server does, only changes sent. */
export function RulesEditor({
  category,
  book,
  onClose,
  onSaved,
}: {
  category: CategoryRules;
  book: RuleBook;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<RuleProfile>(category.rules);
  const [busy, setBusy] = useState(false);
  const errors = checkRules(book, draft);
  const invalid = Object.keys(errors).length > 0;
  const patch = rulesPatch(category.rules, draft);

  async function save() {
    if (invalid || !patch) return;
    setBusy(true);
    try {
      await opsApi.updateRules(category.categoryId, patch);
      Toast.success(t('ops.rules.saved'));
      onSaved();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  const footer = (
    <Space className="rl-footer">
      <span className="cs-muted">{invalid ? t('ops.rules.invalidForm') : patch ? '' : t('ops.rules.noChange')}</span>
      <Button onClick={onClose}>{t('consoleUi.cancel')}</Button>
      <Button
        theme="solid"
        disabled={invalid || !patch}
        loading={busy}
        onClick={() => void save()}
        data-testid="rules-save"
      >
        {t('ops.rules.save')}
      </Button>
    </Space>
  );
  return (
    <SideSheet
      visible
      closeOnEsc
      width={620}
      title={t('ops.rules.editTitle', { name: category.name })}
      onCancel={onClose}
      footer={footer}
      data-testid="rules-editor"
    >
      <Banner type="info" fullMode={false} closeIcon={null} description={t('ops.rules.note')} />
      {GROUPS.map((g) => (
        <fieldset key={g} className="rl-fieldset">
          <legend>{t(`ops.rules.groups.${g}`)}</legend>
          {NUM_FIELDS.filter((f) => f.group === g).map((f) => (
            <NumRow key={f.key} book={book} field={f} draft={draft} error={errors[f.key]} onChange={setDraft} />
          ))}
          {BOOL_FIELDS.filter((f) => f.group === g).map((f) => (
            <BoolRow key={f.key} book={book} field={f} draft={draft} error={errors[f.key]} onChange={setDraft} />
          ))}
        </fieldset>
      ))}
    </SideSheet>
  );
}

function useErrorText(): (e: RuleError, f?: NumField) => string {
  const { t } = useTranslation();
  return (e, f) =>
    e.code === 'range' && f
      ? t('ops.rules.errors.range', { min: toDisplay(f.unit, e.min), max: toDisplay(f.unit, e.max) })
      : t(`ops.rules.errors.${e.code}`);
}

function NumRow({
  book,
  field: f,
  draft,
  error,
  onChange,
}: {
  book: RuleBook;
  field: NumField;
  draft: RuleProfile;
  error: RuleError | undefined;
  onChange: (p: RuleProfile) => void;
}) {
  const { t } = useTranslation();
  const text = useRuleText();
  const errorOf = useErrorText();
  const id = `rl-${f.key.replace('.', '-')}`;
  const value = valueOf(draft, f.key);
  const shown = Number.isFinite(value) ? toDisplay(f.unit, value) : '';
  return (
    <div className="rl-row">
      <label htmlFor={id} className="rl-label">
        {t(`ops.rules.field.${f.key}`)}
      </label>
      <div className="rl-control">
        <InputNumber
          id={id}
          value={shown}
          precision={precisionOf(f.unit) || undefined}
          suffix={t(`ops.rules.suffix.${f.unit}`)}
          style={{ width: 190 }}
          validateStatus={error ? 'error' : 'default'}
          onChange={(v: string | number) => {
            const n = typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v);
            onChange(withValue(draft, f.key, Number.isFinite(n) ? fromDisplay(f.unit, n) : Number.NaN));
          }}
          data-testid={`rule-input-${f.key}`}
          aria-invalid={error ? true : undefined}
        />
        <OverrideTag book={book} profile={draft} field={f.key} />
        {isOverridden(book, draft, f.key) && (
          <Button
            size="small"
            theme="borderless"
            onClick={() => onChange(withValue(draft, f.key, inheritedValue(book, draft, f.key)))}
          >
            {t('ops.rules.reset')} · {text(f.key, inheritedValue(book, draft, f.key))}
          </Button>
        )}
      </div>
      {error && (
        <span className="rl-error" role="alert">
          {errorOf(error, f)}
        </span>
      )}
    </div>
  );
}

function BoolRow({
  book,
  field: f,
  draft,
  error,
  onChange,
}: {
  book: RuleBook;
  field: BoolField;
  draft: RuleProfile;
  error: RuleError | undefined;
  onChange: (p: RuleProfile) => void;
}) {
  const { t } = useTranslation();
  const errorOf = useErrorText();
  const label = t(`ops.rules.field.${f.key}`);
  // Perishable goods never carry 7-day no-reason returns (the server refuses it).
  const locked = f.key === 'sevenDayNoReason' && draft.perishable;
  return (
    <div className="rl-row">
      <span className="rl-label">{label}</span>
      <div className="rl-control">
        <Switch
          checked={valueOf(draft, f.key)}
          disabled={locked}
          aria-label={label}
          onChange={(v: boolean) => onChange(withValue(draft, f.key, v))}
          data-testid={`rule-input-${f.key}`}
        />
        <OverrideTag book={book} profile={draft} field={f.key} />
      </div>
      {error && (
        <span className="rl-error" role="alert">
          {errorOf(error)}
        </span>
      )}
    </div>
  );
}
