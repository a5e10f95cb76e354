package googlenet.streams.backfill;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * One end of a backfill's time range, as given on the command line: {@code earliest} (the log
 * start), {@code now} (the end of the log when the backfill is defined), or an ISO-8601 instant.
 *
 * @param spec the normalised form: {@code earliest}, {@code now} or {@link Instant#toString()}
 * @param instant the instant, empty for {@code earliest} and {@code now}
 */
public record TimeBound(String spec, Optional<Instant> instant) {
  /** The spec of the log start. */
  public static final String EARLIEST = "earliest";

  /** The spec of the end of the log when the backfill is defined. */
  public static final String NOW = "now";

  /** The accepted forms, for error messages. */
  public static final String FORMATS =
      "an ISO-8601 instant such as 2026-11-20T00:00:00Z or 2026-11-20T01:00:00+01:00, a date such"
          + " as 2026-11-20 (midnight UTC), 'earliest' or 'now'";

  /** The log start. */
  public static TimeBound earliest() {
    return new TimeBound(EARLIEST, Optional.empty());
  }

  /** The end of the log at definition time. */
  public static TimeBound now() {
    return new TimeBound(NOW, Optional.empty());
  }

  /** A point in time. */
  public static TimeBound at(Instant instant) {
    return new TimeBound(instant.toString(), Optional.of(instant));
  }

  /**
   * Parses the value of {@code option}.
   *
   * @throws IllegalArgumentException naming the option, the value and the accepted forms
   */
  public static TimeBound parse(String option, String value) {
    String v = value == null ? "" : value.strip();
    switch (v.toLowerCase(Locale.ROOT)) {
      case EARLIEST:
        return earliest();
      case NOW:
        return now();
      default:
        return at(instantOf(option, v));
    }
  }

  private static Instant instantOf(String option, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notDate) {
        throw new IllegalArgumentException(
            option + " '" + value + "' is not a valid time; expected " + FORMATS);
      }
    }
  }

  /** The instant this bound stands for at {@code now}: log start is the epoch. */
  Instant resolve(Instant now) {
    if (EARLIEST.equals(spec)) {
      return Instant.EPOCH;
    }
    return instant.orElse(now);
  }

  @Override
  public String toString() {
    return spec;
  }
}
