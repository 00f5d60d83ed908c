package dev.sparkvideo.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The connector's metrics, summed over tasks and shown in the SQL tab of the Spark UI. Each {@link CustomMetric} has
 * a public no-argument constructor (Spark instantiates it by class name on the driver) and a matching task value.
 */
public final class VideoMetrics {
  /** Bytes read from storage. */
  public static final String BYTES_READ = "videoBytesRead";
  /** Read calls made to storage. */
  public static final String READ_CALLS = "videoReadCalls";
  /** Reads that did not continue where the previous one ended. */
  public static final String SEEKS = "videoSeeks";
  /** Frames decoded, including those decoded only to reach a later one. */
  public static final String FRAMES_DECODED = "videoFramesDecoded";
  /** Rows returned. */
  public static final String FRAMES_RETURNED = "videoRowsReturned";
  /** Time spent reading and decoding frames, in milliseconds. */
  public static final String DECODE_TIME = "videoDecodeTimeMs";
  /** Files skipped because they could not be decoded ({@code ignoreCorruptFiles}). */
  public static final String CORRUPT_FILES = "videoCorruptFilesSkipped";
  /** Damaged packets skipped inside files that were otherwise read. */
  public static final String CORRUPT_PACKETS = "videoCorruptPackets";

  private VideoMetrics() {}

  static CustomMetric[] all() {
    return new CustomMetric[] {new BytesRead(), new ReadCalls(), new Seeks(), new FramesDecoded(),
        new RowsReturned(), new DecodeTime(), new CorruptFiles(), new CorruptPackets()};
  }

  static CustomTaskMetric task(String name, long value) {
    return new CustomTaskMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long value() {
        return value;
      }
    };
  }

  /** Bytes read from storage. */
  public static final class BytesRead extends CustomSumMetric {
    @Override
    public String name() {
      return BYTES_READ;
    }

    @Override
    public String description() {
      return "video bytes read";
    }
  }

  /** Read calls made to storage. */
  public static final class ReadCalls extends CustomSumMetric {
    @Override
    public String name() {
      return READ_CALLS;
    }

    @Override
    public String description() {
      return "video read calls";
    }
  }

  /** Non-sequential reads. */
  public static final class Seeks extends CustomSumMetric {
    @Override
    public String name() {
      return SEEKS;
    }

    @Override
    public String description() {
      return "video seeks";
    }
  }

  /** Frames decoded. */
  public static final class FramesDecoded extends CustomSumMetric {
    @Override
    public String name() {
      return FRAMES_DECODED;
    }

    @Override
    public String description() {
      return "video frames decoded";
    }
  }

  /** Rows returned. */
  public static final class RowsReturned extends CustomSumMetric {
    @Override
    public String name() {
      return FRAMES_RETURNED;
    }

    @Override
    public String description() {
      return "video rows returned";
    }
  }

  /** Read and decode time. */
  public static final class DecodeTime extends CustomSumMetric {
    @Override
    public String name() {
      return DECODE_TIME;
    }

    @Override
    public String description() {
      return "video read and decode time (ms)";
    }
  }

  /** Corrupt files skipped. */
  public static final class CorruptFiles extends CustomSumMetric {
    @Override
    public String name() {
      return CORRUPT_FILES;
    }

    @Override
    public String description() {
      return "video files skipped as corrupt";
    }
  }

  /** Damaged packets skipped. */
  public static final class CorruptPackets extends CustomSumMetric {
    @Override
    public String name() {
      return CORRUPT_PACKETS;
    }

    @Override
    public String description() {
      return "video damaged packets skipped";
    }
  }
}
