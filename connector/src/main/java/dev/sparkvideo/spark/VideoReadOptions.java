package dev.sparkvideo.spark;

import dev.sparkvideo.ffmpeg.FrameFormat;
import dev.sparkvideo.ffmpeg.FrameRequest;
import dev.sparkvideo.ffmpeg.SeekMode;
import dev.sparkvideo.ffmpeg.VideoFile;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code spark.read.format("video")}, parsed and validated on the driver: when the DataFrame is loaded
 * (so that a bad value fails at {@code load()}) and again when each query is planned (so that session settings are
 * the ones in force then, as Spark's file sources read them). Keys are case-insensitive. A bad value fails naming the
 * option and what it accepts; an unknown key without a dot fails naming every known key. Keys with a dot
 * ({@code fs.s3a.endpoint}, ...) are Hadoop settings, applied on top of the session's Hadoop configuration for this
 * read.
 *
 * <p>Spark's generic file options ({@link #SPARK_FILE_OPTIONS}: {@code basePath}, {@code pathGlobFilter},
 * {@code recursiveFileLookup}, {@code modifiedBefore}, {@code modifiedAfter}, {@code ignoreCorruptFiles},
 * {@code ignoreMissingFiles}, ...) are read by Spark's own file index and file source options, with Spark's
 * precedence: the read option, then the session configuration, then Spark's default. {@code maxPartitionBytes}
 * defaults to {@code spark.sql.files.maxPartitionBytes}. See docs/options.md for every option.
 */
