package googlenet.streams.service;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * A transaction the broker holds open: its records stay hidden from read_committed readers, and
 * hide every later record of the partitions it wrote to, until it commits or aborts.
 *
 * @param transactionalId the producer's transactional id
 * @param producerId the producer id the coordinator gave it
 * @param producerEpoch the producer epoch of the transaction
 * @param startTimeMs when it began, broker time; -1 when unknown
 * @param partitions the partitions it wrote to
 */
record OpenTransaction(
    String transactionalId,
    long producerId,
    int producerEpoch,
    long startTimeMs,
    Set<TopicPartition> partitions) {}
