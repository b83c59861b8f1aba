/**
 * Whether providers on the internet can reach the webhook URLs Wireup hands out. A loopback or
 * private address, `localhost` or a name without a dot (WIREUP_PUBLIC_URL unset on a laptop)
 * cannot be; Wireup then refuses to register an endpoint there and says what to do instead.
 * When WIREUP_EGRESS_ALLOW_PRIVATE allows that address, the provider may be local too (a fake,
 * stripe-mock, an on-premises app), so the URL is accepted.
 */
import { isIP } from 'node:net';
import { type EgressAllowance } from '@wireup/sdk';
import { assertEgressAllowed, isPrivateAddress } from '@wireup/runtime';

/** True when the host is only reachable from this machine or its private network. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host)) return isPrivateAddress(host);
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    !host.includes('.')
  );
}

/** Null when a provider can deliver to `publicUrl`; else why not, with the two ways out. */
export function unreachableWebhookUrl(publicUrl: string, allowance: EgressAllowance, provider: string): string | null {
  const host = new URL(publicUrl).hostname;
  if (!isPrivateHost(host)) return null;
  if (allowance === true) return null;
  if (isIP(host.replace(/^\[|\]$/g, ''))) {
    try {
      assertEgressAllowed(host, allowance);
      return null;
    } catch {
      /* not allowed: refuse below */
    }
  }
  return (
    `${provider} cannot reach ${publicUrl} (a loopback or private address), so Wireup did not register a webhook there. ` +
    "Either expose Wireup through a tunnel (e.g. `cloudflared tunnel --url http://127.0.0.1:8080` or `ngrok http 8080`) and restart it with WIREUP_PUBLIC_URL set to the tunnel's https URL; " +
    'or create the connection with its signing secret and forward events yourself (Stripe: `stripe listen --forward-to <webhook URL>`, whose whsec_… goes in webhookSecret): Wireup then registers nothing and the publish answer says which URL and events to use.'
  );
}
