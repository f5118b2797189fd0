/**
 * Spanish interface: Chromium with a Spanish browser language shows the options page and the
 * panel in Spanish (lib/i18n reads navigator.language), and marks the pages `lang="es"`. The
 * other specs run in English and find elements by their English names.
 */
import { test as base, expect, launchWithExtension, panelFrame, seedDatabase, servePages } from './support/extension';
import { fixturePage, pageMap } from './support/pages';
import { brand } from './support/seed';

const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const context = await launchWithExtension({ locale: 'es-ES' });
    await use(context);
    await context.close();
  },
});

const xThread = fixturePage('x', 'thread-complaint');
const nonConversation = { name: 'home', url: 'https://x.com/home', html: '<html><body><main role="main"><p>Home timeline</p></main></body></html>' };

test('the options page is in Spanish when the browser is', async ({ context, worker }) => {
  await seedDatabase(worker, { brands: [brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }])] });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);

  expect(await options.evaluate(() => navigator.language)).toBe('es-ES');
  await expect(options.locator('html')).toHaveAttribute('lang', 'es');
  await expect(options).toHaveTitle('Opciones de Caseside');
  await expect(options.getByRole('heading', { level: 2 })).toHaveText(['Tú', 'Marcas', 'Plantillas', 'Base de conocimiento', 'Tus datos', 'Almacenamiento']);
  await expect(options.getByRole('navigation', { name: 'Secciones' }).getByRole('link')).toHaveText([
    'Tú',
    'Marcas',
    'Plantillas',
    'Base de conocimiento',
    'Tus datos',
    'Almacenamiento',
  ]);
  for (const name of ['Nueva plantilla', 'Exportar todo', 'Exportar solo Acme', 'Solicitar almacenamiento persistente'])
    await expect(options.getByRole('button', { name })).toBeVisible();
  await expect(options.getByRole('searchbox', { name: 'Buscar artículos' })).toBeVisible();
  await expect(options.getByText('Aún no hay artículos.')).toBeVisible();
  await expect(options.getByText(/^(You|Brands|Templates|Your data|Storage|Export everything)$/)).toHaveCount(0);

  // A brand form in Spanish, down to the message when an account is mistyped.
  await options.getByRole('button', { name: 'Añadir marca' }).click();
  const form = options.getByRole('form', { name: 'Nueva marca' });
  await form.getByLabel('Nombre', { exact: true }).fill('Other Co');
  await form.getByLabel('Cuentas (una por línea)').fill('not an account');
  await form.getByRole('button', { name: 'Guardar marca' }).click();
  await expect(form.getByRole('alert')).toHaveText('«not an account» no es una cuenta. Escribe x:usuario o facebook:NombreDeLaPágina#idDeLaPágina.');
  await form.getByLabel('Cuentas (una por línea)').fill('x:otherco');
  await form.getByRole('button', { name: 'Guardar marca' }).click();
  await expect(options.getByTestId('brand-row')).toHaveCount(2);
  await expect(options.getByRole('button', { name: 'Editar' })).toHaveCount(2);
});

test('the panel is in Spanish when the browser is', async ({ context, worker, network }) => {
  await seedDatabase(worker, { brands: [brand('b-acme', 'Acme', 'ACME', [{ platform: 'x', handle: 'acme_support' }])] });
  await servePages(context, pageMap(xThread, nonConversation), network);
  const page = await context.newPage();

  await page.goto(nonConversation.url);
  await expect(panelFrame(page).getByRole('heading', { name: 'No se reconoce ninguna conversación aquí' })).toBeVisible();
  // Why, in Spanish too; the adapter's English reason only behind "Detalle técnico".
  await expect(panelFrame(page).getByText(/^Esta página no es una conversación \(un feed, un perfil/)).toBeVisible();
  await expect(panelFrame(page).getByTestId('not-recognised-detail')).toBeHidden();
  await panelFrame(page).getByText('Detalle técnico (para informar de un error)').click();
  await expect(panelFrame(page).getByTestId('not-recognised-detail')).toHaveText('This page is not a conversation.');

  await page.goto(xThread.url);
  const panel = panelFrame(page);
  await expect(panel.locator('html')).toHaveAttribute('lang', 'es');
  await expect(panel.getByRole('tab')).toHaveText(['Historial', 'Caso', 'Respuestas', 'Lista de trabajo']);
  await expect(panel.getByRole('log', { name: 'Historial' })).toBeVisible();
  await panel.getByRole('tab', { name: 'Respuestas' }).click();
  // The tone line and the on-device model's absence, both written in the component before.
  await expect(panel.getByTestId('tone')).toContainText('urgencia');
  await expect(panel.getByTestId('on-device-status')).toHaveText(
    'La reescritura en el dispositivo no está disponible en este navegador; las sugerencias se usan tal como están.',
  );
});
