import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loaderScript } from './loader-script';

// The labels the route passes (app/widget.js/route.ts): the launcher and the frame title.
const labels = (locale: string) => {
  const w = JSON.parse(readFileSync(`messages/${locale}/widget.json`, 'utf8'));
  return { launcher: w.launcher, frameTitle: w.frameTitle };
};
const script = () =>
  loaderScript({
    origin: 'https://console.example.com',
    labels: { en: labels('en'), 'fr-CA': labels('fr-CA') },
    defaultLocale: 'en',
  });

describe('widget loader', () => {
  it('stays within the 10 KB gzipped budget (issue 18)', () => {
    const gz = gzipSync(script(), { level: 9 }).length;
    // printed so the closing note can quote it
    console.log(`widget.js: ${script().length} bytes, ${gz} bytes gzipped`);
    expect(gz).toBeLessThanOrEqual(10 * 1024);
  });

  it('is valid JavaScript and defines only window.ChatConsole', () => {
    expect(() => new Function(script())).not.toThrow();
    expect(script().match(/window\.[A-Za-z]+\s*=/g)).toEqual(['window.ChatConsole=']);
  });

  it('carries the catalogue labels and the console origin, escaped as JSON', () => {
    const s = script();
    expect(s).toContain('"launcher":"Chat with us"');
    expect(s).toContain('"launcher":"Clavarder avec nous"');
    expect(s).toContain('"o":"https://console.example.com"');
    const hostile = loaderScript({ origin: 'https://x"};alert(1);//', labels: { en: { launcher: '</script>', frameTitle: 'Chat' } }, defaultLocale: 'en' });
    expect(() => new Function(hostile)).not.toThrow();
    expect(hostile).toContain('https://x\\"};alert(1);//'); // stays inside the JSON string
    expect(hostile).not.toContain('</script>');
  });
});
