// Writes ImageRecords in the Confluent wire format with Confluent's JavaScript serializer
// (@confluentinc/schemaregistry): registers --schema under <topic>-value, then serializes
// --count records with it. With --bootstrap-servers it sends them to the topic (kafkajs);
// without, it only serializes. One JSON line per record on stdout:
//   {"id":"js-0","schemaId":1,"valueBase64":"AAAAAAE...","partition":0,"offset":"12"}
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { AvroSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { parseArgs, registryConfig, retryLostResponses, toJson } from './args.mjs';

const args = parseArgs(process.argv.slice(2), {
  registry: { required: true, help: 'schema registry URL(s), comma-separated' },
  topic: { required: true, help: 'topic; the schema goes under <topic>-value' },
  schema: { required: true, help: 'ImageRecord schema file (.avsc) to write with' },
  count: { default: '1', help: 'number of records' },
  image: { help: 'file whose bytes fill the image field (default: 3 bytes)' },
  'id-prefix': { default: 'js-', help: 'image ids are <prefix><n>' },
  'bootstrap-servers': { help: 'Kafka brokers; without it records are only serialized' },
  'user-info': { help: 'user:password for the registry' },
});

const schemaText = readFileSync(args.schema, 'utf8');
const fields = new Set(JSON.parse(schemaText).fields.map((f) => f.name));
const image = args.image ? readFileSync(args.image) : Buffer.from([1, 2, 3]);
const client = new SchemaRegistryClient(registryConfig(args));
const schemaId = await retryLostResponses(() =>
  client.register(`${args.topic}-value`, { schemaType: 'AVRO', schema: schemaText }));
const serializer = new AvroSerializer(client, SerdeType.VALUE, {
  useLatestVersion: true,
  autoRegisterSchemas: false,
});

function record(n) {
  const r = { id: `${args['id-prefix']}${n}`, image, attributes: { writer: 'confluent-js', n: String(n) } };
  if (fields.has('contentType')) r.contentType = 'image/jpeg';
  if (fields.has('source')) r.source = 'js-producer';
  if (fields.has('capturedAt')) r.capturedAt = 1700000000000 + n;
  if (fields.has('lens')) r.lens = 'wide';
  return r;
}

const count = Number(args.count);
const records = [];
for (let n = 0; n < count; n++) {
  const r = record(n);
  records.push({ id: r.id, value: await retryLostResponses(() => serializer.serialize(args.topic, r)) });
}

let sent = [];
if (args['bootstrap-servers']) {
  const kafka = new Kafka({
    clientId: 'gns-registry-interop-producer',
    brokers: args['bootstrap-servers'].split(','),
    logLevel: logLevel.ERROR,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (const r of records) {
    const [meta] = await producer.send({ topic: args.topic, acks: -1, messages: [{ key: r.id, value: r.value }] });
    sent.push({ partition: meta.partition, offset: meta.baseOffset });
  }
  await producer.disconnect();
}

records.forEach((r, i) => {
  process.stdout.write(toJson({ id: r.id, schemaId, valueBase64: r.value.toString('base64'), ...sent[i] }) + '\n');
});
