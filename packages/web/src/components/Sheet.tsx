import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import '../styles/shopper.css';

/**
 * A bottom sheet over the current screen (the video keeps playing behind it). Esc closes.
 * Rendered into <body>, so no stacking context of the part that opens it (the feed's header, a
 * card) can put it under the tab bar or a pay bar.
 */
export function Sheet({
  title,
  onClose,
  children,
  testId,
  tall = false,
}: {
  title: ReactNode;
  onClose(): void;
  children: ReactNode;
  testId?: string;
  tall?: boolean;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return createPortal(
    <div className="sheet-backdrop" onClick={onClose} data-sheet="open">
      <section
        className={`sheet${tall ? ' sheet-tall' : ''}`}
        role="dialog"
        aria-modal="true"
        data-testid={testId}
        onClick={(e) => e.stopPropagation()}
        onTouchStart={(e) => e.stopPropagation()}
        onTouchEnd={(e) => e.stopPropagation()}
        onWheel={(e) => e.stopPropagation()}
      >
        <header className="sheet-head">
          <span className="sheet-title">{title}</span>
          <button type="button" className="sheet-close" aria-label={t('sheet.close')} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="sheet-body">{children}</div>
      </section>
    </div>,
    document.body,
  );
}
