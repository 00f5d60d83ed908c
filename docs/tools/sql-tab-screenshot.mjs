// Opens the Spark UI's SQL page for query 0, turns on "Show metrics in graph nodes (detailed mode)" and captures it.
// Usage: node sql-tab-screenshot.mjs URL OUTPUT.png  (playwright-core driving Debian's /usr/bin/chromium)
import { chromium } from 'playwright-core';

const [url, output] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1300, height: 1100 } });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.check('#detailed-labels-checkbox');
  await page.waitForTimeout(1000);
  await page.screenshot({ path: output, fullPage: true });
} finally {
  await browser.close();
}
