// `buyerToken`: what Amazon Sign-In appends to your signInReturnUrl.
import { world as readmeWorld } from '../src/world.js';

const buyerToken = readmeWorld().sim.issueBuyerToken();
