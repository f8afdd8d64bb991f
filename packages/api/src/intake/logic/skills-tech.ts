/**
 * The skills list, technical half (browser-safe data). One skill a line: `Name|alias, alias`. A name starting
 * with `~` matches only with its exact case (short names that are ordinary words: "Go", "R", "C").
 */
export const TECH_SKILLS: Record<string, string> = {
  software: `
JavaScript|js, ecmascript, es6
TypeScript|ts
Python|py, python3
Java|jvm
Kotlin
Scala
~Go|golang
Rust
~C|c language, ansi c
C++|cpp, c plus plus
C#|c sharp, csharp
.NET|dotnet, dot net, asp.net
Ruby
Ruby on Rails|rails, ror
PHP
Laravel
Symfony
~Swift
Objective-C|objc
Elixir
Erlang
Haskell
Clojure
~R|r language, rstats
MATLAB
Perl
Bash|shell scripting
PowerShell
Node.js|node, nodejs, node js
~Express|express.js, expressjs
NestJS|nest.js
Deno
~React|react.js, reactjs
React Native
Next.js|nextjs
Vue.js|vue, vuejs
Nuxt|nuxt.js
Angular|angularjs
Svelte|sveltekit
HTML|html5
CSS|css3
Sass|scss
Tailwind CSS|tailwind
Redux
GraphQL|gql
REST APIs|rest, restful, rest api
gRPC|grpc
tRPC
WebSockets|websocket
Django
Flask
FastAPI
Spring Boot|spring framework
Hibernate
Microservices|microservice architecture
Distributed systems
System design
Domain-driven design|ddd
Test-driven development|tdd
Unit testing|unit tests
Jest
Vitest
Playwright
Cypress
Selenium
JUnit
pytest
Git|github, gitlab, version control
Agile|scrum, kanban
Code review|code reviews
Android|android development
iOS|ios development
Flutter|dart
~Unity|unity3d
Unreal Engine|unreal
Embedded systems|embedded, firmware
Linux|unix
Networking|tcp/ip, network engineering
Application security|appsec, infosec, cybersecurity
OAuth|oauth2, openid connect, oidc
Penetration testing|pentesting, pen testing
Accessibility|a11y, wcag
Performance optimization|performance tuning
`,
  data: `
SQL
PostgreSQL|postgres, psql, pg, postgre
MySQL|mariadb
SQLite
Oracle Database|oracle db, pl/sql
Microsoft SQL Server|sql server, mssql, t-sql
MongoDB|mongo
Redis
Elasticsearch|elastic, opensearch
Cassandra
DynamoDB
Snowflake
BigQuery|google bigquery
Redshift|amazon redshift
Databricks
Apache Spark|spark, pyspark
Apache Kafka|kafka
Apache Airflow|airflow
dbt|data build tool
Hadoop|hdfs
ETL|elt, data pipelines, data pipeline
Data modeling|data modelling
Data warehousing|data warehouse
pandas
NumPy
scikit-learn|sklearn
TensorFlow
PyTorch|torch
Machine learning|ml
Deep learning
Natural language processing|nlp
Computer vision
Large language models|llm, llms, genai, generative ai
MLOps
Statistics|statistical analysis
A/B testing|ab testing, experimentation
Tableau
Power BI|powerbi
Looker
Data visualization|data visualisation, dataviz
Jupyter|jupyter notebooks
`,
  cloud: `
Amazon Web Services|aws, amazon aws
Microsoft Azure|azure
Google Cloud Platform|gcp, google cloud
Kubernetes|k8s, kube
Docker|containerization
Terraform|hcl
Ansible
~Helm
CI/CD|ci, cd, continuous integration, continuous delivery, continuous deployment
GitHub Actions
Jenkins
GitLab CI
Prometheus
Grafana
Observability
Site reliability engineering|sre
Infrastructure as code|iac
Serverless|aws lambda, lambda
Nginx
`,
  design: `
Figma
~Sketch
Adobe Photoshop|photoshop
Adobe Illustrator|illustrator
Adobe InDesign|indesign
UX design|ux, user experience
UI design|ui, user interface design
User research|usability testing
Prototyping|wireframing, wireframes
Design systems|design system
Product management|product manager, product ownership
Roadmapping|product roadmap
Stakeholder management|stakeholders
Project management|project manager, pmp
Jira
Confluence
`,
};
