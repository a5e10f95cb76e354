package googlenet.streams.service;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * What a restart after a hard kill looked like from outside, in milliseconds from the start of the
 * new process: when it had loaded the model and looked for open transactions to fence (its log),
 * when its streams instance was RUNNING, when each partition the dead run's open transaction
 * blocked became readable past it, when the first new read_committed result arrived. -1 where it
 * did not happen within the watch.
 */
final class RestartTimes {
  long modelLoaded = -1;
  long fencingDone = -1;
  long running = -1;
  long firstNewResult = -1;
  final Set<TopicPartition> blocked;
  final Map<TopicPartition, Long> unblocked = new TreeMap<>(RestartTimes::compare);

  /** The blocked partitions whose last stable offset was still below the dead run's data. */
  final Map<TopicPartition, Long> blockedWhenRunning = new TreeMap<>(RestartTimes::compare);

  RestartTimes(Set<TopicPartition> blocked) {
    this.blocked = new TreeSet<>(RestartTimes::compare);
    this.blocked.addAll(blocked);
  }

  String describe(String scenario, String model) {
    String partitions =
        blocked.stream()
            .map(tp -> tp + " " + seconds(unblocked.getOrDefault(tp, -1L)))
            .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "FIGURE %s (model %s): restart -> model loaded %s; -> fencing done %s; -> RUNNING %s;"
            + " -> first new read_committed result %s;"
            + " -> partitions blocked by the killed run's open transaction readable: %s;"
            + " still hidden when RUNNING: %s",
        scenario,
        model,
        seconds(modelLoaded),
        seconds(fencingDone),
        seconds(running),
        seconds(firstNewResult),
        partitions.isEmpty() ? "none blocked" : partitions,
        blockedWhenRunning.isEmpty() ? "none" : blockedWhenRunning.keySet());
  }

  private static String seconds(long ms) {
    return ms < 0 ? "not within the watch" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }
}
