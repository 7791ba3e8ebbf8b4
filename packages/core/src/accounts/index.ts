/** The accounts module's public API: other modules import only from here. */
export {
  GLOBAL_ROLES,
  type GlobalRole,
  type Role,
  hasRole,
  requireRole,
  requireShopMember,
  requireShopOwner,
} from './roles.js';
export {
  type AddressInput,
  type AddressView,
  checkAddress,
  addAddress,
  updateAddress,
  listAddresses,
} from './addresses.js';
export { verifyPassword, hashPassword } from './passwords.js';
export { type RegionProblem, type RegionVerdict, regionProblem } from './divisions.js';
export {
  SESSION_TTL_MS,
  MIN_LOGIN,
  MAX_LOGIN,
  MIN_PASSWORD,
  MAX_PASSWORD,
  type UserView,
  type RegisterInput,
  register,
  grantRole,
  type IssuedSession,
  logIn,
  issueSession,
  logOut,
  type AuthenticatedSession,
  authenticate,
  loadActor,
  loadUserView,
  actorView,
  hashToken,
  findUsers,
  setRole,
} from './accounts.js';
export { authenticateMany } from './session-lookup.js';
