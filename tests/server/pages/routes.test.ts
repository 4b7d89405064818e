import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startApp, type RunningApp } from '../../helpers/app';

const widgets = [
  {
    id: 'w1',
    type: 'input',
    name: 'Input1',
    width: 6,
    props: { label: 'To', defaultText: '+15551234567' },
  },
  {
    id: 'w2',
    type: 'button',
    name: 'Button1',
    width: 3,
    props: { label: 'Send' },
    action: {
      runQuery: 'SendSms',
      onSuccessRunQuery: 'ListMessages',
      onSuccessMessage: 'Sent {{SendSms.data.sid}}',
      onSuccessReset: ['Input1'],
    },
  },
  {
    id: 'w3',
    type: 'table',
    name: 'Table1',
    width: 12,
    props: { tableData: '{{ListMessages.data.messages}}' },
  },
];

describe('GET|PUT /api/page', () => {
  let app: RunningApp;
  beforeAll(async () => {
    // Kept after close(): the first test restarts on the same DATA_DIR.
    app = await startApp({ keepDataDir: true });
  });
  afterAll(async () => {
    await app.close();
    removeDataDir(app.dataDir);
  });

  it('starts empty, saves the page as sent, and keeps it across a restart', async () => {
    expect((await app.api.get('/api/page').expect(200)).body).toEqual({
      widgets: [],
      updatedAt: null,
      version: 0,
      updatedBy: null,
    });
    const saved = await app.api.put('/api/page').send({ widgets }).expect(200);
    expect(saved.body.widgets).toEqual(widgets);
    expect(saved.body.updatedAt).toMatch(/^\d{4}-/);
    const { dataDir } = app;
    await app.close();
    app = await startApp({ dataDir });
    expect((await app.api.get('/api/page').expect(200)).body.widgets).toEqual(widgets);
  });

  it('refuses duplicate names, bad names and unknown widget types, naming the field', async () => {
    const dup = await app.api
      .put('/api/page')
      .send({ widgets: [widgets[0], { ...widgets[0], id: 'w9' }] })
      .expect(400);
    expect(dup.body.error).toMatchObject({ code: 'invalid_page', field: 'widgets.1.name' });
    expect(dup.body.error.message).toMatch(/unique/);
    const bad = await app.api
      .put('/api/page')
      .send({ widgets: [{ ...widgets[0], name: '1st input' }] })
      .expect(400);
    expect(bad.body.error.field).toBe('widgets.0.name');
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const unreachable = await app.api
        .put('/api/page')
        .send({ widgets: [{ ...widgets[0], name }] })
        .expect(400);
      expect(unreachable.body.error).toMatchObject({
        code: 'invalid_page',
        field: 'widgets.0.name',
      });
      expect(unreachable.body.error.message).toMatch(/bindings never read/);
    }
    const kind = await app.api
      .put('/api/page')
      .send({ widgets: [{ ...widgets[0], type: 'iframe' }] })
      .expect(400);
    expect(kind.body.error.field).toBe('widgets.0.type');
    const extra = await app.api
      .put('/api/page')
      .send({ widgets: [{ ...widgets[0], color: 'red' }] })
      .expect(400);
    expect(extra.body.error).toMatchObject({ code: 'invalid_page', field: 'widgets.0.color' });
    expect(extra.body.error.message).toMatch(
      /Unknown field "widgets\.0\.color": remove it; accepted fields of widgets\.0 are id, type, name, width, props, action/,
    );
    const top = await app.api.put('/api/page').send({ widgets: [], title: 'Ops' }).expect(400);
    expect(top.body.error).toMatchObject({ field: 'title' });
    // Nothing saved was lost.
    expect((await app.api.get('/api/page').expect(200)).body.widgets).toEqual(widgets);
  });
});

