import { faultMatrix } from './support/fault-matrix.js';

// Every money-moving operation × every fault, through withResponse, with hooks, retry.onRetry and a
// logger that all throw: the matrix must be the same as through the other doors.
faultMatrix('withResponse', { throwingObservers: true });
