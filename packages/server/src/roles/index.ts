export {
  forkPlan,
  parseRole,
  parseWorkers,
  rolePlan,
  ROLES,
  type ForkPlan,
  type Role,
  type RolePlan,
} from './role-plan.js';
export { startBackground, type BackgroundOptions, type RunningBackground } from './background-process.js';
export { forkApiProcesses, isForkedApiProcess, type ForkedApi, type ForkedApiOptions } from './forked-api.js';
export { startEngineRole, type EngineRoleOptions, type RunningEngineRole } from './engine-process.js';
