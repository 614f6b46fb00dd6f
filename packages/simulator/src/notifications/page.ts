// What the simulated SNS serves over the simulator's URL, under /sns/: the signing certificate
// (each message's SigningCertURL), its CA, and the UnsubscribeURL of every message.
import type { PageHandler } from '../surfaces/pages.js';
import type { SimulatedSnsCertificates } from './certificate.js';
import type { SubscriptionRegistry } from './registry.js';

export function snsPage(options: {
  certificateName: string;
  certificates: () => Promise<SimulatedSnsCertificates>;
  registry: SubscriptionRegistry;
}): PageHandler {
  return {
    name: 'sns',
    match: ({ method, url }) => method === 'GET' && url.pathname.startsWith('/sns/'),
    async handle({ url, res }) {
      if (url.pathname === `/sns/${options.certificateName}` || url.pathname === '/sns/ca.pem') {
        const { ca, signing } = await options.certificates();
        const pem = url.pathname === '/sns/ca.pem' ? ca.pem : signing.pem;
        res.writeHead(200, {
          'content-type': 'application/x-pem-file',
          'content-length': Buffer.byteLength(pem),
        });
        res.end(pem);
        return;
      }
      const arn = url.pathname === '/sns/unsubscribe' ? url.searchParams.get('SubscriptionArn') : null;
      if (arn === null || !options.registry.removeArn(arn)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found.');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<UnsubscribeResponse><ResponseMetadata><RequestId>simulated</RequestId></ResponseMetadata></UnsubscribeResponse>',
      );
    },
  };
}
