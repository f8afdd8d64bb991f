import { createFormat } from "@shortlist/api/schemas";

/** Counts, plurals and dates in the browser's locale (the same formatters the PDF reports use, in theirs). */
export const { count, plural, date: formatDate, dateTime: formatDateTime } = createFormat();

export { fixed, ordinal, percent, RECOMMENDATION_LABEL, signed } from "@shortlist/api/schemas";