public final class VideoReadOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@code frames} (default): one row per frame; {@code metadata}: one row per stream, from headers only. */
  public static final String MODE = "mode";
  /** {@code approximate} (default): trust the header; {@code exact}: scan all packets to index every frame. */
  public static final String SEEK_MODE = "seekMode";
  /** The stream to read frames from (default: the best video stream). */
  public static final String STREAM_INDEX = "streamIndex";
  /** {@code rgb24} (default), {@code bgr24}, {@code gray}, {@code yuv420p}, {@code jpeg} or {@code png}. */
  public static final String FRAME_FORMAT = "frameFormat";
  /** Output width in pixels; with only one of width and height the aspect ratio is kept. */
  public static final String WIDTH = "width";
  /** Output height in pixels. */
  public static final String HEIGHT = "height";
  /** Apply the stream's rotation metadata (default true). */
  public static final String AUTOROTATE = "autorotate";
  /**
   * Make interlaced frames progressive with FFmpeg's {@code bwdif} filter, one frame per frame (default false: the
   * pixels are the command line's {@code -pix_fmt} conversion, fields woven as coded).
   */
  public static final String DEINTERLACE = "deinterlace";
  /** Frames with {@code pts_seconds >= startSeconds}. */
  public static final String START_SECONDS = "startSeconds";
  /** Frames with {@code pts_seconds < endSeconds}. */
  public static final String END_SECONDS = "endSeconds";
  /** Every Nth frame by {@code frame_index} ({@code frame_index % N == 0}); default 1. */
  public static final String FRAME_STEP = "frameStep";
  /** Keyframes only (default false); only keyframes are decoded. */
  public static final String KEYFRAMES_ONLY = "keyframesOnly";
  /** At most this many frames per file (the first ones in the range); such files are not split. */
  public static final String MAX_FRAMES_PER_FILE = "maxFramesPerFile";
  /** FFmpeg decoder threads per task (default 1; 0 lets FFmpeg choose). */
  public static final String THREADS = "threads";
  /**
   * Convert each frame on a second thread of the task while the next one is decoded (default true), as the ffmpeg
   * command line runs its filters, when the executor has a core spare for it (fewer video tasks than cores); false
   * keeps a task's work on its own thread and FFmpeg's decoder threads.
   */
  public static final String CONVERSION_THREAD = "conversionThread";
  /**
   * Bytes per read from storage, FFmpeg's I/O buffer (default 1 MiB when whole files or slices are decoded, 64 KiB
   * when the read jumps: headers, pushed ranges, first frames). Like every size option, a number of bytes or Spark's
   * notation for sizes ({@code 256k}, {@code 1m}).
   */
  public static final String IO_BUFFER_SIZE = "ioBufferSize";
  /** The I/O buffer for reads of whole files or slices when {@code ioBufferSize} is not set. */
  static final int WHOLE_FILE_IO_BUFFER_SIZE = 1 << 20;
  /**
   * How many of a task's next files are opened, and their first and last bytes fetched, while the current file is
   * read (default 8; 0 opens each file when its turn comes). Hides storage round trips when a task reads many
   * small files or a few frames of each.
   */
  public static final String OPEN_AHEAD = "openAhead";
  /**
   * Files larger than this many bytes ({@code 134217728} or {@code 128m}) are split into time slices (default
   * {@code spark.sql.files.maxPartitionBytes}).
   */
  public static final String MAX_PARTITION_BYTES = "maxPartitionBytes";
  /** The largest picture (width x height) a file may declare or decode (default 67108864, 8192 x 8192). */
  public static final String MAX_FRAME_PIXELS = "maxFramePixels";
  /** The largest {@code data} value of one row, in bytes or as {@code 256m} (default 268435456, 256 MiB). */
  public static final String MAX_FRAME_BYTES = "maxFrameBytes";

  /** Every option of this source, in documentation order. */
  public static final List<String> KEYS = List.of(MODE, SEEK_MODE, STREAM_INDEX, FRAME_FORMAT, WIDTH, HEIGHT,
      AUTOROTATE, DEINTERLACE, START_SECONDS, END_SECONDS, FRAME_STEP, KEYFRAMES_ONLY, MAX_FRAMES_PER_FILE, THREADS,
      CONVERSION_THREAD, IO_BUFFER_SIZE, OPEN_AHEAD, MAX_PARTITION_BYTES, MAX_FRAME_PIXELS, MAX_FRAME_BYTES);

  /** A root path of a partitioned layout, for partition discovery below it (Spark's generic file option). */
  public static final String BASE_PATH = "basePath";
  /** Only files whose name matches this glob (Spark's generic file option). */
  public static final String PATH_GLOB_FILTER = "pathGlobFilter";
  /** Descend into subdirectories, without partition discovery (Spark's generic file option; default false). */
  public static final String RECURSIVE_FILE_LOOKUP = "recursiveFileLookup";
  /** Only files modified before this time (Spark's generic file option, {@code YYYY-MM-DDTHH:mm:ss}). */
  public static final String MODIFIED_BEFORE = "modifiedBefore";
  /** Only files modified after this time (Spark's generic file option). */
  public static final String MODIFIED_AFTER = "modifiedAfter";
  /** Skip files that cannot be read, keeping their rows read so far (default {@code spark.sql.files.ignoreCorruptFiles}). */
  public static final String IGNORE_CORRUPT_FILES = "ignoreCorruptFiles";
  /** Skip files deleted after listing (default {@code spark.sql.files.ignoreMissingFiles}). */
  public static final String IGNORE_MISSING_FILES = "ignoreMissingFiles";
  /** Skip directories whose names do not parse as partitions (default {@code spark.sql.files.ignoreInvalidPartitionPaths}). */
  public static final String IGNORE_INVALID_PARTITION_PATHS = "ignoreInvalidPartitionPaths";
  /** The time zone of {@code modifiedBefore}/{@code modifiedAfter} and timestamp partition values (default the session's). */
  public static final String TIME_ZONE = "timeZone";

  /** Spark's generic file options, accepted and handled by Spark's file index and file source options. */
  public static final List<String> SPARK_FILE_OPTIONS = List.of(BASE_PATH, PATH_GLOB_FILTER, RECURSIVE_FILE_LOOKUP,
      MODIFIED_BEFORE, MODIFIED_AFTER, IGNORE_CORRUPT_FILES, IGNORE_MISSING_FILES, IGNORE_INVALID_PARTITION_PATHS,
      TIME_ZONE);

  /**
   * Keys Spark passes itself: the paths of {@code load(...)}, a catalog table's reserved properties, what Spark's file
   * scan tells a file format.
   */
  private static final Set<String> PASSED_BY_SPARK = passedBySpark();

  /** What to produce. */
  public enum Mode { FRAMES, METADATA }

  private final Mode mode;
  private final SeekMode seekMode;
  private final Integer streamIndex;
  private final FrameFormat frameFormat;
  private final Integer width;
  private final Integer height;
  private final boolean autorotate;
  private final boolean deinterlace;
  private final Double startSeconds;
  private final Double endSeconds;
  private final long frameStep;
  private final boolean keyframesOnly;
  private final Long maxFramesPerFile;
  private final int threads;
  private final boolean conversionThread;
  private final Integer ioBufferSize;
  private final int openAhead;
  private final long maxPartitionBytes;
  private final long maxFramePixels;
  private final long maxFrameBytes;

  private VideoReadOptions(OptionReader r, long defaultMaxPartitionBytes) {
    mode = r.choice(MODE, Mode.class, Mode.FRAMES);
    seekMode = r.choice(SEEK_MODE, SeekMode.class, SeekMode.APPROXIMATE);
    streamIndex = r.integer(STREAM_INDEX, null, 0, Integer.MAX_VALUE);
    String format = r.string(FRAME_FORMAT, null);
    try {
      frameFormat = format == null ? FrameFormat.RGB24 : FrameFormat.fromOptionName(format);
    } catch (IllegalArgumentException e) {
      throw r.bad(FRAME_FORMAT, format, "one of rgb24, bgr24, gray, yuv420p, jpeg, png");
    }
    width = r.integer(WIDTH, null, 1, 16384);
    height = r.integer(HEIGHT, null, 1, 16384);
    autorotate = r.bool(AUTOROTATE, true);
    deinterlace = r.bool(DEINTERLACE, false);
    startSeconds = r.finite(START_SECONDS);
    endSeconds = r.finite(END_SECONDS);
    if (startSeconds != null && endSeconds != null && !(startSeconds < endSeconds)) {
      throw new IllegalArgumentException("Option " + START_SECONDS + " (" + startSeconds + ") must be less than "
          + END_SECONDS + " (" + endSeconds + ")");
    }
    frameStep = r.longValue(FRAME_STEP, 1L, 1, Long.MAX_VALUE);
    keyframesOnly = r.bool(KEYFRAMES_ONLY, false);
    maxFramesPerFile = r.longValue(MAX_FRAMES_PER_FILE, null, 1, Long.MAX_VALUE);
    threads = r.integer(THREADS, 1, 0, 64);
    conversionThread = r.bool(CONVERSION_THREAD, true);
    Long buffer = r.bytes(IO_BUFFER_SIZE, null, 4096, 64 << 20);
    ioBufferSize = buffer == null ? null : buffer.intValue();
    openAhead = r.integer(OPEN_AHEAD, 8, 0, 64);
    maxPartitionBytes = r.bytes(MAX_PARTITION_BYTES, defaultMaxPartitionBytes, 1, Long.MAX_VALUE);
    maxFramePixels = r.longValue(MAX_FRAME_PIXELS, FrameRequest.DEFAULT_MAX_FRAME_PIXELS, 1, Long.MAX_VALUE);
    maxFrameBytes = r.bytes(MAX_FRAME_BYTES, FrameRequest.DEFAULT_MAX_FRAME_BYTES, 1, Integer.MAX_VALUE);
  }

  /**
   * Parses read options.
   *
   * @param defaultMaxPartitionBytes {@code maxPartitionBytes} when the option is not set (the session's
   *     {@code spark.sql.files.maxPartitionBytes})
   * @throws IllegalArgumentException naming the option and the allowed values when one is bad, or listing the known
   *     options when a key is unknown
   */
  static VideoReadOptions parse(Map<String, String> options, long defaultMaxPartitionBytes) {
    return new VideoReadOptions(new OptionReader(options, KEYS, SPARK_FILE_OPTIONS, PASSED_BY_SPARK),
        defaultMaxPartitionBytes);
  }

  private static Set<String> passedBySpark() {
    Set<String> keys = new java.util.HashSet<>(List.of("path", "paths",
        org.apache.spark.sql.execution.datasources.FileFormat.OPTION_RETURNING_BATCH().toLowerCase(Locale.ROOT)));
    for (String k : scala.jdk.javaapi.CollectionConverters.asJava(
        org.apache.spark.sql.connector.catalog.CatalogV2Util.TABLE_RESERVED_PROPERTIES())) {
      keys.add(k.toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(keys);
  }

  Mode mode() {
    return mode;
  }

  SeekMode seekMode() {
    return seekMode;
  }

  Integer streamIndex() {
    return streamIndex;
  }

  FrameFormat frameFormat() {
    return frameFormat;
  }

  Integer width() {
    return width;
  }

  Integer height() {
    return height;
  }

  boolean autorotate() {
    return autorotate;
  }

  boolean deinterlace() {
    return deinterlace;
  }

  Double startSeconds() {
    return startSeconds;
  }

  Double endSeconds() {
    return endSeconds;
  }

  long frameStep() {
    return frameStep;
  }

  boolean keyframesOnly() {
    return keyframesOnly;
  }

  Long maxFramesPerFile() {
    return maxFramesPerFile;
  }

  int threads() {
    return threads;
  }

  boolean conversionThread() {
    return conversionThread;
  }

  /**
   * FFmpeg's I/O buffer, the size of each read from storage: the option when set; else 1 MiB for reads that decode
   * whole files or whole slices (every byte is needed, and fewer, larger requests are cheaper on HDFS and S3), and
   * 64 KiB for reads that jump (headers, seeks to a pushed range, first frames).
   */
  int ioBufferSize(boolean wholeFile) {
    if (ioBufferSize != null) {
      return ioBufferSize;
    }
    return wholeFile ? WHOLE_FILE_IO_BUFFER_SIZE : VideoFile.DEFAULT_IO_BUFFER_SIZE;
  }

  int openAhead() {
    return openAhead;
  }

  long maxPartitionBytes() {
    return maxPartitionBytes;
  }

  long maxFramePixels() {
    return maxFramePixels;
  }

  long maxFrameBytes() {
    return maxFrameBytes;
  }
}
