// The orders module's public surface for other modules (more of it moves here as modules stop importing its files).
export { placeOrders, checkDraftMoney, type OrderDraft, type OrderLineDraft, type PlacedStatus } from './placement.js';
export { transitionOrder, requireTransition, type TransitionActor } from './transition.js';
