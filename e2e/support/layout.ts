/**
 * Phone-layout checks any browser test can run on the screen it shows:
 *
 * - nothing scrolls sideways: the document is no wider than the viewport, and no visible element
 *   reaches past the viewport's right edge (an element clipped by a scrolling or overflow-hidden
 *   container counts only for the part that container lets show);
 * - nothing tappable is covered: at the centre of each visible button, link, [role=button],
 *   [role=radio], select and input, document.elementFromPoint hits that element or one of its
 *   descendants. Only the top-most open dialog is checked while one is open (what lies under a
 *   sheet is meant to be covered), and an element under a fixed bar is checked again after
 *   scrolling the page to bring it to the middle (it is covered only if no scroll uncovers it).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export interface LayoutProblem {
  kind: 'document-wider-than-viewport' | 'past-right-edge' | 'covered';
  element: string;
  detail: string;
}

/** Problems on the page as it is now (empty when the layout is sound). */
export async function phoneLayoutProblems(page: Page): Promise<LayoutProblem[]> {
  // The test runner's transform names inner functions through a __name helper the page lacks.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(() => {
    const problems: Array<{
      kind: 'document-wider-than-viewport' | 'past-right-edge' | 'covered';
      element: string;
      detail: string;
    }> = [];
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    const describe = (el: Element): string => {
      const id = el.getAttribute('data-testid');
      const cls =
        typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
      return `<${el.tagName.toLowerCase()}${id ? ` data-testid="${id}"` : ''}>${cls}${text ? ` "${text}"` : ''}`;
    };
    const hidden = (el: Element): boolean => {
      const style = getComputedStyle(el);
      return style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0;
    };
    /** The part of the element's box that its clipping ancestors (and the viewport's height) let show. */
    const visibleBox = (el: Element): { left: number; right: number; top: number; bottom: number } | null => {
      const r = el.getBoundingClientRect();
      if (r.width <= 0 || r.height <= 0) return null;
      let box = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (hidden(a)) return null;
        const clipsX = s.overflowX !== 'visible';
        const clipsY = s.overflowY !== 'visible';
        if (!clipsX && !clipsY) continue;
        const c = a.getBoundingClientRect();
        box = {
          left: clipsX ? Math.max(box.left, c.left) : box.left,
          right: clipsX ? Math.min(box.right, c.right) : box.right,
          top: clipsY ? Math.max(box.top, c.top) : box.top,
          bottom: clipsY ? Math.min(box.bottom, c.bottom) : box.bottom,
        };
        if (box.right - box.left <= 0.5 || box.bottom - box.top <= 0.5) return null;
      }
      return box;
    };

    const doc = document.scrollingElement ?? document.documentElement;
    if (doc.scrollWidth > vw + 1 || document.body.scrollWidth > vw + 1) {
      problems.push({
        kind: 'document-wider-than-viewport',
        element: '<html>',
        detail: `scrollWidth ${Math.max(doc.scrollWidth, document.body.scrollWidth)} > clientWidth ${vw}`,
      });
    }
    const past: Element[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.closest('script, style, noscript, template') || hidden(el)) continue;
      const box = visibleBox(el);
      if (!box || box.bottom < 0 || box.top > vh * 4) continue;
      if (box.right > vw + 1) past.push(el);
    }
    // Report the outermost offenders only (their children overflow with them).
    for (const el of past) {
      if (past.some((other) => other !== el && other.contains(el))) continue;
      const box = visibleBox(el)!;
      problems.push({
        kind: 'past-right-edge',
        element: describe(el),
        detail: `right edge at ${Math.round(box.right)} px, viewport ${vw} px`,
      });
    }

    const dialogs = Array.from(document.querySelectorAll('[aria-modal="true"]')).filter(
      (d) => !hidden(d) && d.getBoundingClientRect().height > 0,
    );
    const scope: ParentNode = dialogs.at(-1) ?? document;
    const tappables = Array.from(
      scope.querySelectorAll(
        'button, a[href], [role="button"], [role="radio"], select, input:not([type="hidden"]), textarea',
      ),
    );
    const hitAtCentre = (el: Element): { ok: boolean; hit: Element | null; inView: boolean } => {
      const box = visibleBox(el);
      if (!box) return { ok: true, hit: null, inView: false };
      const x = (Math.max(box.left, 0) + Math.min(box.right, vw)) / 2;
      const y = (Math.max(box.top, 0) + Math.min(box.bottom, vh)) / 2;
      if (
        x < 0 ||
        x >= vw ||
        y < 0 ||
        y >= vh ||
        Math.min(box.right, vw) <= Math.max(box.left, 0) ||
        Math.min(box.bottom, vh) <= Math.max(box.top, 0)
      )
        return { ok: true, hit: null, inView: false };
      const hit = document.elementFromPoint(x, y);
      return { ok: hit !== null && (hit === el || el.contains(hit)), hit, inView: true };
    };
    const startY = window.scrollY;
    for (const el of tappables) {
      if (hidden(el) || getComputedStyle(el).pointerEvents === 'none') continue;
      let check = hitAtCentre(el);
      if (check.ok) continue;
      // Under a fixed bar or a sticky header: scroll the page to bring it to the middle, then look again.
      const r = el.getBoundingClientRect();
      window.scrollTo(0, window.scrollY + r.top + r.height / 2 - vh / 2);
      check = hitAtCentre(el);
      window.scrollTo(0, startY);
      if (check.ok || !check.inView) continue;
      problems.push({
        kind: 'covered',
        element: describe(el),
        detail: `covered by ${check.hit ? describe(check.hit) : 'nothing hit-testable'}`,
      });
    }
    return problems;
  });
}

/** Fails, naming every offender, if the screen scrolls sideways or covers a tappable element. */
export async function assertPhoneLayout(page: Page, screenName: string): Promise<void> {
  const problems = await phoneLayoutProblems(page);
  assert.deepEqual(
    problems.map((p) => `${p.kind}: ${p.element} — ${p.detail}`),
    [],
    `${screenName} at ${page.viewportSize()?.width ?? '?'} px: the layout scrolls sideways or covers what a person taps`,
  );
}
