/**
 * An answer's recording over HTTP: the candidate uploads it with the link's token after the answer's text is saved;
 * it is sealed with the candidate's key into the answer and writers read it back. Other types, content that is not
 * what it says, a question not answered yet and a wrong token are refused.
 */
import request from "supertest";
import { beforeAll, expect, test } from "vitest";
import { SESSION_COOKIE } from "@shortlist/api";
import { answerAudioDownloadPath, answerAudioPath, AUDIO_UPLOAD, type ErrorData } from "@shortlist/api/schemas";
import { signedIn, useTestApi } from "../../../packages/api/test/helpers";
import {
  answerAndWait,
  CONCRETE_ANSWER,
  flowQuestion,
  newApplication,
  tokenOf,
} from "../../../packages/api/test/interviews-flow-fixtures";
import { createApp } from "../src/app";

const api = useTestApi();

const WEBM = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(300, 7)]);
const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0, 1, 0, 0]), Buffer.from("WAVEfmt "), Buffer.alloc(64)]);

let app: ReturnType<typeof createApp>;
let recruiterCookie: string;
let viewerCookie: string;
let token: string;
let answered: string;
let unanswered: string;
let interviewId: string;

beforeAll(async () => {
  app = createApp(api.deps);
  const recruiter = await signedIn(api.deps, "recruiter");
  recruiterCookie = `${SESSION_COOKIE}=${recruiter.sessionToken}`;
  viewerCookie = `${SESSION_COOKIE}=${(await signedIn(api.deps, "viewer")).sessionToken}`;
  const caller = recruiter.caller;
  const ids = [(await caller.questions.create(flowQuestion())).id, (await caller.questions.create(flowQuestion())).id];
  const { applicationId } = await newApplication(caller);
  let interview = await caller.interviews.create({ applicationId, questionCount: 2 });
  interview = await caller.interviews.updatePlan({ id: interview.id, version: interview.version, questionIds: ids });
  interview = await caller.interviews.sendLink({ id: interview.id, version: interview.version, days: 7 });
  interviewId = interview.id;
  token = tokenOf(interview);
  const anonymous = api.caller();
  await anonymous.interviewLink.start({ token });
  await answerAndWait(anonymous, token, CONCRETE_ANSWER);
  [answered, unanswered] = interview.plan.map((q) => q.id) as [string, string];
});

const refusal = (res: request.Response) => res.body.error.json as { message: string; data: ErrorData };
const upload = (body: Buffer, type: string, questionId = answered, linkToken = token) =>
  request(app)
    .post(answerAudioPath.build({ token: linkToken, questionId }))
    .attach(AUDIO_UPLOAD.field, body, { filename: "answer", contentType: type });

test("the candidate's recording is sealed into the answer and writers read it back", async () => {
  const res = await upload(WEBM, "audio/webm");
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ bytes: WEBM.length, mediaType: "audio/webm" });
  const [row] = await api.db.orm.em
    .fork()
    .execute<{ audio_bytes: number; audio_sealed: unknown }[]>(
      "select audio_bytes, audio_sealed from interview_answers where id = ?",
      [res.body.answerId],
    );
  expect(row!.audio_bytes).toBe(WEBM.length);
  expect(JSON.stringify(row!.audio_sealed)).not.toContain(WEBM.toString("base64").slice(0, 40));

  const read = await request(app)
    .get(answerAudioDownloadPath.build({ id: res.body.answerId }))
    .set("Cookie", recruiterCookie)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => done(null, Buffer.concat(chunks)));
    });
  expect(read.status).toBe(200);
  expect(read.headers["content-type"]).toMatch(/^audio\/webm/);
  expect(Buffer.from(read.body as Buffer)).toEqual(WEBM);
  const forbidden = await request(app)
    .get(answerAudioDownloadPath.build({ id: res.body.answerId }))
    .set("Cookie", viewerCookie);
  expect(forbidden.status).toBe(403);

  // A second recording replaces the first.
  expect((await upload(WAV, "audio/wav")).status).toBe(201);
  const results = await (await signedIn(api.deps, "recruiter")).caller.interviews.results({ id: interviewId });
  expect(results.answers.find((a) => a.id === res.body.answerId)!.hasAudio).toBe(true);
});

test("other types, content that is not what it says, an unanswered question and a wrong token are refused", async () => {
  const image = await upload(Buffer.from("GIF89a......"), "image/gif");
  expect([image.status, refusal(image).data.fieldErrors?.[0]?.path]).toEqual([400, "audio"]);
  const fake = await upload(Buffer.from("not a webm recording at all"), "audio/webm");
  expect([fake.status, refusal(fake).data.reason]).toEqual([400, "invalid_input"]);
  const early = await upload(WEBM, "audio/webm", unanswered);
  expect([early.status, refusal(early).data.details]).toEqual([412, { state: "not_answered" }]);
  const wrong = await upload(WEBM, "audio/webm", answered, "B".repeat(43));
  expect(wrong.status).toBe(404);
  const malformed = await upload(WEBM, "audio/webm", answered, "short");
  expect(malformed.status).toBe(400);
});
