/**
 * The skills list, non-technical half (browser-safe data): clinical, sales, finance, marketing, logistics,
 * hospitality, education, trades, people, legal, languages, ways of working. Same format as skills-tech.ts.
 */
export const GENERAL_SKILLS: Record<string, string> = {
  clinical: `
Intensive care|icu, intensive care unit, critical care, icu nursing, critical care nursing
Basic Life Support|bls, cpr
Advanced Cardiac Life Support|acls
Pediatric Advanced Life Support|pals
Ventilator management|mechanical ventilation, ventilators, ventilator
Medication administration|administering medication, med administration, medications
Patient assessment|patient assessments, clinical assessment
Vital signs monitoring|vital signs, vitals, patient monitoring
Hemodynamic monitoring|haemodynamic monitoring, arterial lines
IV therapy|intravenous therapy, iv insertion, cannulation, iv
Wound care|wound management, dressings
Infection control|infection prevention
Triage
Electronic health records|ehr, emr, epic ehr, cerner
Care planning|care plans
Patient education
Phlebotomy|venipuncture
Telemetry|ecg monitoring, ecg, ekg
Sepsis management|sepsis
Emergency nursing|emergency department, a&e, er nursing
Operating room nursing|theatre nursing, perioperative, or nursing
Palliative care|end-of-life care, hospice
Dementia care|dementia
Pediatric nursing|paediatric nursing, pediatrics, paediatrics
Midwifery|labour and delivery, labor and delivery
Registered nurse license|rn, registered nurse, nmc registration, nursing license
Pharmacology
Clinical documentation|charting, nursing documentation
HIPAA|patient confidentiality
First aid
Physiotherapy|physical therapy
`,
  sales: `
CRM|crm software, customer relationship management
Salesforce|sfdc
HubSpot|hubspot crm
Pipeline management|sales pipeline, pipeline
Negotiation|negotiating, negotiations
Cold calling|cold calls, outbound calling
Prospecting|lead generation, lead gen
Account management|key account management, account manager
Business development|bizdev, biz dev
Deal closing|closing deals
Solution selling|consultative selling
B2B sales|b2b
B2C sales|b2c
SaaS sales|saas
Enterprise sales
Quota attainment|quota, hitting quota
Sales forecasting|forecasting
Territory management
Contract negotiation
Presentation skills|presentations, presenting
MEDDIC|meddpicc
Upselling|cross-selling, upsell
Customer success|customer retention
Customer service|customer support, client service
Retail sales|retail
Product demos|demos, product demonstrations
`,
  finance: `
Accounting|bookkeeping
Financial modeling|financial modelling
Financial analysis
Budgeting|budgets, budget management
Forecasting and planning|fp&a, financial planning
IFRS
US GAAP|gaap
Audit|auditing, internal audit
Tax|taxation, tax compliance
Accounts payable|ap
Accounts receivable|ar
Payroll
Reconciliation|reconciliations, bank reconciliation
Excel|microsoft excel, spreadsheets, ms excel
SAP|sap erp, sap fico
QuickBooks
Xero
Risk management|risk assessment
Compliance|regulatory compliance
Anti-money laundering|aml, kyc
Valuation|dcf
CPA|certified public accountant
ACCA
CFA
Treasury|cash management
`,
  marketing: `
SEO|search engine optimization, search engine optimisation
SEM|ppc, paid search
Google Ads|adwords
Google Analytics|ga4
Content marketing|content strategy
Copywriting|copy writing
Social media marketing|social media
Email marketing|email campaigns, mailchimp
Marketing automation|marketo, pardot
Brand management|branding
Public relations|pr, media relations
Market research
Product marketing|go-to-market, gtm
Growth marketing|growth hacking
Event management|event planning
Performance marketing|paid social
`,
  logistics: `
Supply chain management|supply chain, scm
Inventory management|inventory control, stock control
Warehouse management|warehousing, wms
Procurement|purchasing, sourcing
Logistics planning|logistics
Forklift operation|forklift, forklift license, reach truck
Fleet management
Transport planning|route planning, dispatch
Import and export|customs, freight forwarding
Lean|lean manufacturing, kaizen
Six Sigma|lean six sigma
Quality assurance|qa, quality control
Health and safety|hse, ehs, osha, occupational health and safety
Demand planning
Category management
HGV driving|hgv, cdl, class a license
`,
  hospitality: `
Food safety|haccp, food hygiene
Cooking|culinary, food preparation
Menu planning
Front desk|front office, reception
Housekeeping
Bartending|mixology, bar service
Barista|coffee making
Food and beverage service|f&b, waiting tables, table service
Cash handling|pos, point of sale
Guest relations|guest experience
Hotel management systems|opera pms, pms
Catering
`,
  education: `
Lesson planning|lesson plans
Curriculum development|curriculum design
Classroom management
Differentiated instruction|differentiation
Special educational needs|sen, special education
Student assessment|grading, marking
Early years education|early childhood education, eyfs
E-learning|elearning, online teaching, lms, moodle
Tutoring|tutor
Teaching license|qts, teaching certificate, pgce
Safeguarding|child protection
Instructional design
`,
  trades: `
Electrical installation|electrician, electrical wiring, wiring
Plumbing|plumber, pipefitting
Carpentry|joinery, carpenter
Welding|mig welding, tig welding, welder
HVAC|heating ventilation and air conditioning, air conditioning
Blueprint reading|technical drawings, reading blueprints
Machine operation|cnc, cnc machining
Maintenance|preventive maintenance, facilities maintenance
Construction|building construction
Masonry|bricklaying
Painting and decorating|decorating
Power tools
AutoCAD|cad
Electrical safety|18th edition, nec
`,
  people: `
Recruitment|recruiting, talent acquisition, sourcing candidates
Onboarding
Employee relations
Performance management
Compensation and benefits|comp and ben, rewards
HRIS|workday, bamboohr
Employment law|labour law, labor law
Learning and development|l&d, training delivery
Coaching|mentoring
People management|line management, team management, managing teams
`,
  legal: `
Contract drafting|drafting contracts
Legal research
Litigation
Corporate law|m&a
GDPR|data protection
Intellectual property|ip law, patents
`,
  languages: `
English|english language
Spanish|español
French|français
German|deutsch
Italian
Portuguese
Dutch
Polish
Arabic
Mandarin|chinese, mandarin chinese
Japanese
Korean
Russian
Hindi
Turkish
Swedish
Sign language|bsl, asl
`,
  general: `
Communication|communication skills, written communication, verbal communication
Leadership|team leadership
Teamwork|team player, collaboration
Problem solving|problem-solving
Time management|prioritization, prioritisation
Attention to detail|detail-oriented
Critical thinking
Customer focus|customer-focused
Microsoft Office|ms office, office 365, microsoft 365
Data entry
Driving license|driving licence, driver's license, drivers license
`,
};
