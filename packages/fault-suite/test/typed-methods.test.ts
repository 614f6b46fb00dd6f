import { faultMatrix } from './support/fault-matrix.js';

// Every money-moving operation × every fault, through typed methods.
faultMatrix('typed methods');
