import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getSettings, putSettings } from '../../api/shopper';
import { ErrorNote } from '../../components/ErrorNote';

/** The visible 个性化推荐 switch (GET/PUT /me/settings) with a line saying what it changes. */
export function PersonalizationSwitch() {
  const { t } = useTranslation();
  const [on, setOn] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    getSettings().then(
      (s) => live && setOn(s.personalizedRecommendation),
      (e: unknown) => {
        if (!live) return;
        setOn(true); // the default, until the server answers
        setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  async function toggle() {
    if (on === null) return;
    const next = !on;
    setOn(next);
    setBusy(true);
    setError(null);
    try {
      setOn((await putSettings({ personalizedRecommendation: next })).personalizedRecommendation);
    } catch (e) {
      setOn(!next);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="setting">
      <label className="menu-row switch-row">
        <span>{t('meApp.personalized')}</span>
        <button
          type="button"
          role="switch"
          aria-checked={on === true}
          aria-label={t('meApp.personalized')}
          className={`switch${on ? ' switch-on' : ''}`}
          disabled={on === null || busy}
          onClick={() => void toggle()}
          data-testid="personalized-switch"
        >
          <span className="switch-knob" />
        </button>
      </label>
      <p className="muted small" data-testid="personalized-explain">
        {on === false ? t('meApp.personalizedOff') : t('meApp.personalizedOn')}
      </p>
      {error != null && <ErrorNote error={error} />}
    </div>
  );
}
