/**
 * The simulator's control plane client: drive a simulator in another process or container
 * (approve buyers, move the clock, queue faults, read the state) over HTTP.
 *
 * @module @amazon-pay-ts/simulator/control-plane
 */
export type {
  ControlPlaneMethods,
  ControlPlaneOperationId,
} from '../generated/control-plane/client-methods.js';
export type { components as ControlPlaneComponents } from '../generated/control-plane/schema.js';
export { type ControlPlaneClientOptions, ControlPlaneError, createControlPlaneClient } from './client.js';
