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

  /** A summed metric with a fixed name and description; Spark creates each subclass by its no-argument constructor. */
  abstract static class SummedMetric extends CustomSumMetric {
    private final String name;
    private final String description;

    SummedMetric(String name, String description) {
      this.name = name;
      this.description = description;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }
  }

  /** Bytes read from storage. */
  public static final class BytesRead extends SummedMetric {
    /** Created by Spark. */
    public BytesRead() {
      super(BYTES_READ, "video bytes read");
    }
  }

  /** Read calls made to storage. */
  public static final class ReadCalls extends SummedMetric {
    /** Created by Spark. */
    public ReadCalls() {
      super(READ_CALLS, "video read calls");
    }
  }

  /** Non-sequential reads. */
  public static final class Seeks extends SummedMetric {
    /** Created by Spark. */
    public Seeks() {
      super(SEEKS, "video seeks");
    }
  }

  /** Frames decoded. */
  public static final class FramesDecoded extends SummedMetric {
    /** Created by Spark. */
    public FramesDecoded() {
      super(FRAMES_DECODED, "video frames decoded");
    }
  }

  /** Rows returned. */
  public static final class RowsReturned extends SummedMetric {
    /** Created by Spark. */
    public RowsReturned() {
      super(FRAMES_RETURNED, "video rows returned");
    }
  }

  /** Read and decode time. */
  public static final class DecodeTime extends SummedMetric {
    /** Created by Spark. */
    public DecodeTime() {
      super(DECODE_TIME, "video read and decode time (ms)");
    }
  }

  /** Corrupt files skipped. */
  public static final class CorruptFiles extends SummedMetric {
    /** Created by Spark. */
    public CorruptFiles() {
      super(CORRUPT_FILES, "video files skipped as corrupt");
    }
  }

  /** Damaged packets skipped. */
  public static final class CorruptPackets extends SummedMetric {
    /** Created by Spark. */
    public CorruptPackets() {
      super(CORRUPT_PACKETS, "video damaged packets skipped");
    }
  }
}
