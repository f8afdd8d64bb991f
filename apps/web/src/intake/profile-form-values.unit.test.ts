import { emptyProfile, vacancyProfile } from "@shortlist/api/schemas";
import { describe, expect, test } from "vitest";
import { salaryText } from "./labels";
import {
  formValuesOf,
  inputOf,
  profileOf,
  serverProfileErrors,
  validateProfileForm,
  type ProfileFormValues,
} from "./profile-form-values";

const filled = vacancyProfile.parse({
  title: "ICU nurse",
  company: "St Mary's Hospital",
  seniority: "senior",
  mustHave: [{ skill: "BLS", weight: 5 }],
  responsibilities: ["Monitor vital signs", "Administer medication"],
  location: "Rotterdam",
  remotePolicy: "onsite",
  salary: { min: 4000, max: 5000, currency: "EUR", period: "month" },
  interviewStages: ["Phone screen", "Panel interview"],
  deadline: "2027-03-31",
});

/** A field not given is null or absent alike. */
const given = (profile: object) => JSON.parse(JSON.stringify(profile, (_key, value: unknown) => value ?? undefined));

describe("the profile form", () => {
  test("a profile comes back unchanged through the form's values", () => {
    expect(given(vacancyProfile.parse(profileOf(formValuesOf(filled))))).toEqual(given(filled));
    expect(given(vacancyProfile.parse(profileOf(formValuesOf(emptyProfile()))))).toEqual(given(emptyProfile()));
  });

  test("empty inputs are 'not given'; responsibilities are one a line; the currency is upper-cased", () => {
    const values: ProfileFormValues = {
      ...formValuesOf(emptyProfile()),
      title: "  ",
      responsibilities: "Triage\n\n  Night shifts  \n",
      salaryMin: "",
      salaryMax: 5000,
      currency: "eur",
      interviewStages: ["Phone screen", " "],
    };
    const profile = profileOf(values);
    expect(profile.title).toBeNull();
    expect(profile.responsibilities).toEqual(["Triage", "Night shifts"]);
    expect(profile.salary).toEqual({ min: null, max: 5000, currency: "EUR", period: "year" });
    expect(profile.interviewStages).toEqual(["Phone screen"]);
    expect(profileOf({ ...values, salaryMax: "", currency: "" }).salary).toBeNull();
  });

  test("errors land on the input they belong to", () => {
    expect(inputOf("salary.max")).toBe("salaryMax");
    expect(inputOf("salary.currency")).toBe("currency");
    expect(inputOf("salary")).toBe("salaryMax");
    expect(inputOf("mustHave.2.skill")).toBe("mustHave.2.skill");
    expect(inputOf("mustHave")).toBe("mustHave");
    expect(inputOf("responsibilities.3")).toBe("responsibilities");
    expect(inputOf("deadline")).toBe("deadline");
    expect(
      serverProfileErrors([
        { path: "profile.salary.max", message: "too low" },
        { path: "profile.deadline", message: "not a date" },
        { path: "version", message: "ignored" },
      ]),
    ).toEqual({ salaryMax: "too low", deadline: "not a date" });
  });

  test("the form checks what the server checks", () => {
    const values = formValuesOf(filled);
    expect(validateProfileForm(values)).toEqual({});
    const errors = validateProfileForm({
      ...values,
      currency: "euro",
      salaryMin: 6000,
      deadline: "31 March",
      mustHave: [{ skill: " ", weight: 3 }],
    });
    expect(Object.keys(errors).sort()).toEqual(["currency", "deadline", "mustHave.0.skill", "salaryMax"]);
  });

  test("a salary reads as a range with its currency and period", () => {
    expect(salaryText(filled.salary)).toBe("4,000–5,000 EUR per month");
    expect(salaryText({ min: 45.5, max: null, currency: "USD", period: "hour" })).toBe("from 45.5 USD per hour");
    expect(salaryText({ min: null, max: null, currency: "EUR", period: "year" })).toBeNull();
  });
});
