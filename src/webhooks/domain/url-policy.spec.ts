import { addressRefusal, classifyAddress, parseWebhookUrl, urlForDisplay } from './url-policy.js';

describe('webhook URL policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.0.3.7', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:10.1.2.3', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['64:ff9b::a00:1', 'reserved'],
    ['172.32.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['2606:4700:4700::1111', 'public'],
  ])('classifies %s as %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('refuses all but public addresses unless private ones are allowed, naming the host and the address', () => {
    expect(addressRefusal('hooks.internal', '10.0.3.7', false)).toBe('hooks.internal resolves to 10.0.3.7, a private address; Tally calls only public addresses unless WEBHOOK_ALLOW_PRIVATE_URLS=true');
    expect(addressRefusal('127.0.0.1', '127.0.0.1', false)).toMatch(/^127\.0\.0\.1 is a loopback address/);
    expect(addressRefusal('10.0.3.7', '10.0.3.7', true)).toBeUndefined();
    expect(addressRefusal('example.com', '93.184.216.34', false)).toBeUndefined();
  });

  it('takes absolute http(s) URLs without credentials or fragments', () => {
    expect(parseWebhookUrl('https://hooks.example.com/tally?x=1').toString()).toBe('https://hooks.example.com/tally?x=1');
    // The URL parser normalises numeric hosts, so an address cannot hide from the check as a number.
    expect(parseWebhookUrl('http://2130706433/').hostname).toBe('127.0.0.1');
    for (const bad of ['ftp://example.com/', 'example.com/hook', 'https://user:pass@example.com/', 'https://example.com/#frag', `https://example.com/${'a'.repeat(2_048)}`, 'http://']) {
      expect(() => parseWebhookUrl(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });

  it('shows a URL without its query string', () => {
    expect(urlForDisplay('https://hooks.example.com/tally?token=s3cret')).toBe('https://hooks.example.com/tally?...');
    expect(urlForDisplay('https://hooks.example.com/tally')).toBe('https://hooks.example.com/tally');
  });
});
