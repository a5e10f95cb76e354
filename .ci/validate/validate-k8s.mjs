// Schema check of Kubernetes manifests: every document of every file given is parsed and
// validated against the JSON schema of its apiVersion/kind (kubernetes-models, generated from the
// Kubernetes OpenAPI spec; KEDA's CRDs for ScaledObject). A kind with no schema here fails.
// Also checks that selectors select the pod template's labels. Limit: the schemas do not forbid
// unknown fields, so a misspelt optional field passes; types, required fields and enums are checked.
// Usage: node validate-k8s.mjs FILE...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const MODULES = {
  "keda.sh/v1alpha1": "@kubernetes-models/keda/keda.sh/v1alpha1",
};

async function modelFor(apiVersion, kind) {
  const module = MODULES[apiVersion] ?? `kubernetes-models/${apiVersion}`;
  let exports;
  try {
    exports = await import(module);
  } catch (e) {
    throw new Error(`no schema for apiVersion ${apiVersion} (${e.code ?? e.message})`);
  }
  if (!exports[kind]) throw new Error(`no schema for kind ${kind} in ${apiVersion}`);
  return exports[kind];
}

function selects(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

function checkSelectors(doc, podLabels) {
  const problems = [];
  const template = doc.spec?.template?.metadata?.labels;
  if (doc.kind === "Deployment" && !selects(doc.spec?.selector?.matchLabels, template)) {
    problems.push("spec.selector.matchLabels does not select spec.template.metadata.labels");
  }
  const selector = doc.kind === "Service" ? doc.spec?.selector : doc.kind === "PodDisruptionBudget"
    ? doc.spec?.selector?.matchLabels : undefined;
  if (selector && !podLabels.some((labels) => selects(selector, labels))) {
    problems.push("the selector matches no pod template of these manifests");
  }
  return problems;
}

const docs = [];
let failures = 0;
for (const file of process.argv.slice(2)) {
  for (const [i, parsed] of parseAllDocuments(readFileSync(file, "utf8")).entries()) {
    const where = `${file} document ${i + 1}`;
    if (parsed.errors.length) {
      console.error(`FAIL ${where}: ${parsed.errors.map((e) => e.message).join("; ")}`);
      failures++;
      continue;
    }
    const doc = parsed.toJS();
    if (doc) docs.push({ where, doc });
  }
}
const podLabels = docs.map(({ doc }) => doc.spec?.template?.metadata?.labels).filter(Boolean);
for (const { where, doc } of docs) {
  const name = `${where} (${doc.apiVersion} ${doc.kind} ${doc.metadata?.name})`;
  try {
    const Model = await modelFor(doc.apiVersion, doc.kind);
    new Model(doc).validate();
    const problems = checkSelectors(doc, podLabels);
    if (problems.length) throw new Error(problems.join("; "));
    console.log(`ok   ${name}`);
  } catch (e) {
    console.error(`FAIL ${name}: ${e.message}`);
    failures++;
  }
}
console.log(`${docs.length - failures} valid, ${failures} invalid`);
process.exit(failures || docs.length === 0 ? 1 : 0);
