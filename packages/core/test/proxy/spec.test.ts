import { UserError } from '../../src/action/errors.js';
import {
  caddyBootConfig,
  handoverSysctls,
  HANDOVER_SYSCTL,
  proxyFingerprint,
  resolveProxySpec,
} from '../../src/proxy/index.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const IMAGE = `registry.example.com:5000/infra/caddy:2.10@${DIGEST}`;

describe('resolveProxySpec', () => {
  test('fills in the defaults: ports 80 and 443, network paved, automatic HTTPS for a hostname', () => {
    expect(resolveProxySpec({ image: IMAGE, hostname: 'App.Example.com' })).toEqual({
      image: IMAGE,
      name: 'paved-proxy',
      network: 'paved',
      httpPort: 80,
      httpsPort: 443,
      hostname: 'app.example.com',
      tls: 'auto',
      adminDir: '/run/paved-proxy',
      route: 'paved-upstream',
    });
    expect(resolveProxySpec({ image: `caddy@${DIGEST}` }).tls).toBe('off');
  });

  test.each([
    [{ image: 'caddy:2.10' }, /proxy\.image must name the proxy image pinned by digest.*not 'caddy:2\.10'/],
    [{ image: `caddy@sha256:${'a'.repeat(63)}` }, /proxy\.image/],
    [{}, /proxy\.image must name/],
    [{ image: `--privileged@${DIGEST}` }, /proxy\.image/],
    [{ image: IMAGE, httpPort: 0 }, /proxy\.http-port must be a TCP port/],
    [{ image: IMAGE, httpPort: 8443, httpsPort: 8443 }, /proxy\.http-port and proxy\.https-port must differ/],
    [{ image: IMAGE, tls: 'internal' as const }, /proxy\.tls internal needs proxy\.hostname/],
    [{ image: IMAGE, hostname: 'bad host' }, /proxy\.hostname must be a DNS name/],
    [{ image: IMAGE, name: '-x' }, /proxy\.name must be a Docker name/],
    [{ image: IMAGE, adminDir: 'relative/dir' }, /proxy\.admin-dir must be a short absolute plain path/],
    [{ image: IMAGE, adminDir: '/run/../etc' }, /proxy\.admin-dir/],
  ])('refuses %j, naming the key', (input, message) => {
    expect(() => resolveProxySpec(input)).toThrow(UserError);
    expect(() => resolveProxySpec(input)).toThrow(message);
  });

  test('names keys under the prefix the caller gives', () => {
    expect(() => resolveProxySpec({ image: 'caddy' }, 'environments.production.proxy')).toThrow(
      /^environments\.production\.proxy\.image /,
    );
  });
});

describe('caddyBootConfig', () => {
  test('puts the admin API on a unix socket only, and routes the hostname to the upstreams', () => {
    const spec = resolveProxySpec({ image: IMAGE, hostname: 'app.example.com', tls: 'internal' });
    const config = caddyBootConfig(spec, ['app-r1:3000']) as {
      admin: { listen: string; origins: string[] };
      apps: { http: { servers: { paved: { listen: string[]; routes: unknown[] } } }; tls?: unknown };
    };
    expect(config.admin.listen).toBe('unix//run/paved-admin/admin.sock');
    expect(config.admin.origins).toEqual(['paved-proxy-admin']);
    expect(config.apps.http.servers.paved.listen).toEqual([':443']);
    expect(config.apps.http.servers.paved.routes).toEqual([
      {
        match: [{ host: ['app.example.com'] }],
        handle: [{ '@id': 'paved-upstream', handler: 'reverse_proxy', upstreams: [{ dial: 'app-r1:3000' }] }],
        terminal: true,
      },
    ]);
    expect(JSON.stringify(config.apps.tls)).toContain('"module":"internal"');
  });

  test('without TLS, plain HTTP on port 80 and automatic HTTPS off', () => {
    const config = caddyBootConfig(resolveProxySpec({ image: IMAGE }), []);
    expect(JSON.stringify(config)).toContain('"listen":[":80"]');
    expect(JSON.stringify(config)).toContain('"automatic_https":{"disable":true}');
  });

  test('the fingerprint changes with the configuration, not with the image or the upstreams', () => {
    const spec = resolveProxySpec({ image: IMAGE, hostname: 'app.example.com' });
    const otherImage = resolveProxySpec({ image: `caddy@sha256:${'b'.repeat(64)}`, hostname: 'app.example.com' });
    expect(proxyFingerprint(otherImage)).toBe(proxyFingerprint(spec));
    expect(proxyFingerprint(resolveProxySpec({ image: IMAGE, hostname: 'www.example.com' }))).not.toBe(
      proxyFingerprint(spec),
    );
    expect(proxyFingerprint({ ...spec, httpsPort: 8443 })).not.toBe(proxyFingerprint(spec));
    expect(proxyFingerprint(spec, [HANDOVER_SYSCTL])).not.toBe(proxyFingerprint(spec));
  });
});

describe('handoverSysctls', () => {
  test.each([
    ['6.18.44-fc-v669', [HANDOVER_SYSCTL]],
    ['5.14.0-362.8.1.el9_3.x86_64', [HANDOVER_SYSCTL]],
    ['5.15.0-91-generic', [HANDOVER_SYSCTL]],
    ['5.10.0-27-amd64', []],
    ['4.18.0-513.el8.x86_64', []],
    ['', []],
  ])('a kernel %p gets %p', (kernel, sysctls) => {
    expect(handoverSysctls(kernel)).toEqual(sysctls);
  });
});
