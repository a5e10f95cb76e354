/**
 * Backfill: re-label a bounded range of a topic beside the live service, then stop.
 *
 * <p>Flow of one run ({@link googlenet.streams.backfill.Backfill#run}):
 *
 * <ol>
 *   <li>Plan, writing nothing: the input and output topics must exist; a definition stored under
 *       the name is resumed when the request names the same topics and range, refused when it does
 *       not (unless {@code --restart}); otherwise the range is resolved to per-partition offsets
 *       once ({@code forTimestamp}, {@code earliest}, last stable offset for {@code now}) and
 *       refused when empty or in the future.
 *   <li>Prepare: for a new definition, reset the group and its internal topics on {@code
 *       --restart}, store the definition in the compacted topic {@code
 *       googlenet-streams-backfills}, then commit the start offsets for the group {@code
 *       googlenet-streams-backfill-<name>} with the Admin client; create the dead-letter topic.
 *   <li>Fence the open transactions of a crashed earlier run of the same name ({@code
 *       service.TransactionFencing}: the static member id names the run's transactional ids), so
 *       its output is readable at once, not after the transaction timeout.
 *   <li>Run the live topology with an admission processor ({@code RangeGate}) that drops offsets
 *       outside the range, takes a rate-limit token per image and adds the {@code gns.backfill}
 *       header.
 *   <li>Stop when every partition's committed offset has reached its end (or only transaction
 *       markers and compaction gaps remain below it) and the batch buffer is empty; close cleanly,
 *       which commits the last transaction and leaves the group.
 *   <li>Wait until read_committed consumers can read all of it: every output and dead-letter
 *       partition's last stable offset at or past its high watermark after the close (another
 *       producer's open transaction can hold it back); fail naming the partitions and producers
 *       when that takes longer than the transaction timeout plus 10 s.
 *   <li>Count the committed results and dead letters this run wrote (those with its header).
 * </ol>
 */
package googlenet.streams.backfill;
