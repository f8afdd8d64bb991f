import type { Command } from "commander";
import type { CreateCandidateInput } from "../../index";
import { explainError, writeLine } from "../output";
import { connect } from "./shared";

interface AddOptions {
  name: string;
  email: string;
  role?: string;
  company?: string;
  job?: string;
  domain?: string[];
  tag?: string[];
  notes?: string;
  resumeUrl?: string;
  consent?: boolean;
}

export function registerAdd(candidates: Command) {
  candidates
    .command("add")
    .description("add one person, filed under a job when one is named; prints the new candidate's id")
    .requiredOption("--name <name>", "full name")
    .requiredOption("--email <email>", "email address (one person per email)")
    .option("--role <role>", "job title applied for, with --company: files them under that job (made when missing)")
    .option("--company <company>", "company applied at, with --role")
    .option("--job <id>", "files them under this job (instead of --role and --company)")
    .option("--domain <domain...>", "assessment domain (repeat the flag, or list several)")
    .option("--tag <tag...>", "tag (repeat the flag, or list several)")
    .option("--notes <text>", "recruiter notes")
    .option("--resume-url <url>", "http(s) link to the résumé")
    .option("--consent", "the candidate has given consent (stamped with the current time)")
    .action((options: AddOptions) => addCandidate(options));
}

async function addCandidate(options: AddOptions) {
  const { client, url } = connect();
  const input: CreateCandidateInput = {
    name: options.name,
    email: options.email,
    role: options.role,
    company: options.company,
    jobId: options.job,
    assessmentDomains: options.domain ?? [],
    tags: options.tag ?? [],
    recruiterNotes: options.notes,
    resumeUrl: options.resumeUrl,
    consentGiven: options.consent ?? false,
  };
  try {
    const candidate = await client.candidates.create.mutate(input);
    await writeLine(process.stdout, candidate.id);
  } catch (error) {
    throw explainError(error, url);
  }
}
