import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, ADMIN, setupAdmin, SETUP_TOKEN } from '../../helpers/accounts';
import { startApp, type RunningApp } from '../../helpers/app';

// No lost edits: a datasource, a query and the page carry a version, sent as the ETag of a GET
// and moved on by each write. A PATCH or PUT whose If-Match names an older version is refused
// with 412 edit_conflict saying who changed it and when; without If-Match a write is accepted.

describe('versions, ETag and If-Match', () => {
  let app: RunningApp;
  let admin: string;
  let builder: string;
  let ds: string;
  let query: string;

  beforeAll(async () => {
    app = await startApp({ env: { TQB_SETUP_TOKEN: SETUP_TOKEN } });
    admin = await setupAdmin(app);
    builder = (await addUser(app, admin, 'builder', 'bob')).cookie;
    ds = (await app.api.get('/api/datasources').set('Cookie', admin)).body[0].id;
    query = (
      await app.api
        .post('/api/queries')
        .set('Cookie', admin)
        .send({ name: 'Recent', datasourceId: ds, command: 'list-messages', params: {} })
        .expect(201)
    ).body.id;
  });
  afterAll(() => app.close());

  const cases = () => [
    {
      what: 'a datasource',
      get: () => app.api.get(`/api/datasources/${ds}`).set('Cookie', admin),
      write: (cookie: string, n: number, ifMatch?: string) => {
        const req = app.api.patch(`/api/datasources/${ds}`).set('Cookie', cookie);
        if (ifMatch !== undefined) void req.set('If-Match', ifMatch);
        return req.send({ name: `Emulator ${n}` });
      },
      // Only admins edit datasources.
      other: () => admin,
    },
    {
      what: 'a query',
      get: () => app.api.get(`/api/queries/${query}`).set('Cookie', admin),
      write: (cookie: string, n: number, ifMatch?: string) => {
        const req = app.api.patch(`/api/queries/${query}`).set('Cookie', cookie);
        if (ifMatch !== undefined) void req.set('If-Match', ifMatch);
        return req.send({ params: { pageSize: String(n) } });
      },
      other: () => builder,
    },
    {
      what: 'the page',
      get: () => app.api.get('/api/page').set('Cookie', admin),
      write: (cookie: string, n: number, ifMatch?: string) => {
        const req = app.api.put('/api/page').set('Cookie', cookie);
        if (ifMatch !== undefined) void req.set('If-Match', ifMatch);
        return req.send({ widgets: [{ id: 'w1', type: 'text', name: `Text${n}`, props: {} }] });
      },
      other: () => builder,
    },
  ];

  for (const index of [0, 1, 2]) {
    it(`${['a datasource', 'a query', 'the page'][index]}: ETag, 412 on a stale If-Match, the new ETag after a write`, async () => {
      const c = cases()[index]!;
      const read = await c.get().expect(200);
      const version = read.body.version as number;
      expect(read.headers.etag).toBe(`"${version}"`);

      // Someone else saves first.
      const theirs = await c.write(c.other(), 1, `"${version}"`).expect(200);
      expect(theirs.headers.etag).toBe(`"${version + 1}"`);
      expect(theirs.body).toMatchObject({ version: version + 1 });
      const by = theirs.body.updatedBy as string;
      expect([ADMIN.username, 'bob']).toContain(by);

      // My write, based on what I read, is refused and tells me who and when.
      const mine = await c.write(admin, 2, read.headers.etag).expect(412);
      expect(mine.body.error).toEqual({
        code: 'edit_conflict',
        message: `Changed by ${by} at ${theirs.body.updatedAt} since you opened it.`,
        conflict: { version: version + 1, updatedBy: by, updatedAt: theirs.body.updatedAt },
      });
      expect((await c.get()).body.version).toBe(version + 1);

      // Weak tags, lists and * are understood; a tag that is not ours matches nothing.
      await c.write(admin, 3, `W/"${version + 1}"`).expect(200);
      await c.write(admin, 4, `"1000", "${version + 2}"`).expect(200);
      await c.write(admin, 5, '*').expect(200);
      await c.write(admin, 6, '"abc"').expect(412);
      // Without If-Match (scripts) a write is accepted.
      const last = await c.write(admin, 7).expect(200);
      expect(last.body.version).toBe(version + 5);
      expect((await c.get()).headers.etag).toBe(`"${version + 5}"`);
    });
  }

  it('reads versions in lists too, and starts a never-saved page at version 0', async () => {
    const list = (await app.api.get('/api/queries').set('Cookie', admin)).body as {
      version: number;
      updatedBy: string;
    }[];
    expect(list[0]).toMatchObject({ version: expect.any(Number), updatedBy: expect.any(String) });
    const fresh = await startApp();
    try {
      const page = await fresh.api.get('/api/page').expect(200);
      expect(page.headers.etag).toBe('"0"');
      // Two first saves based on the empty page: the second is a conflict.
      await fresh.api.put('/api/page').set('If-Match', '"0"').send({ widgets: [] }).expect(200);
      await fresh.api.put('/api/page').set('If-Match', '"0"').send({ widgets: [] }).expect(412);
    } finally {
      await fresh.close();
    }
  });

  it('accepts the page as GET answers it (a round trip), ignoring what the server sets', async () => {
    const read = await app.api.get('/api/page').set('Cookie', builder).expect(200);
    expect(Object.keys(read.body).sort()).toEqual(['updatedAt', 'updatedBy', 'version', 'widgets']);
    const back = await app.api
      .put('/api/page')
      .set('Cookie', builder)
      .set('If-Match', read.headers.etag as string)
      .send({ ...read.body, version: 999, updatedBy: 'someone else', updatedAt: 'whenever' })
      .expect(200);
    expect(back.body).toMatchObject({
      widgets: read.body.widgets,
      version: read.body.version + 1,
      updatedBy: 'bob',
    });
    await app.api
      .put('/api/page')
      .set('Cookie', builder)
      .send({ ...read.body, title: 'nope' })
      .expect(400);
  });
});
