/**
 * A browser as the tests need one, over plain HTTP: a cookie jar (per host name, as browsers keep
 * them), redirects followed by hand, and HTML forms read from the page and submitted with the
 * `Origin` a browser would send. Attackers are agents too: a fresh jar, or a forged Origin.
 */
export interface Page {
  url: string;
  status: number;
  html: string;
}

export interface Form {
  action: string;
  fields: Record<string, string>;
}

const decode = (text: string) =>
  text.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');

/** Every `<form method="post">` of a page, with its inputs' names and values. */
export function formsOf(page: Page): Form[] {
  const forms: Form[] = [];
  for (const match of page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const action = /action="([^"]*)"/i.exec(match[1]!)?.[1] ?? page.url;
    const fields: Record<string, string> = {};
    for (const input of match[2]!.matchAll(/<input\b([^>]*)>/gi)) {
      const name = /name="([^"]*)"/i.exec(input[1]!)?.[1];
      if (name) fields[decode(name)] = decode(/value="([^"]*)"/i.exec(input[1]!)?.[1] ?? '');
    }
    forms.push({ action: new URL(decode(action), page.url).toString(), fields });
  }
  return forms;
}

/** The one form whose action matches `pattern`; throws (naming the page) when there is none. */
export function formOf(page: Page, pattern: RegExp): Form {
  const form = formsOf(page).find((f) => pattern.test(new URL(f.action).pathname));
  if (!form) throw new Error(`no form matching ${pattern} on ${page.url} (${page.status})`);
  return form;
}

export interface RequestOptions {
  method?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Follow redirects (default true). */
  follow?: boolean;
}

export class Agent {
  /** host name → cookie name → value */
  readonly cookies = new Map<string, Map<string, string>>();

  async request(url: string, options: RequestOptions = {}): Promise<Page> {
    let target = url;
    let method = options.method ?? (options.form ? 'POST' : 'GET');
    let body: URLSearchParams | undefined = options.form ? new URLSearchParams(options.form) : undefined;
    let headers = options.headers ?? {};
    for (let hops = 0; hops < 10; hops++) {
      const host = new URL(target).hostname;
      const jar = this.cookies.get(host);
      const cookie = jar && [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const response = await fetch(target, {
        method,
        redirect: 'manual',
        headers: { ...(cookie ? { cookie } : {}), ...headers },
        ...(body ? { body } : {}),
      });
      this.remember(host, response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (!location || options.follow === false || response.status < 300 || response.status > 399) {
        return { url: target, status: response.status, html: await response.text() };
      }
      await response.body?.cancel();
      target = new URL(location, target).toString();
      if (response.status !== 307 && response.status !== 308) {
        method = 'GET';
        body = undefined;
      }
      headers = {};
    }
    throw new Error(`too many redirects from ${url}`);
  }

  get(url: string): Promise<Page> {
    return this.request(url);
  }

  /** Submits `form` as a browser on `from` would: its Origin, this agent's cookies. */
  submit(
    from: Page | string,
    form: Form,
    overrides: Record<string, string> = {},
    headers = {},
  ): Promise<Page> {
    const origin = new URL(typeof from === 'string' ? from : from.url).origin;
    return this.request(form.action, {
      form: { ...form.fields, ...overrides },
      headers: { origin, ...headers },
    });
  }

  private remember(host: string, setCookies: string[]) {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const jar = this.cookies.get(host) ?? new Map<string, string>();
      this.cookies.set(host, jar);
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  }
}
