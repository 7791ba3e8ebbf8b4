/** Governance: the rule book of red lines and the matcher that applies it. */
export type {
  BookTerm,
  DetectorKind,
  Hit,
  Homophone,
  RuleBook,
  RuleCode,
  RuleText,
  Severity,
  TermClass,
  CheckVerdict,
} from './types.js';
export { SEVERITIES, SEVERITY_RANK, TERM_CLASSES } from './types.js';
export { RULES } from './rules.js';
export { foldText, foldTerm, widthFold, type FoldedText } from './folding.js';
export {
  commentDecision,
  compileRuleBook,
  expandSpellings,
  maskHits,
  verdictOf,
  DETECTOR_RULES,
  MAX_SPELLINGS_PER_TERM,
  type Matcher,
} from './matcher.js';
export { defaultHomophones, defaultTerms } from './default-book.js';
export {
  addHomophone,
  addTerm,
  currentMatcher,
  ensureRuleBook,
  listHomophones,
  listTerms,
  removeHomophone,
  updateTerm,
  HOMOPHONE_MAX_CHARS,
  RULE_CODES,
  TERM_MAX_CHARS,
  type GovernanceErrorCode,
  type HomophoneView,
  type TermInput,
  type TermQuery,
  type TermView,
} from './book-store.js';
export {
  checkContent,
  enforceComment,
  enforceContent,
  type ContentCheck,
  type FieldHit,
  type TextField,
} from './content-check.js';
