// Command-line parsing shared by producer.mjs and consumer.mjs: --name value pairs only.
export function parseArgs(argv, spec) {
  const out = {};
  for (const [name, { default: value }] of Object.entries(spec)) {
    if (value !== undefined) out[name] = value;
  }
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const name = flag.startsWith('--') ? flag.slice(2) : null;
    if (!name || !(name in spec) || i + 1 >= argv.length) {
      usage(spec, `unknown or incomplete option ${flag}`);
    }
    out[name] = argv[i + 1];
  }
  for (const [name, { required }] of Object.entries(spec)) {
    if (required && out[name] === undefined) usage(spec, `--${name} is required`);
  }
  return out;
}

function usage(spec, problem) {
  const lines = Object.entries(spec).map(
    ([name, { help, required }]) => `  --${name} ${required ? '(required) ' : ''}${help}`);
  process.stderr.write(`${problem}\noptions:\n${lines.join('\n')}\n`);
  process.exit(2);
}

// Apicurio Registry 3.3.3 now and then logs a 404 for the client's first lookup
// (GET /associations/resources/...) and never writes the response: seen with `ss` as 406 bytes
// received and none sent on an idle server, about once in 200 fresh processes. axios waits
// forever by default, so every request gets a timeout, and registry calls go through
// retryLostResponses (the client's own axios-retry gives up on a timeout: its remaining
// time budget is spent).
const REQUEST_TIMEOUT_MS = 5000;
const ATTEMPTS = 3;

// Runs the registry call `call` again when its response did not come within the timeout.
export async function retryLostResponses(call) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (e?.code !== 'ECONNABORTED' || attempt >= ATTEMPTS) throw e;
      process.stderr.write(`registry: no response within ${REQUEST_TIMEOUT_MS} ms, asking again\n`);
    }
  }
}

// The registry client configuration: base URL(s), comma-separated, optional basic auth, and a
// request timeout.
export function registryConfig(args) {
  const config = {
    baseURLs: args.registry.split(',').map((u) => u.trim()),
    createAxiosDefaults: { timeout: REQUEST_TIMEOUT_MS },
  };
  if (args['user-info']) {
    config.basicAuthCredentials = { credentialsSource: 'USER_INFO', userInfo: args['user-info'] };
  }
  return config;
}

// JSON that shows Buffers as base64 and BigInts as strings.
export function toJson(value) {
  return JSON.stringify(value, (key, v) => {
    if (v && v.type === 'Buffer' && Array.isArray(v.data)) return Buffer.from(v.data).toString('base64');
    if (typeof v === 'bigint') return v.toString();
    return v;
  });
}
