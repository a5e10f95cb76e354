/**
 * The benchmarks behind {@code bench}: the raw engine ceiling, the classifier without Kafka, the
 * pipeline end to end on the in-JVM broker (several batch settings, exactly-once and at-least-once,
 * durable and non-durable buffer), a naive topology and a plain consumer loop as baselines, latency
 * at a fixed offered load, and backfill, all in one JVM with the same images and thread settings;
 * each figure's CPU ms per image is split into inference, decode + preprocess, Kafka + exactly-once
 * and the in-JVM broker. Written as {@code bench.json}, {@code bench.md}, {@code bench.png} and
 * {@code bench-cpu.png}. Also the raw engine alone ({@code bench inference}, {@link EngineReport})
 * and the JPEG decoders ({@code bench preprocess}, {@link DecoderBenchmark}). Reports, not tests:
 * nothing here asserts a timing.
 */
package googlenet.streams.tools.bench;
