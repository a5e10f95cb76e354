// Reads values in the Confluent wire format with Confluent's JavaScript deserializer
// (@confluentinc/schemaregistry), which fetches each writer schema from the registry by id.
// With --bootstrap-servers it consumes --count records of --topic from the beginning
// (read_committed, kafkajs); without, it reads JSON lines {"valueBase64": "..."} from stdin.
// One JSON line per record on stdout:
//   {"topic":"classifications","partition":0,"offset":"3","key":"img-1","value":{...}}
// Exit status 0 when --count records were read, 1 on timeout or error.
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import { AvroDeserializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { parseArgs, registryConfig, retryLostResponses, toJson } from './args.mjs';

const args = parseArgs(process.argv.slice(2), {
  registry: { required: true, help: 'schema registry URL(s), comma-separated' },
  topic: { required: true, help: 'topic to read' },
  count: { default: '1', help: 'records to read before exiting' },
  'timeout-ms': { default: '60000', help: 'give up after this long' },
  'bootstrap-servers': { help: 'Kafka brokers; without it values come from stdin' },
  'user-info': { help: 'user:password for the registry' },
});

const count = Number(args.count);
const deserializer = new AvroDeserializer(new SchemaRegistryClient(registryConfig(args)), SerdeType.VALUE, {});
const timer = setTimeout(() => {
  process.stderr.write(`consumer: fewer than ${count} records within ${args['timeout-ms']} ms\n`);
  process.exit(1);
}, Number(args['timeout-ms']));

async function print(topic, partition, offset, key, buffer) {
  const value = await retryLostResponses(() => deserializer.deserialize(topic, buffer));
  process.stdout.write(toJson({ topic, partition, offset, key, value }) + '\n');
}

async function fromStdin() {
  let n = 0;
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === '' || n >= count) continue;
    await print(args.topic, null, null, null, Buffer.from(JSON.parse(line).valueBase64, 'base64'));
    n++;
  }
  return n;
}

async function fromKafka() {
  const kafka = new Kafka({
    clientId: 'gns-registry-interop-consumer',
    brokers: args['bootstrap-servers'].split(','),
    logLevel: logLevel.ERROR,
  });
  const consumer = kafka.consumer({ groupId: `gns-registry-interop-${process.pid}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: args.topic, fromBeginning: true });
  let n = 0;
  await new Promise((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          if (n >= count) return;
          await print(topic, partition, message.offset, message.key?.toString() ?? null, message.value);
          if (++n >= count) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return n;
}

try {
  const n = args['bootstrap-servers'] ? await fromKafka() : await fromStdin();
  clearTimeout(timer);
  if (n < count) {
    process.stderr.write(`consumer: read ${n} of ${count} records\n`);
    process.exit(1);
  }
} catch (e) {
  process.stderr.write(`consumer: ${e.stack ?? e}\n`);
  process.exit(1);
}
