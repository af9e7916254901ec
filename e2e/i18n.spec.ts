// Canadian French (X4): a browser asking for fr-CA gets the French interface everywhere.
import { chooseOption, uniqueName } from './fixtures/people';
import { expect, test } from './fixtures/test';

test('a fr-CA browser gets French on /chat, /login and the agent view', async ({ world }) => {
  test.setTimeout(90_000);

  // The contact page.
  const contact = await world.contact({ locale: 'fr-CA' });
  const cp = contact.page;
  await cp.goto('/chat');
  await expect(cp.getByRole('heading', { name: 'Clavardez avec nous' })).toBeVisible();
  for (const label of ['Nom', 'Courriel', 'Téléphone', 'Question']) await expect(cp.getByLabel(label, { exact: true })).toBeVisible();
  const language = cp.getByLabel('Langue du clavardage');
  await expect(language.locator('option:checked')).toHaveText('Français');
  await expect(cp.getByRole('button', { name: 'Commencer le clavardage' })).toBeVisible();
  await expect(cp.getByRole('button', { name: 'Start chat' })).toHaveCount(0);

  // The sign-in page.
  const agentContext = await world.newContext({ locale: 'fr-CA' });
  const ap = await agentContext.newPage();
  await ap.goto('/login');
  await expect(ap.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await ap.getByLabel('Courriel').fill('agent4@example.com');
  await ap.getByLabel('Mot de passe').fill('agent123!');
  await ap.getByRole('button', { name: 'Se connecter' }).click();
  await ap.waitForURL(/\/agent$/);

  // The agent view.
  const state = ap.getByRole('combobox', { name: 'État de l’agent' });
  await expect(state).toBeVisible();
  await expect(ap.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await expect(ap.getByRole('navigation', { name: 'Mes interactions' })).toBeVisible();
  await chooseOption(ap, state, 'Prêt');
  await expect(state).toHaveText('Prêt');

  // A French chat, end to end, in French (agent 4 has the French skill).
  const name = uniqueName('Émilie');
  await cp.getByLabel('Nom', { exact: true }).fill(name);
  await cp.getByLabel('Question').fill('Où est ma commande?');
  await cp.getByRole('button', { name: 'Commencer le clavardage' }).click();
  await expect(cp.getByText(/^En attente d’un agent…/)).toBeVisible();
  await contact.readSession();

  const card = ap.getByRole('group', { name: `Clavardage de ${name}` });
  await expect(card).toBeVisible();
  await expect(card).toContainText(/secondes? restantes?/);
  await card.getByRole('button', { name: 'Accepter' }).click();
  await expect(cp.getByText('Vous clavardez avec un agent.')).toBeVisible();
  await expect(cp.getByText('Agent Four s’est joint au clavardage')).toBeVisible();

  const agentLog = ap.getByRole('log', { name: 'Transcription' });
  await ap.getByRole('textbox', { name: 'Message' }).fill('Bonjour! Je regarde cela.');
  await ap.getByRole('button', { name: 'Envoyer' }).click();
  await expect(agentLog.getByText('Bonjour! Je regarde cela.')).toBeVisible();
  await expect(agentLog).toContainText('Envoyé');
  await expect(cp.getByRole('log', { name: 'Transcription' }).getByText('Bonjour! Je regarde cela.')).toBeVisible();
  await expect(ap.getByRole('region', { name: 'Données du dossier' })).toContainText('Où est ma commande?');
  await expect(ap.getByRole('region', { name: 'Renseignements sur le contact' })).toBeVisible();

  await ap.getByRole('button', { name: 'Mettre fin au clavardage' }).click();
  await expect(cp.getByText('Ce clavardage est terminé.')).toBeVisible();
  await ap.getByRole('button', { name: 'Marquer comme terminé' }).click();
  await expect(ap.getByRole('navigation', { name: 'Mes interactions' }).getByText(name)).toBeHidden();
  await chooseOption(ap, state, 'Non prêt – Pause');
  await expect(state).toHaveText('Non prêt – Pause');
});
