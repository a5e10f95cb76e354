package googlenet.streams.backfill;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes before a run starts, in an order that survives a crash at any point: for a new
 * definition, reset the group when starting over, store the definition, then commit the start
 * offsets; for a stored one, commit the start offset of any partition that has none yet. Then
 * create the dead-letter topic when missing.
 */
final class Preparation {
  private static final Logger LOG = LoggerFactory.getLogger(Preparation.class);

  private final Admin admin;
  private final DefinitionStore store;
  private final GroupOffsets group;

  Preparation(Admin admin, DefinitionStore store, GroupOffsets group) {
    this.admin = admin;
    this.store = store;
    this.group = group;
  }

  void prepare(BackfillRequest request, Planner.Plan plan) throws BackfillException {
    BackfillDefinition def = plan.definition();
    if (plan.fresh()) {
      group.requireNoMembers();
      if (request.restart()) {
        LOG.info("backfill {}: starting over, resetting group {}", def.name(), group.group());
        group.reset();
      }
      store.write(def);
      group.set(def.input(), def.partitions());
      LOG.info(
          "backfill {} defined: {}, {} offsets in {} partitions, stored in {}",
          def.name(),
          def.describe(),
          def.total(),
          def.partitions().size(),
          store.topic());
    } else {
      Map<Integer, Long> committed = group.committed(def.input());
      List<PartitionRange> missing =
          def.partitions().stream().filter(r -> !committed.containsKey(r.partition())).toList();
      if (!missing.isEmpty()) {
        group.requireNoMembers();
        group.set(def.input(), missing);
      }
      LOG.info(
          "backfill {} resumed: {}, committed offsets {}", def.name(), def.describe(), committed);
    }
    if (!Topics.exists(admin, def.dlq())) {
      Topics.createLike(admin, def.dlq(), Topics.require(admin, def.output(), "--output"));
      LOG.info("backfill {}: created dead-letter topic {}", def.name(), def.dlq());
    }
  }
}
