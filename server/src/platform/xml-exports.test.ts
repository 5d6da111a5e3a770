// Every export writes only characters XML allows: values stored before the edge rule (or by an
// import) with U+FFFE, U+FFFF or a control character in them still give .xlsx and .docx files
// that open. Exported through the real routes and read back with exceljs and an XML parser.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { testServer, type Agent, type TestServer } from '../test/harness.js';
import { outcomeDocx } from '../modules/consultations/docx.js';
import { xmlSafe } from './text.js';

let t: TestServer;
let staff: Agent;
const BAD = '\ufffe\uffff\x01\x0b\x1f\ufdd0';
const WORKPLACE = `嘉兴\ufffe市第一医院\x01`;
const TITLE = `关于普惠托育的建议\uffff`;
const TEXT = `当前托位紧缺\x0b，家庭负担较重。\x1f${BAD}\n二是加强培训。`;
let proposalId: number;
let replyId: number;
let issueId: number;

before(async () => {
  t = await testServer();
  staff = await t.as('staff');
  const { db } = t.services;
  const at = new Date().toISOString();
  const memberId = (await db.insertInto('members').values({
    organization_id: t.fixture.city, term_id: t.fixture.cityTerm, name: `周静${BAD}`, gender: 'female', birth_year: 1970, ethnicity: '汉族', political_affiliation: '无党派人士',
    sector_id: t.fixture.sectors['经济界']!, workplace: WORKPLACE, title: '主任', phone: null, standing: 0, status: 'active', exited_on: null, exit_reason: null, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow()).id;
  const session = (await db.selectFrom('sessions').select('id').where('term_id', '=', t.fixture.cityTerm).executeTakeFirstOrThrow()).id;
  proposalId = (await db.insertInto('proposals').values({
    organization_id: t.fixture.city, session_id: session, year: 2026, kind: 'individual', state: 'handling', author_user_id: t.fixture.users.member!, member_id: memberId,
    collective_kind: null, collective_id: null, proposer_name: `周静${BAD}`, sector_id: t.fixture.sectors['经济界']!, category_id: null, title: TITLE, reasons: TEXT, suggestions: TEXT,
    number: 1, reject_reason_id: null, reject_text: null, round: 1, is_key: 0, is_public: 0, filed_at: at, reviewed_at: at, reviewed_by: null, assigned_at: at, closed_at: null, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow()).id;
  const assignmentId = (await db.insertInto('proposal_assignments').values({
    proposal_id: proposalId, organization_id: t.fixture.city, unit_id: t.fixture.unit, role: 'lead', state: 'replied', round: 1, deadline: '2026-06-30',
    reassign_reason: null, assigned_by: null, assigned_at: at, signed_at: at, replied_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow()).id;
  replyId = (await db.insertInto('proposal_replies').values({
    assignment_id: assignmentId, proposal_id: proposalId, round: 1, class: 'A', class_reason: null, letter_text: TEXT, letter_file_id: null, replied_by: null, replied_at: at,
  }).returning('id').executeTakeFirstOrThrow()).id;
  const opinionId = (await db.insertInto('opinions').values({
    organization_id: t.fixture.city, year: 2026, source_kind: 'member', member_id: memberId, place_id: null, user_id: null, title: TITLE, text: TEXT, category: 'other', state: 'compiled',
    tracking_code: null, resident_name_enc: null, resident_phone_enc: null, device_hash: null, duplicate_of: null, screening_reason: null, screened_at: null, screened_by: null,
    similar_group: null, submitted_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow()).id;
  issueId = (await db.insertInto('opinion_issues').values({ organization_id: t.fixture.city, year: 2026, number: 1, published_on: '2026-03-01', created_by: null, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('opinion_issue_items').values({ issue_id: issueId, opinion_id: opinionId, position: 1, title: TITLE, text: TEXT, credits: `周静${BAD}` }).execute();
});
after(() => t.close());

/** Parses XML with a conforming parser: throws on any character XML forbids. */
function parseXml(xml: string): string {
  const parser = new SaxesParser();
  let text = '';
  parser.on('text', (s) => (text += s));
  parser.on('error', (err) => {
    throw err;
  });
  parser.write(xml).close();
  return text;
}

async function docxText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) parseXml(await zip.file(name)!.async('string'));
  return parseXml(await zip.file('word/document.xml')!.async('string'));
}

async function sheetCells(buffer: Buffer): Promise<string[]> {
  // exceljs reads the workbook back; every part is also parsed strictly.
  const zip = await JSZip.loadAsync(buffer);
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) parseXml(await zip.file(name)!.async('string'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.worksheets[0]!.eachRow((r) => (r.values as unknown[]).forEach((v) => v != null && cells.push(String(v))));
  return cells;
}

const clean = xmlSafe;

describe('exports of text with characters XML forbids', () => {
  it('the member list as .xlsx opens, with the workplace less the bad characters', async () => {
    const res = await staff.get('/api/orgs/members/export.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    assert.ok((await sheetCells(res.rawPayload)).includes(clean(WORKPLACE)));
  });

  it('the proposal list as .xlsx opens', async () => {
    const res = await staff.get('/api/proposals/export.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    assert.ok((await sheetCells(res.rawPayload)).includes(clean(TITLE)));
  });

  it('the proposal and its reply letter as .docx open, with the text less the bad characters', async () => {
    const doc = await staff.get(`/api/proposals/${proposalId}/document.docx`);
    assert.equal(doc.statusCode, 200, doc.body);
    const text = await docxText(doc.rawPayload);
    assert.ok(text.includes(clean(TITLE)) && text.includes('当前托位紧缺，家庭负担较重。'), text);
    const letter = await staff.get(`/api/proposals/replies/${replyId}/letter.docx`);
    assert.equal(letter.statusCode, 200, letter.body);
    assert.ok((await docxText(letter.rawPayload)).includes('二是加强培训。'));
  });

  it('the bulletin issue as .docx opens', async () => {
    const res = await staff.get(`/api/opinions/issues/${issueId}/export.docx`);
    assert.equal(res.statusCode, 200, res.body);
    assert.ok((await docxText(res.rawPayload)).includes(clean(TITLE)));
  });

  it('the outcome report builder writes a document that opens', async () => {
    const doc = await outcomeDocx({
      organizationName: `嘉兴市政协${BAD}`, title: TITLE, meetingTopic: TEXT, meetingType: '专题协商', meetingDate: new Date().toISOString(), place: WORKPLACE, summary: TEXT,
      suggestions: [{ title: TITLE, text: TEXT, answers: [{ unitName: WORKPLACE, answer: TEXT }], adopted: true, adoptionNote: BAD }], compiledOn: new Date().toISOString(),
    });
    assert.ok((await docxText(doc)).includes(clean(TITLE)));
  });
});
