// Kept answers go stale in every process after each write, and a burst of writes sends few events:
// on PostgreSQL each event is a NOTIFY, which serializes at commit.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testServer, type TestServer } from '../test/harness.js';
import { AnswerCache, ANNOUNCE_MS, flushAnnouncements } from './answer-cache.js';
import { connect } from './db/connect.js';
import { postgresBus, type EventBus } from './events.js';

let t: TestServer;
let other: ReturnType<typeof connect> | null = null;
let otherBus: EventBus;

before(async () => {
  t = await testServer();
  // On PostgreSQL a second pool and bus stand for a second server process; SQLite runs one process.
  if (process.env.DATABASE_URL) {
    other = connect({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir });
    otherBus = await postgresBus(other.pool!);
  } else otherBus = t.services.bus;
});
after(async () => {
  if (other) {
    await otherBus.close();
    await other.close();
  }
  await t.close();
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe('kept answers', () => {
  it('are forgotten in the other process after every write, a burst of writes sharing its events', async () => {
    const topic = `test.cache.${Date.now()}`;
    const here = new AnswerCache(t.services.bus, { enabled: true, topic });
    const there = new AnswerCache(otherBus, { enabled: true, topic });
    const events: unknown[] = [];
    otherBus.subscribe(topic, (e) => events.push(e.payload));
    const keep = () => there.set('page', Buffer.from('{"n":1}'), there.version);

    keep();
    assert.ok(there.get('page'));
    // A hundred writes commit at once: one event covers them all.
    await Promise.all(Array.from({ length: 100 }, () => here.changed()));
    assert.ok(await until(() => events.length === 1), `events: ${events.length}`);
    assert.equal(there.get('page'), undefined, 'forgotten after the burst');
    assert.equal(here.get('page'), undefined);

    // A write after the burst still reaches the other process.
    keep();
    await here.changed();
    assert.ok(await until(() => events.length === 2), `events: ${events.length}`);
    assert.equal(there.get('page'), undefined, 'forgotten after the next write');

    // Writes every 5 ms for a quarter of a second: a few events, not fifty, and the last write is
    // followed by one.
    const before = events.length;
    let last: Promise<void> = Promise.resolve();
    for (let i = 0; i < 50; i++) {
      keep();
      last = here.changed();
      await new Promise((r) => setTimeout(r, 5));
    }
    keep();
    last = here.changed();
    await last;
    assert.ok(await until(() => there.get('page') === undefined), 'forgotten after the last write of the run');
    const sent = events.length - before;
    assert.ok(sent >= 2 && sent <= 12, `events for 51 writes: ${sent}`);
  });

  it("are forgotten by another module's cache in the same process before the write's answer leaves", async () => {
    const topic = `test.orgs.${Date.now()}`;
    // The member list writes; the duty pages, kept in the same process, listen to its topic.
    const writer = new AnswerCache(t.services.bus, { enabled: true, topic });
    const reader = new AnswerCache(t.services.bus, { enabled: true, topic: `${topic}.duty`, alsoOn: [topic] });
    let heard = 0;
    t.services.bus.subscribe(topic, () => heard++);
    reader.set('me', Buffer.from('{"name":"周静"}'), reader.version);
    const announced = writer.changed();
    // Nothing has come back through the bus yet, and the kept page is already gone.
    assert.equal(heard, 0);
    assert.equal(reader.get('me'), undefined);
    await announced;
  });

  it('held back for their turn are sent at once when the process stops', async () => {
    const topic = `test.stop.${Date.now()}`;
    const here = new AnswerCache(t.services.bus, { enabled: true, topic });
    const there = new AnswerCache(otherBus, { enabled: true, topic });
    const events: unknown[] = [];
    otherBus.subscribe(topic, (e) => events.push(e.payload));
    await here.changed();
    assert.ok(await until(() => events.length === 1));
    // The next write within ANNOUNCE_MS waits for its turn; a process stopping now flushes it.
    there.set('page', Buffer.from('{"n":1}'), there.version);
    let settled = false;
    void here.changed().then(() => (settled = true));
    await flushAnnouncements(t.services.bus);
    assert.equal(settled, true, `sent before the ${ANNOUNCE_MS} ms turn came`);
    assert.ok(await until(() => events.length === 2), `events: ${events.length}`);
    assert.equal(there.get('page'), undefined);
  });
});
