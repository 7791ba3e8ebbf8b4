import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Card, Typography } from '@douyinfe/semi-ui-19';
import { opsApi, type CategoryRules, type RuleBook } from '../ops-api';
import { LoadView, useLoad } from '../shell/common';
import { CategoryRulesTable } from './rules/CategoryRulesTable';
import { RulesEditor } from './rules/RulesEditor';
import { TimersCard } from './rules/TimersCard';
import './rules/rules.css';

/** 平台规则: every category's rule profile (defaults shown, overrides marked), its edit form, and the durable timers. */
export function RulesView() {
  const { t } = useTranslation();
  const state = useLoad(() => opsApi.categoryRules(), []);
  const [editing, setEditing] = useState<{ category: CategoryRules; book: RuleBook } | null>(null);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('ops.rules.title')}
      </Typography.Title>
      <Banner type="info" fullMode={false} closeIcon={null} description={t('ops.rules.note')} />
      <Card>
        <LoadView state={state} rows={8}>
          {({ items, book }) => (
            <CategoryRulesTable items={items} book={book} onEdit={(category) => setEditing({ category, book })} />
          )}
        </LoadView>
      </Card>
      <TimersCard />
      {editing && (
        <RulesEditor
          category={editing.category}
          book={editing.book}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            state.reload();
          }}
        />
      )}
    </>
  );
}
