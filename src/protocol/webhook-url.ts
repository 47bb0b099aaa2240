/**
 * PayJunction's rule for a webhook URL: "URL must be HTTPS with max length 255 and cannot contain a port"
 * (https://developer.payjunction.com/hc/en-us/articles/219594068,
 * https://developer.payjunction.com/hc/en-us/articles/219594268), except the http://requestcatcher.com
 * URLs those pages allow for testing. One rule for the relay (refused at start), the labs check (checked
 * before anything is sent) and the simulator (400, as PayJunction answers).
 */

export const WEBHOOK_URL_MAX = 255;
export const WEBHOOK_URL_RULE = 'an https:// URL with no port, at most 255 characters';

/** Any port written after the host, the scheme's default too (URL drops ":443" from `port`). */
const WRITTEN_PORT = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(?:\[[^\]]*\]|[^/?#:]*):(\d*)/i;
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * Why PayJunction would refuse `value` as a webhook URL, in words that never repeat the URL (it may carry
 * a token); undefined when it would take it. `loopbackHttp`: also http or https on this machine, on any
 * port (a relay receiving the simulator's deliveries), which PayJunction itself never allows.
 */
export function webhookUrlProblem(value: string, options: { loopbackHttp?: boolean } = {}): string | undefined {
  if (value.length > WEBHOOK_URL_MAX) return `it is ${value.length} characters long`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'it is not a URL';
  }
  const host = url.hostname.toLowerCase();
  const web = url.protocol === 'https:' || url.protocol === 'http:';
  if (options.loopbackHttp && web && LOOPBACK.test(host)) return undefined;
  const catcher = url.protocol === 'http:' && (host === 'requestcatcher.com' || host.endsWith('.requestcatcher.com'));
  if (url.protocol !== 'https:' && !catcher) return `it starts with ${url.protocol}//, not https://`;
  const port = url.port || WRITTEN_PORT.exec(value)?.[1];
  if (port !== undefined) return port ? `it names port ${port}` : 'it names a port';
  return undefined;
}