describe('one namespace for widget and query names', () => {
  let app: RunningApp;
  let dsId: string;
  beforeAll(async () => {
    app = await startApp();
    dsId = (await app.api.get('/api/datasources').expect(200)).body[0].id;
    await app.api
      .post('/api/queries')
      .send({ name: 'ListMessages', datasourceId: dsId, command: 'list-messages' })
      .expect(201);
    await app.api.put('/api/page').send({ widgets }).expect(200);
  });
  afterAll(() => app.close());

  it('refuses a page with a widget named like a query, any case, naming the widget and the fix', async () => {
    const clash = [
      ...widgets,
      { id: 'w4', type: 'text', name: 'listMessages', width: 6, props: {} },
    ];
    const res = await app.api.put('/api/page').send({ widgets: clash }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'name_taken', field: 'widgets.3.name' });
    expect(res.body.error.message).toMatch(
      /A query is named "ListMessages", so no widget may be: .*share one namespace.*Rename the widget/,
    );
    const renamed = await app.api
      .put('/api/page')
      .send({ widgets: [{ ...widgets[0], name: 'ListMessages' }, ...widgets.slice(1)] })
      .expect(409);
    expect(renamed.body.error.field).toBe('widgets.0.name');
    expect((await app.api.get('/api/page').expect(200)).body.widgets).toEqual(widgets);
  });

  it('refuses creating or renaming a query to a widget name, any case, and lets other edits through', async () => {
    const create = await app.api
      .post('/api/queries')
      .send({ name: 'input1', datasourceId: dsId, command: 'list-messages' })
      .expect(409);
    expect(create.body.error).toMatchObject({ code: 'name_taken', field: 'name' });
    expect(create.body.error.message).toMatch(
      /A widget on the page is named "Input1", so no query may be: .*Choose another query name/,
    );
    const q = await app.api
      .post('/api/queries')
      .send({ name: 'SendSms', datasourceId: dsId, command: 'create-message' })
      .expect(201);
    const rename = await app.api
      .patch(`/api/queries/${q.body.id}`)
      .send({ name: 'Table1' })
      .expect(409);
    expect(rename.body.error).toMatchObject({ code: 'name_taken', field: 'name' });
    await app.api
      .patch(`/api/queries/${q.body.id}`)
      .send({ name: 'SendSms', params: { body: 'hi' } })
      .expect(200);
    expect((await app.api.get(`/api/queries/${q.body.id}`).expect(200)).body.name).toBe('SendSms');
  });

  it('lets a clash saved before the check stay, so it does not block later saves, but refuses new ones', async () => {
    // A page saved by an older version, with a widget named like a query.
    app.db.prepare("UPDATE pages SET doc = ? WHERE id = 'main'").run(
      JSON.stringify({
        widgets: [
          ...widgets,
          { id: 'w5', type: 'text', name: 'ListMessages', width: 6, props: {} },
        ],
      }),
    );
    const legacy = (await app.api.get('/api/page').expect(200)).body.widgets;
    await app.api
      .put('/api/page')
      .send({ widgets: legacy.map((w: { width: number }) => ({ ...w, width: 4 })) })
      .expect(200);
    await app.api
      .put('/api/page')
      .send({
        widgets: [...legacy, { id: 'w6', type: 'text', name: 'SendSms', width: 6, props: {} }],
      })
      .expect(409);
  });

  it('refuses a page whose bindings are too much work to hold, naming the widget and property', async () => {
    const before = (await app.api.get('/api/page').expect(200)).body;
    // The attack run's page: text after text of long repeat/replaceAll chains.
    const chain = '{{ "a".repeat(99999).replaceAll("a", "b").replaceAll("b", "c").length }}';
    const heavy = Array.from({ length: 60 }, (_, i) => ({
      id: `h${i}`,
      type: 'text',
      name: `Text${i}`,
      props: { text: Array.from({ length: 8 }, () => chain).join(' ') },
    }));
    const total = await app.api.put('/api/page').send({ widgets: heavy }).expect(400);
    expect(total.body.error).toMatchObject({ code: 'page_too_heavy' });
    expect(total.body.error.field).toMatch(/^widgets\.\d+\.props\.text$/);
    expect(total.body.error.message).toMatch(
      /^The page's bindings come to more than 32,000 characters .* passed at Text\d+\.text/,
    );

    const long = `{{ ${'1 + '.repeat(600)}1 }}`;
    const one = await app.api
      .put('/api/page')
      .send({ widgets: [{ id: 't', type: 'text', name: 'Text1', props: { text: long } }] })
      .expect(400);
    expect(one.body.error).toMatchObject({ code: 'page_too_heavy', field: 'widgets.0.props.text' });
    expect(one.body.error.message).toMatch(
      /A binding in Text1\.text is 2,403 characters long; the limit is 2,000/,
    );

    const message = await app.api
      .put('/api/page')
      .send({
        widgets: [
          {
            id: 'b',
            type: 'button',
            name: 'Button1',
            props: {},
            action: { runQuery: '', onSuccessMessage: `{{${'x'.repeat(499 - 4)}}}` },
          },
          { id: 't', type: 'text', name: 'Text1', props: { text: long } },
        ],
      })
      .expect(400);
    expect(message.body.error.field).toBe('widgets.1.props.text');
    // Nothing was saved.
    expect((await app.api.get('/api/page').expect(200)).body.version).toBe(before.version);
  });
});
