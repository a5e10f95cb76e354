package googlenet.streams.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who this streams instance is across restarts, the part of its transactional ids that a restart
 * keeps, as a UUID like Kafka Streams' own process ids (so {@code <application.id>-<identity>-<n>}
 * cannot be read as another application's id): derived from the static group member id ({@code
 * group.instance.id}) when one is configured, otherwise random once and kept in the state directory
 * ({@code <state.dir>/<application.id>.instance-id}), locked there while the instance lives so no
 * second live process on that directory takes it. A state directory already locked by another
 * process, or not writable, gets a one-off random id: the restart of such an instance cannot be
 * told from a new one.
 */
final class InstanceIdentity implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceIdentity.class);

  private final String id;
  private final Source source;
  private final String origin;
  private final FileLock lock;

  private InstanceIdentity(String id, Source source, String origin, FileLock lock) {
    this.id = id;
    this.source = source;
    this.origin = origin;
    this.lock = lock;
  }

  /** Where an identity came from. */
  enum Source {
    /** The static group member id: any process with it replaces the one before it. */
    GROUP_INSTANCE_ID,
    /** The id kept in the state directory: a restart on the same directory keeps it. */
    STATE_DIRECTORY,
    /** Random, for this process only. */
    NONE
  }

  /** Resolves the identity of the instance that {@code config} describes. */
  static InstanceIdentity resolve(StreamsConfig config) {
    String instanceId = groupInstanceId(config);
    if (instanceId != null) {
      return new InstanceIdentity(
          fromGroupInstanceId(instanceId),
          Source.GROUP_INSTANCE_ID,
          "group.instance.id " + instanceId,
          null);
    }
    String app = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    Path dir = Path.of(config.getString(StreamsConfig.STATE_DIR_CONFIG));
    return fromStateDirectory(dir.resolve(app + ".instance-id"));
  }

  /**
   * The static member id as Kafka Streams' main consumers get it, without the {@code -<thread>}
   * suffix Streams adds; null for dynamic membership.
   */
  static String groupInstanceId(StreamsConfig config) {
    Map<String, Object> consumer = config.getMainConsumerConfigs("gns", "gns", 1);
    Object id = consumer.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    if (id == null) {
      return null;
    }
    String value = id.toString();
    return value.endsWith("-1") ? value.substring(0, value.length() - 2) : value;
  }

  /** The identity of the static member {@code instanceId}: a name-based UUID. */
  static String fromGroupInstanceId(String instanceId) {
    byte[] name = ("group.instance.id:" + instanceId).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(name).toString();
  }

  /** The id kept in {@code file}, created when missing; random when the file cannot be locked. */
  static InstanceIdentity fromStateDirectory(Path file) {
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        return random(file + " is locked by another live process using this state directory");
      }
      return new InstanceIdentity(readOrCreate(channel), Source.STATE_DIRECTORY, "" + file, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      return random("cannot use " + file + ": " + e.getMessage());
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      return null;
    }
  }

  private static String readOrCreate(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    channel.read(buffer, 0);
    String kept = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
    if (isUuid(kept)) {
      return kept;
    }
    String id = UUID.randomUUID().toString();
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(true);
    return id;
  }

  static boolean isUuid(String text) {
    try {
      return UUID.fromString(text).toString().equals(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static InstanceIdentity random(String why) {
    String id = UUID.randomUUID().toString();
    LOG.warn(
        "Instance identity {} holds for this process only ({}): after a crash, the restarted"
            + " instance cannot end this one's open transaction; readers wait up to"
            + " transaction.timeout.ms. Give each instance its own state.dir or a group.instance.id",
        id,
        why);
    return new InstanceIdentity(id, Source.NONE, "this process only", null);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was locked
    }
  }

  /** The identity. */
  String id() {
    return id;
  }

  /** Where it came from. */
  Source source() {
    return source;
  }

  /** Where it came from, for people: the member id or the file. */
  String origin() {
    return origin;
  }

  /** Releases the state directory's id for the next process. */
  @Override
  public void close() {
    if (lock != null) {
      closeQuietly(lock.channel());
    }
  }
}
