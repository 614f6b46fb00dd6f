import { faultMatrix } from './support/fault-matrix.js';

// Every money-moving operation × every fault, through withResponse.
faultMatrix('withResponse');
