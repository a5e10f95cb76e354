package googlenet.streams.backfill;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Decides what a run does, writing nothing: continue a stored definition of the same name, or
 * define a new one from the current offsets. Every refusal is a {@link BackfillException} with a
 * message for the user.
 */
final class Planner {
  private final Admin admin;
  private final DefinitionStore store;
  private final GroupOffsets group;
  private final Clock clock;

  Planner(Admin admin, DefinitionStore store, GroupOffsets group, Clock clock) {
    this.admin = admin;
    this.store = store;
    this.group = group;
    this.clock = clock;
  }

  /**
   * What to run for {@code request}.
   *
   * @param definition the backfill's topics and offsets
   * @param fresh true when the definition is new: it must be stored and the group's offsets set
   * @param input the input topic
   */
  record Plan(BackfillDefinition definition, boolean fresh, TopicDescription input) {}

  Plan plan(BackfillRequest request) throws BackfillException {
    TopicDescription input = Topics.require(admin, request.inputTopic(), "--input");
    Topics.require(admin, request.outputTopic(), "--output");
    Optional<BackfillDefinition> stored = store.read(request.name());
    if (stored.isPresent() && !request.restart()) {
      if (!stored.get().sameAs(request)) {
        throw new BackfillException(
            "backfill '"
                + request.name()
                + "' was defined with "
                + stored.get().describe()
                + "; run it again with the same values to resume it, add --restart to start it"
                + " over with the new ones, or choose another --name");
      }
      return new Plan(stored.get(), false, input);
    }
    if (stored.isEmpty()
        && !request.restart()
        && !group.committed(request.inputTopic()).isEmpty()) {
      throw new BackfillException(
          "consumer group "
              + group.group()
              + " already has committed offsets but no backfill"
              + " definition is stored in "
              + store.topic()
              + "; add --restart to start over, or"
              + " choose another --name");
    }
    return new Plan(define(request, input), true, input);
  }

  private BackfillDefinition define(BackfillRequest request, TopicDescription input)
      throws BackfillException {
    Instant now = clock.instant();
    if (request.from().instant().filter(now::isBefore).isPresent()) {
      throw new BackfillException(
          "--from "
              + request.from()
              + " is in the future (now is "
              + now
              + "): the range is"
              + " empty; give a start in the past");
    }
    List<PartitionRange> ranges =
        new RangeResolver(admin).resolve(input, request.from(), request.to());
    BackfillDefinition definition =
        new BackfillDefinition(
            BackfillDefinition.VERSION,
            request.name(),
            request.inputTopic(),
            request.outputTopic(),
            request.dlqTopic(),
            request.from().spec(),
            request.to().spec(),
            ranges,
            now.toString());
    if (definition.total() == 0) {
      throw new BackfillException(
          "topic "
              + request.inputTopic()
              + " has no records between --from "
              + request.from()
              + " and --to "
              + request.to()
              + "; nothing to backfill, check the range");
    }
    return definition;
  }
}
