/**
 * The benchmark suite behind {@code bench}: the raw engine ceiling, decode + preprocess + engine
 * without Kafka, the pipeline end to end on the in-JVM broker (several batch settings, exactly-once
 * and at-least-once, durable and non-durable buffer), a naive baseline topology, latency at a fixed
 * offered load, and backfill, all in one JVM with the same images and thread settings; written as
 * {@code bench.json}, {@code bench.md} and {@code bench.png}. Reports, not tests: nothing here
 * asserts a timing.
 */
package googlenet.streams.tools.bench;
