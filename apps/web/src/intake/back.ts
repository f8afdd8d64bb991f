export const BACK_TO_INTAKES = { to: "/intake", label: "All intakes" };
