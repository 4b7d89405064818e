// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatasourcePage } from '../../../../src/app/pages/datasource-page';
import { renderWithClient, setupMockApi } from '../../../helpers/mock-api';
import { recordIfMatch } from '../../../helpers/msw-audit';
import { TWILIO, type StoredDatasource } from '../../../helpers/mock-state';

// No lost edits on a datasource: Save names the version the form was opened on, and a Save refused
// because someone else saved first says so and offers Reload, Keep mine and Copy mine.

const api = setupMockApi();
const writes = recordIfMatch(api.server);
const PATH = '/api/datasources/ds_prod';
const THEIR_TIME = '2030-01-02T09:30:00.000Z';
const NEW_TOKEN = 'abcdefabcdefabcdefabcdefabcdef12';

function addProduction(): StoredDatasource {
  const ds: StoredDatasource = {
    id: 'ds_prod',
    name: 'Production',
    authType: 'basic',
    accountSid: TWILIO.accountSid,
    apiKeySid: null,
    target: 'twilio',
    secret: TWILIO.authToken,
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    version: 2,
    updatedBy: 'ada',
  };
  api.state.datasources.push(ds);
  return ds;
}

/** Grace renames it in another tab: version 3. */
function graceRenames(ds: StoredDatasource) {
  Object.assign(ds, {
    name: 'Production (Grace)',
    version: 3,
    updatedBy: 'grace',
    updatedAt: THEIR_TIME,
  });
}

const nameField = () => screen.getByRole('textbox', { name: /^Name/ });
const alert = () => screen.getByRole('alert', { name: 'Edit conflict on this datasource' });
const inAlert = (name: string) => within(alert()).getByRole('button', { name });

/** Opens the page, renames to "Production EU", types a new token, and saves after Grace did. */
async function saveAfterGrace() {
  const ds = addProduction();
  const user = userEvent.setup();
  renderWithClient(<DatasourcePage id={ds.id} />);
  await screen.findByRole('heading', { name: 'Production' });
  graceRenames(ds);
  await user.clear(nameField());
  await user.paste('Production EU');
  await user.click(screen.getByLabelText(/^Auth Token/));
  await user.paste(NEW_TOKEN);
  await user.click(screen.getByRole('button', { name: 'Save' }));
  await screen.findByRole('alert', { name: 'Edit conflict on this datasource' });
  return { ds, user };
}

describe('DatasourcePage: no lost edits', () => {
  it('Save sends If-Match with the version opened; the next Save the version answered', async () => {
    const ds = addProduction();
    const user = userEvent.setup();
    renderWithClient(<DatasourcePage id={ds.id} />);
    await screen.findByRole('heading', { name: 'Production' });
    await user.clear(nameField());
    await user.paste('Production EU');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { name: 'Production EU' });
    await user.clear(nameField());
    await user.paste('Production US');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { name: 'Production US' });
    expect(writes).toEqual([`PATCH ${PATH} "2"`, `PATCH ${PATH} "3"`]);
  });

  it('a 412 says who changed it and when, and saves nothing', async () => {
    const { ds } = await saveAfterGrace();
    const time = new Date(THEIR_TIME).toLocaleString(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    expect(alert()).toHaveTextContent(`Changed by grace at ${time}`);
    expect(writes).toEqual([`PATCH ${PATH} "2"`]);
    expect(ds.name).toBe('Production (Grace)');
    expect(ds.secret).toBe(TWILIO.authToken);
    // The refusal is said once, by the alert, not again as a save error.
    expect(screen.queryByText(/since you opened it/)).not.toBeInTheDocument();
  });

  it('Keep mine saves mine over theirs with their version', async () => {
    const { ds, user } = await saveAfterGrace();
    await user.click(inAlert('Keep mine'));
    await screen.findByRole('heading', { name: 'Production EU' });
    expect(writes).toEqual([`PATCH ${PATH} "2"`, `PATCH ${PATH} "3"`]);
    const stored = api.state.datasources.find((d) => d.id === ds.id)!;
    expect(stored).toMatchObject({ name: 'Production EU', version: 4, secret: NEW_TOKEN });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('Reload drops mine and shows theirs', async () => {
    const { user } = await saveAfterGrace();
    await user.click(inAlert('Reload'));
    await screen.findByRole('heading', { name: 'Production (Grace)' });
    await waitFor(() => expect(nameField()).toHaveValue('Production (Grace)'));
    expect(screen.getByLabelText(/^Auth Token/)).toHaveValue('');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(writes).toEqual([`PATCH ${PATH} "2"`]);

    // The next Save builds on their version.
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(writes).toEqual([`PATCH ${PATH} "2"`, `PATCH ${PATH} "3"`]));
  });

  it('Copy mine copies the form as JSON, never the typed secret, and keeps the alert', async () => {
    const { user } = await saveAfterGrace();
    await user.click(inAlert('Copy mine'));
    expect(await within(alert()).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    const copied = await navigator.clipboard.readText();
    expect(JSON.parse(copied)).toEqual({
      name: 'Production EU',
      target: 'twilio',
      authType: 'basic',
      accountSid: TWILIO.accountSid,
    });
    expect(copied).not.toContain(NEW_TOKEN);
    expect(alert()).toBeInTheDocument();
    expect(writes).toEqual([`PATCH ${PATH} "2"`]);
  });
});
