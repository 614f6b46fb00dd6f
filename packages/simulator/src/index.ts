export { BuyerActionError } from './buyer-actions.js';
export type { SimulatorClientConfig } from './client-configurations.js';
export { amazonTimestamp, type ClockOption, type SimulatorClock } from './clock.js';
export {
  type CommandOutput,
  closeOnSignal,
  type LaunchSummary,
  parseSimulatorArgs,
  runSimulatorCommand,
  simulatorUsage,
} from './command-line.js';
export type { StateChangeEvent, StateChangeListener, StateChangeObjectType } from './events.js';
export type { FaultSpec, Faults } from './faults.js';
export type { Environment as SimulatorEnvironment, RegionCode as SimulatorRegion } from './ids.js';
export {
  DEFAULT_PUBLIC_KEY_ID,
  type LaunchedSimulator,
  type LaunchOptions,
  LaunchOptionsError,
  launchSimulator,
} from './launch.js';
export { generateSnsKeys } from './notifications/certificate.js';
export type {
  DeliveryFault,
  NotificationLogEntry,
  NotificationOptions,
  NotificationSubject,
  RetryPolicy,
  SimulatorNotifications,
  SnsKeys,
} from './notifications/index.js';
export {
  PAYMENT_METHODS,
  type PaymentScenario,
  PENDING_AUTHORIZATION_MS,
  type SimulatedPaymentMethod,
} from './payment-methods.js';
export type { BuyerTokenOptions } from './resources/buyer.js';
export { REFUND_PROCESSING_MS } from './resources/refund.js';
export { REPORT_PROCESSING_MS } from './resources/reports.js';
export { opensslAvailable, selfSignedCertificate } from './self-signed-certificate.js';
export {
  type ApproveInput,
  DEFAULT_MAX_BODY_BYTES,
  isLoopbackHost,
  type RequestLogEntry,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from './server.js';
export type { RegisteredKey } from './signature.js';
export { SIMULATION_CODES } from './simulation.js';
export type { SimulatorState } from './state.js';
export type { AddressRecord, BuyerProfile, Json as JsonObject } from './store.js';
