/**
 * Common professions and the skills they usually ask for (browser-safe): offered as quick replies while the
 * intake asks for must-haves and nice-to-haves. A profession is recognised by any of its keywords in the title.
 */
export interface Profession {
  role: string;
  keywords: string[];
  mustHave: string[];
  niceToHave: string[];
  responsibilities: string[];
}

export const PROFESSIONS: readonly Profession[] = [
  {
    role: "ICU nurse",
    keywords: ["icu", "intensive care", "critical care"],
    mustHave: ["Intensive care", "Registered nurse license", "Advanced Cardiac Life Support", "Ventilator management"],
    niceToHave: ["Hemodynamic monitoring", "Sepsis management", "Electronic health records"],
    responsibilities: ["Care for critically ill patients", "Manage ventilated patients", "Administer medication"],
  },
  {
    role: "Nurse",
    keywords: ["nurse", "nursing", "midwife"],
    mustHave: ["Registered nurse license", "Basic Life Support", "Medication administration", "Patient assessment"],
    niceToHave: ["IV therapy", "Wound care", "Electronic health records"],
    responsibilities: ["Assess and monitor patients", "Administer medication", "Keep care records"],
  },
  {
    role: "Account executive",
    keywords: ["account executive", "sales", "business development", "account manager", "sdr", "bdr"],
    mustHave: ["B2B sales", "Pipeline management", "Negotiation", "CRM"],
    niceToHave: ["Salesforce", "Cold calling", "MEDDIC", "SaaS sales"],
    responsibilities: ["Own a sales pipeline", "Run demos and close deals", "Hit a quarterly quota"],
  },
  {
    role: "Backend engineer",
    keywords: ["backend", "back-end", "back end", "server", "platform engineer"],
    mustHave: ["Python", "PostgreSQL", "REST APIs", "Docker"],
    niceToHave: ["Kubernetes", "Apache Kafka", "Amazon Web Services", "Go"],
    responsibilities: ["Design and build APIs", "Own services in production", "Review code"],
  },
  {
    role: "Frontend engineer",
    keywords: ["frontend", "front-end", "front end", "ui engineer", "web developer"],
    mustHave: ["TypeScript", "React", "HTML", "CSS"],
    niceToHave: ["Next.js", "Accessibility", "Playwright"],
    responsibilities: ["Build user interfaces", "Work with designers", "Keep the web app fast and accessible"],
  },
  {
    role: "Full-stack engineer",
    keywords: ["full stack", "full-stack", "fullstack", "software engineer", "software developer", "developer"],
    mustHave: ["TypeScript", "Node.js", "React", "SQL"],
    niceToHave: ["Docker", "Amazon Web Services", "GraphQL"],
    responsibilities: ["Build features end to end", "Review code", "Own services in production"],
  },
  {
    role: "DevOps engineer",
    keywords: ["devops", "sre", "site reliability", "infrastructure", "cloud engineer"],
    mustHave: ["Kubernetes", "Terraform", "CI/CD", "Linux"],
    niceToHave: ["Amazon Web Services", "Prometheus", "Helm"],
    responsibilities: ["Run the infrastructure", "Automate deployments", "Be on call for production"],
  },
  {
    role: "Data engineer",
    keywords: ["data engineer", "analytics engineer"],
    mustHave: ["SQL", "Python", "ETL", "Apache Airflow"],
    niceToHave: ["dbt", "Apache Spark", "Snowflake"],
    responsibilities: ["Build data pipelines", "Model the warehouse", "Keep data quality high"],
  },
  {
    role: "Data scientist",
    keywords: ["data scientist", "machine learning", "ml engineer", "data analyst"],
    mustHave: ["Python", "SQL", "Statistics", "Machine learning"],
    niceToHave: ["PyTorch", "A/B testing", "Tableau"],
    responsibilities: ["Build models", "Run experiments", "Present findings"],
  },
  {
    role: "Accountant",
    keywords: ["accountant", "finance", "controller", "bookkeeper", "financial analyst"],
    mustHave: ["Accounting", "Excel", "Reconciliation", "IFRS"],
    niceToHave: ["SAP", "Financial modeling", "ACCA"],
    responsibilities: ["Close the books each month", "Prepare reports", "Work with auditors"],
  },
  {
    role: "Marketing manager",
    keywords: ["marketing", "growth", "brand", "content"],
    mustHave: ["Content marketing", "SEO", "Google Analytics", "Social media marketing"],
    niceToHave: ["Marketing automation", "Copywriting", "Google Ads"],
    responsibilities: ["Plan campaigns", "Grow the audience", "Report on results"],
  },
  {
    role: "Warehouse operative",
    keywords: ["warehouse", "logistics", "supply chain", "driver", "picker"],
    mustHave: ["Warehouse management", "Forklift operation", "Health and safety"],
    niceToHave: ["Inventory management", "Lean"],
    responsibilities: ["Pick and pack orders", "Keep stock records", "Follow safety rules"],
  },
  {
    role: "Chef",
    keywords: ["chef", "cook", "kitchen", "waiter", "bartender", "barista", "hotel", "receptionist"],
    mustHave: ["Food safety", "Cooking", "Menu planning"],
    niceToHave: ["Catering", "Food and beverage service"],
    responsibilities: ["Prepare dishes", "Keep the kitchen safe and clean", "Order stock"],
  },
  {
    role: "Teacher",
    keywords: ["teacher", "tutor", "lecturer", "teaching", "educator"],
    mustHave: ["Lesson planning", "Classroom management", "Teaching license", "Safeguarding"],
    niceToHave: ["Special educational needs", "E-learning"],
    responsibilities: ["Plan and teach lessons", "Assess students", "Meet parents"],
  },
  {
    role: "Electrician",
    keywords: ["electrician", "plumber", "carpenter", "welder", "technician", "mechanic"],
    mustHave: ["Electrical installation", "Health and safety", "Blueprint reading"],
    niceToHave: ["Electrical safety", "Maintenance", "Driving license"],
    responsibilities: ["Install and repair systems", "Inspect work for safety", "Keep job records"],
  },
  {
    role: "Recruiter",
    keywords: ["recruiter", "talent", "hr ", "human resources", "people partner"],
    mustHave: ["Recruitment", "Communication", "Stakeholder management"],
    niceToHave: ["HRIS", "Employment law"],
    responsibilities: ["Source and screen candidates", "Run the hiring process", "Advise hiring managers"],
  },
];

const GENERIC: Profession = {
  role: "Other",
  keywords: [],
  mustHave: ["Communication", "Teamwork", "Problem solving"],
  niceToHave: ["Microsoft Office", "English"],
  responsibilities: [],
};

/** The first profession whose keyword the title holds (list order: the specific before the general), or a generic one. */
export function professionFor(title: string): Profession {
  const lower = ` ${title.toLowerCase()} `;
  return PROFESSIONS.find((p) => p.keywords.some((k) => lower.includes(k))) ?? GENERIC;
}
