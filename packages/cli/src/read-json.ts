import { UsageError } from './io.js';
import { readFileBounded } from './read-file.js';

/** Largest JSON file read (a request body or a button payload); Amazon's requests are a few kB. */
export const MAX_JSON_FILE_BYTES = 1024 * 1024;

/** Reads and parses a JSON file named on the command line, with an error that names the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  const text = await readFileBounded(path, MAX_JSON_FILE_BYTES);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`, { showUsage: false });
  }
}
