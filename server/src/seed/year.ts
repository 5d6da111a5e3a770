// The demo city's year so far: proposals, public opinion and consultations, acted out through
// the modules' commands by the people who do each step, at the times they did them (office hours
// in China), in time order across the modules. `scale` shrinks the year for tests that only need
// some of each (the proportions stay those of a real city at every scale).
import type { Services } from '../platform/context.js';
import type { Config } from '../platform/config.js';
import { nudgeOutbox } from '../platform/outbox.js';
import { chinaYear, clock, yearRange } from '../platform/time.js';
import { castOf } from './actors.js';
import { Calendar } from './calendar.js';
import { seedConsultations } from './consultations.js';
import { seedOpinions } from './opinions.js';
import { seedProposals, type YearFrame } from './proposals.js';
import { seedHallSuggestions, seedHalls, seedLounges } from './halls.js';
import { mulberry32 } from './random.js';
import { seedDuty } from './duty.js';

/** This year in China, from its plenary session (the city's latest session of this year, else 18 January) to now. */
export async function yearFrame(services: Services, city: number, scale: number, now = clock.now().getTime()): Promise<YearFrame> {
  const year = chinaYear(new Date(now));
  const session = await services.db
    .selectFrom('sessions as s')
    .innerJoin('terms as t', 't.id', 's.term_id')
    .select('s.opens_on')
    .where('t.organization_id', '=', city)
    .where('t.current', '=', 1)
    .orderBy('s.opens_on', 'desc')
    .executeTakeFirst();
  const opens = session?.opens_on.startsWith(String(year)) ? session.opens_on : `${year}-01-18`;
  return { city, year, yearStart: Date.parse(yearRange(year).from), plenary: Date.parse(`${opens}T01:00:00.000Z`), until: now, scale };
}

export async function seedYear(services: Services, config: Config, passwordHash: string): Promise<void> {
  const scale = config.demoScale;
  const city = await services.db.selectFrom('organizations').select('id').where('level', '=', 'city').orderBy('id').executeTakeFirstOrThrow();
  const frame = await yearFrame(services, city.id, scale);
  const cast = await castOf(services, city.id, passwordHash, mulberry32(7));
  const cal = new Calendar(frame.until);
  await seedProposals(services, cast, cal, mulberry32(2026), frame);
  await seedOpinions({ ...services, config }, cast, cal, mulberry32(20_240_301), frame);
  await seedConsultations(services, cast, cal, mulberry32(1949), frame);
  await cal.play();
  const held = await services.db.transaction().execute((trx) => seedHalls(trx, city.id));
  await seedHallSuggestions(cast, passwordHash, held);
  await seedLounges(cast, city.id);
  await seedDuty(services, cast, frame);
  // The outbox's notifications of the year's steps, and every page's caches, start from here.
  nudgeOutbox(services);
}
