import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { UsageError } from './io.js';

/**
 * Reads a file named on the command line, as UTF-8: only a regular file (a FIFO, a device such as
 * /dev/zero or a directory is refused without being read) and at most `maxBytes`. Errors name the
 * path and exit with code 2.
 */
export async function readFileBounded(path: string, maxBytes: number): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: a FIFO without a writer opens at once instead of waiting (absent on Windows).
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      showUsage: false,
    });
  }
  try {
    // The type of what was opened, not of what the path named a moment before.
    if (!(await handle.stat()).isFile()) {
      throw new UsageError(`cannot read ${path}: not a regular file`, { showUsage: false });
    }
    const buffer = new Uint8Array(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) {
        throw new UsageError(`${path} is larger than ${maxBytes} bytes`, { showUsage: false });
      }
    }
    return new TextDecoder().decode(buffer.subarray(0, length));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      showUsage: false,
    });
  } finally {
    await handle.close();
  }
}
