/**
 * A journal's memo in the UI language. The platform writes its own memos as "中文 / English"
 * ("订单结算 / order settled"); those show the half in the reader's language. Any other memo
 * was written by a person (an admin's compensation note) and is shown as written.
 */
export interface MemoText {
  text: string;
  /** true when the text is a person's own words (user content), not platform wording */
  written: boolean;
}

const BILINGUAL = /^([^/]*\p{Script=Han}[^/]*?) \/ (.+)$/su;

export function memoInLanguage(memo: string, language: string): MemoText {
  const m = BILINGUAL.exec(memo.trim());
  if (!m) return { text: memo, written: true };
  return { text: language.startsWith('zh') ? m[1]!.trim() : m[2]!.trim(), written: false };
}
