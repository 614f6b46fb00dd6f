import { amazonTimestamp, HOUR } from '../clock.js';
import type { HandlerTable } from '../handler.js';

/**
 * Files: dispute evidence uploads; the answer carries where the content would be PUT. A file belongs
 * to the merchant that uploaded it: only that merchant's disputes may cite it.
 */
export const fileHandlers = {
  uploadFile(ctx) {
    const now = ctx.engine.now();
    const id = ctx.engine.ids.opaqueId('amzn1.file.');
    const file = {
      id,
      type: ctx.body.type,
      purpose: ctx.body.purpose,
      size: null,
      uploadTimestamp: amazonTimestamp(now),
      url: `${ctx.engine.baseUrl}/files/${encodeURIComponent(id)}`,
      urlExpirationTimestamp: amazonTimestamp(new Date(now.getTime() + HOUR)),
    };
    ctx.engine.store.files.set(id, { merchantId: ctx.merchantId, record: file });
    return file;
  },
} satisfies Partial<HandlerTable>;
