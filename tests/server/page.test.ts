import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';

const widgets = [
  { id: 'w1', type: 'input', name: 'Input1', width: 6, props: { label: 'To', defaultText: '+15551234567' } },
  {
    id: 'w2',
    type: 'button',
    name: 'Button1',
    width: 3,
    props: { label: 'Send' },
    action: { runQuery: 'SendSms', onSuccessRunQuery: 'ListMessages', onSuccessMessage: 'Sent {{SendSms.data.sid}}', onSuccessReset: ['Input1'] },
  },
  { id: 'w3', type: 'table', name: 'Table1', width: 12, props: { tableData: '{{ListMessages.data.messages}}' } },
];

describe('GET|PUT /api/page', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('starts empty, saves the page as sent, and keeps it across a restart', async () => {
    expect((await app.api.get('/api/page').expect(200)).body).toEqual({ widgets: [], updatedAt: null });
    const saved = await app.api.put('/api/page').send({ widgets }).expect(200);
    expect(saved.body.widgets).toEqual(widgets);
    expect(saved.body.updatedAt).toMatch(/^\d{4}-/);
    const { dataDir } = app;
    await app.close();
    app = await startApp({ dataDir });
    expect((await app.api.get('/api/page').expect(200)).body.widgets).toEqual(widgets);
  });

  it('refuses duplicate names, bad names and unknown widget types, naming the field', async () => {
    const dup = await app.api.put('/api/page').send({ widgets: [widgets[0], { ...widgets[0], id: 'w9' }] }).expect(400);
    expect(dup.body.error).toMatchObject({ code: 'invalid_page', field: 'widgets.1.name' });
    expect(dup.body.error.message).toMatch(/unique/);
    const bad = await app.api.put('/api/page').send({ widgets: [{ ...widgets[0], name: '1st input' }] }).expect(400);
    expect(bad.body.error.field).toBe('widgets.0.name');
    const kind = await app.api.put('/api/page').send({ widgets: [{ ...widgets[0], type: 'iframe' }] }).expect(400);
    expect(kind.body.error.field).toBe('widgets.0.type');
    // Nothing saved was lost.
    expect((await app.api.get('/api/page').expect(200)).body.widgets).toEqual(widgets);
  });
});
