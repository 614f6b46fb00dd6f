import { button } from './button.js';
import { checkoutJs } from './checkout-js/surface.js';
import { documents } from './documents.js';
import { home } from './home.js';
import { hostedPages } from './hosted-pages.js';
import type { PageHandler } from './pages.js';

/**
 * The simulator's non-API surfaces, asked in this order before the API chain. Add a surface by
 * writing a PageHandler beside these and listing it here (more specific matches first).
 */
export const builtInPages: readonly PageHandler[] = [button, checkoutJs, hostedPages, documents, home];
