package googlenet.streams.topology;

/** An unfinished record of a restored task is no longer in the input topic. */
final class SourceMissingException extends Exception {
  private static final long serialVersionUID = 1L;

  SourceMissingException(PendingRecord gone) {
    super(
        gone.position()
            + " was being classified when its task moved or its instance stopped, and is no longer"
            + " in the input topic (retention or compaction removed it): it cannot be classified",
        null,
        false,
        false);
  }
}
