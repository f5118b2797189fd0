/**
 * `npm run demo`: build the extension, start Chromium with it, serve sample X and Facebook
 * conversations at their real URLs from bundled sample pages (with real editors in them), seed a
 * sample brand with earlier history, and show the panel beside both. With a display the window
 * stays open (close it to end); without one, screenshots go to ./demo-screenshots/.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchWithExtension, newNetworkLog, panelFrame, seedDatabase, serviceWorker, servePages } from '../e2e/support/extension';
import { fixturePage, pageMap } from '../e2e/support/pages';
import { demoData, type SamplePerson } from './demo-data';

const OUT = path.resolve('demo-screenshots');
const headed = !!process.env.DISPLAY && !process.argv.includes('--headless');
const skipBuild = process.argv.includes('--no-build');

function customerOf(platform: 'x' | 'facebook', name: string): SamplePerson {
  const expected = JSON.parse(fs.readFileSync(path.resolve('tests/fixtures', platform, name, 'expected.json'), 'utf8'));
  const c = expected.snapshot?.customer ?? expected.customer;
  return { platform, handle: c?.handle, userId: c?.userId, displayName: c?.displayName ?? c?.handle ?? 'Sample customer' };
}

async function main() {
  if (!skipBuild) {
    console.log('Building the extension and the sample editors…');
    execSync('npx wxt build && npm run build:editors', { stdio: 'inherit' });
  }
  const look = (platform: 'x' | 'facebook') => `<style>${fs.readFileSync(path.resolve(`tests/tools/demo/platform-look-${platform}.css`), 'utf8')}</style>`;
  const styled = (platform: 'x' | 'facebook', p: ReturnType<typeof fixturePage>) => ({ ...p, html: p.html.replace('</head>', `${look(platform)}</head>`) });
  const xPage = styled('x', fixturePage('x', 'thread-complaint', { editors: true }));
  const fbPage = styled('facebook', fixturePage('facebook', 'messenger-thread', { editors: true }));
  const context = await launchWithExtension({ headless: !headed });
  const network = newNetworkLog();
  await servePages(context, pageMap(xPage, fbPage), network);
  const worker = await serviceWorker(context);
  await seedDatabase(worker, demoData([customerOf('x', 'thread-complaint'), customerOf('facebook', 'messenger-thread')]));

  fs.mkdirSync(OUT, { recursive: true });
  const shots: string[] = [];
  for (const [label, sample] of [['x', xPage], ['facebook', fbPage]] as const) {
    const page = await context.newPage();
    await page.goto(sample.url);
    const panel = panelFrame(page);
    await panel.getByRole('tablist').waitFor({ timeout: 15_000 }).catch(() => undefined);
    await page.waitForTimeout(800);
    const file = path.join(OUT, `${label}-panel.png`);
    await page.screenshot({ path: file });
    shots.push(file);
    if (label === 'x') {
      // The Replies tab of the same conversation: ranked suggestions with why each one is offered.
      await panel.getByRole('tab', { name: 'Replies' }).click();
      await panel.getByTestId('suggestion').first().waitFor({ timeout: 15_000 }).catch(() => undefined);
      await page.waitForTimeout(800);
      const replies = path.join(OUT, 'x-replies.png');
      await page.screenshot({ path: replies });
      shots.push(replies);
      await panel.getByRole('tab', { name: 'History' }).click();
    }
  }
  const extensionId = new URL(worker.url()).host;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.waitForTimeout(500);
  const optionsShot = path.join(OUT, 'options.png');
  await options.screenshot({ path: optionsShot, fullPage: true });
  shots.push(optionsShot);

  console.log(`\nCaseside demo: sample X and Facebook conversations with the panel beside them.`);
  for (const s of shots) console.log(`  screenshot: ${path.relative(process.cwd(), s)}`);
  console.log(`  requests made by the extension: ${network.extension.length} (the sample pages' own images were refused: ${network.page.length})`);
  if (headed) {
    console.log('\nThe browser stays open: try the tabs, insert a reply, open a case. Close the window to end.');
    await new Promise<void>((resolve) => context.on('close', () => resolve()));
  } else {
    console.log('\nNo display found, so the demo ran headless. Open the screenshots above, or run it on a desktop.');
    await context.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
