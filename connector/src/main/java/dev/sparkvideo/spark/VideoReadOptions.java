package dev.sparkvideo.spark;

import dev.sparkvideo.ffmpeg.FrameFormat;
import dev.sparkvideo.ffmpeg.FrameRequest;
import dev.sparkvideo.ffmpeg.SeekMode;
import dev.sparkvideo.ffmpeg.VideoFile;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The options of {@code spark.read.format("video")}, parsed and validated once on the driver. Keys are
 * case-insensitive. A bad value fails the query at planning, naming the option and what it accepts; an unknown key
 * without a dot fails naming every known key. Keys with a dot ({@code fs.s3a.endpoint}, ...) are Hadoop settings,
 * applied on top of the session's Hadoop configuration for this read.
 *
 * <p>Precedence for the Spark generic file options: the read option, then the session configuration
 * ({@code spark.sql.files.maxPartitionBytes}, {@code spark.sql.files.ignoreCorruptFiles},
 * {@code spark.sql.files.ignoreMissingFiles}), then Spark's default. See docs/options.md for every option.
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
   * Bytes per read from storage, FFmpeg's I/O buffer (default 1 MiB when whole files or slices are decoded, 64 KiB
   * when the read jumps: headers, pushed ranges, first frames).
   */
  public static final String IO_BUFFER_SIZE = "ioBufferSize";
  /** The I/O buffer for reads of whole files or slices when {@code ioBufferSize} is not set. */
  static final int WHOLE_FILE_IO_BUFFER_SIZE = 1 << 20;
  /** Files larger than this are split into time slices (default {@code spark.sql.files.maxPartitionBytes}). */
  public static final String MAX_PARTITION_BYTES = "maxPartitionBytes";
  /** Only files whose name matches this glob. */
  public static final String PATH_GLOB_FILTER = "pathGlobFilter";
  /** Descend into subdirectories (default false). */
  public static final String RECURSIVE_FILE_LOOKUP = "recursiveFileLookup";
  /** Only files modified before this time ({@code YYYY-MM-DDTHH:mm:ss}, session time zone). */
  public static final String MODIFIED_BEFORE = "modifiedBefore";
  /** Only files modified after this time ({@code YYYY-MM-DDTHH:mm:ss}, session time zone). */
  public static final String MODIFIED_AFTER = "modifiedAfter";
  /** Skip files that cannot be decoded instead of failing (default {@code spark.sql.files.ignoreCorruptFiles}). */
  public static final String IGNORE_CORRUPT_FILES = "ignoreCorruptFiles";
  /** Skip files deleted after planning instead of failing (default {@code spark.sql.files.ignoreMissingFiles}). */
  public static final String IGNORE_MISSING_FILES = "ignoreMissingFiles";
  /** The largest picture (width x height) a file may declare or decode (default 67108864, 8192 x 8192). */
  public static final String MAX_FRAME_PIXELS = "maxFramePixels";
  /** The largest {@code data} value of one row, in bytes (default 268435456, 256 MiB). */
  public static final String MAX_FRAME_BYTES = "maxFrameBytes";
  /** Time zone for {@code modifiedBefore}/{@code modifiedAfter} (default the session's). */
  public static final String TIME_ZONE = "timeZone";

  /** Every option key, in documentation order. */
  public static final List<String> KEYS = List.of(MODE, SEEK_MODE, STREAM_INDEX, FRAME_FORMAT, WIDTH, HEIGHT,
      AUTOROTATE, DEINTERLACE, START_SECONDS, END_SECONDS, FRAME_STEP, KEYFRAMES_ONLY, MAX_FRAMES_PER_FILE, THREADS,
      IO_BUFFER_SIZE, MAX_PARTITION_BYTES, PATH_GLOB_FILTER, RECURSIVE_FILE_LOOKUP, MODIFIED_BEFORE, MODIFIED_AFTER,
      IGNORE_CORRUPT_FILES, IGNORE_MISSING_FILES, TIME_ZONE, MAX_FRAME_PIXELS, MAX_FRAME_BYTES);

  /** Keys Spark itself passes to a data source: the paths of {@code load(...)}. */
  private static final List<String> SPARK_KEYS = List.of("path", "paths");

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
  private final Integer ioBufferSize;
  private final long maxPartitionBytes;
  private final String pathGlobFilter;
  private final boolean recursiveFileLookup;
  private final Long modifiedBeforeMillis;
  private final Long modifiedAfterMillis;
  private final boolean ignoreCorruptFiles;
  private final boolean ignoreMissingFiles;
  private final Map<String, String> hadoopOptions;
  private final long maxFramePixels;
  private final long maxFrameBytes;

  /** Session-level defaults for the generic file options. */
  record SessionDefaults(long maxPartitionBytes, boolean ignoreCorruptFiles, boolean ignoreMissingFiles,
      String timeZone) implements Serializable {}

  private VideoReadOptions(Reader r, SessionDefaults defaults) {
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
    ioBufferSize = r.integer(IO_BUFFER_SIZE, null, 4096, 64 << 20);
    maxPartitionBytes = r.longValue(MAX_PARTITION_BYTES, defaults.maxPartitionBytes(), 1, Long.MAX_VALUE);
    pathGlobFilter = r.string(PATH_GLOB_FILTER, null);
    recursiveFileLookup = r.bool(RECURSIVE_FILE_LOOKUP, false);
    String zone = r.string(TIME_ZONE, defaults.timeZone());
    modifiedBeforeMillis = r.time(MODIFIED_BEFORE, zone);
    modifiedAfterMillis = r.time(MODIFIED_AFTER, zone);
    ignoreCorruptFiles = r.bool(IGNORE_CORRUPT_FILES, defaults.ignoreCorruptFiles());
    ignoreMissingFiles = r.bool(IGNORE_MISSING_FILES, defaults.ignoreMissingFiles());
    maxFramePixels = r.longValue(MAX_FRAME_PIXELS, FrameRequest.DEFAULT_MAX_FRAME_PIXELS, 1, Long.MAX_VALUE);
    maxFrameBytes = r.longValue(MAX_FRAME_BYTES, FrameRequest.DEFAULT_MAX_FRAME_BYTES, 1, Integer.MAX_VALUE);
    hadoopOptions = Collections.unmodifiableMap(new LinkedHashMap<>(r.hadoop));
  }

  /**
   * Parses read options.
   *
   * @throws IllegalArgumentException naming the option and the allowed values when one is bad, or listing the known
   *     options when a key is unknown
   */
  static VideoReadOptions parse(Map<String, String> options, SessionDefaults defaults) {
    return new VideoReadOptions(new Reader(options), defaults);
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

  long maxPartitionBytes() {
    return maxPartitionBytes;
  }

  String pathGlobFilter() {
    return pathGlobFilter;
  }

  boolean recursiveFileLookup() {
    return recursiveFileLookup;
  }

  Long modifiedBeforeMillis() {
    return modifiedBeforeMillis;
  }

  Long modifiedAfterMillis() {
    return modifiedAfterMillis;
  }

  boolean ignoreCorruptFiles() {
    return ignoreCorruptFiles;
  }

  boolean ignoreMissingFiles() {
    return ignoreMissingFiles;
  }

  long maxFramePixels() {
    return maxFramePixels;
  }

  long maxFrameBytes() {
    return maxFrameBytes;
  }

  /** Hadoop settings given as options (keys with a dot), applied over the session's Hadoop configuration. */
  Map<String, String> hadoopOptions() {
    return hadoopOptions;
  }

  /** Reads typed values out of the raw options, remembering which keys were used. */
  private static final class Reader {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> hadoop = new LinkedHashMap<>();

    Reader(Map<String, String> options) {
      TreeSet<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      known.addAll(KEYS);
      List<String> unknown = new ArrayList<>();
      for (Map.Entry<String, String> e : options.entrySet()) {
        String key = e.getKey();
        if (known.contains(key)) {
          values.put(key.toLowerCase(Locale.ROOT), e.getValue());
        } else if (SPARK_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
          continue;
        } else if (key.contains(".")) {
          hadoop.put(key, e.getValue());
        } else {
          unknown.add(key);
        }
      }
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("Unknown option" + (unknown.size() > 1 ? "s " : " ") + unknown
            + " for format \"video\". Known options: " + String.join(", ", KEYS)
            + ". Hadoop settings (keys with a dot, such as fs.s3a.endpoint) are passed to the FileSystem.");
      }
    }

    String string(String key, String fallback) {
      String v = values.get(key.toLowerCase(Locale.ROOT));
      return v == null ? fallback : v.trim();
    }

    IllegalArgumentException bad(String key, String value, String expected) {
      return new IllegalArgumentException("Invalid value '" + value + "' for option " + key + ": expected "
          + expected);
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
      String v = string(key, null);
      if (v == null) {
        return fallback;
      }
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(v)) {
          return e;
        }
      }
      List<String> allowed = new ArrayList<>();
      for (E e : type.getEnumConstants()) {
        allowed.add(e.name().toLowerCase(Locale.ROOT));
      }
      throw bad(key, v, "one of " + String.join(", ", allowed));
    }

    boolean bool(String key, boolean fallback) {
      String v = string(key, null);
      if (v == null) {
        return fallback;
      }
      if (v.equalsIgnoreCase("true")) {
        return true;
      }
      if (v.equalsIgnoreCase("false")) {
        return false;
      }
      throw bad(key, v, "true or false");
    }

    Integer integer(String key, Integer fallback, int min, int max) {
      Long v = longValue(key, fallback == null ? null : fallback.longValue(), min, max);
      return v == null ? null : v.intValue();
    }

    Long longValue(String key, Long fallback, long min, long max) {
      String v = string(key, null);
      if (v == null) {
        return fallback;
      }
      try {
        long n = Long.parseLong(v);
        if (n < min || n > max) {
          throw bad(key, v, "an integer from " + min + " to " + max);
        }
        return n;
      } catch (NumberFormatException e) {
        throw bad(key, v, "an integer from " + min + " to " + max);
      }
    }

    Double finite(String key) {
      String v = string(key, null);
      if (v == null) {
        return null;
      }
      try {
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d)) {
          throw bad(key, v, "a finite number of seconds");
        }
        return d;
      } catch (NumberFormatException e) {
        throw bad(key, v, "a finite number of seconds");
      }
    }

    Long time(String key, String zone) {
      String v = string(key, null);
      if (v == null) {
        return null;
      }
      try {
        return LocalDateTime.parse(v).atZone(ZoneId.of(zone)).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        throw bad(key, v, "a time like 2024-01-31T12:00:00 (in time zone " + zone + ")");
      }
    }
  }
}
