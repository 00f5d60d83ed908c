package dev.sparkvideo.spark;

import org.apache.spark.sql.execution.datasources.PartitionedFile;

/**
 * The frames a planned part of a file stands for. A file larger than {@code maxPartitionBytes} is planned as byte
 * ranges of equal size; on the executor, once the header is read, the range {@code [start, start + length)} of a file
 * of {@code size} bytes stands for the time range {@code [begin + duration * start / size, begin + duration * (start +
 * length) / size)}, the first open below and the last open above. So the driver never opens a file to plan, and every
 * frame belongs to exactly one part.
 */
final class FileSlice {
  private static final double[] EVERYTHING = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
  private static final double[] NOTHING = {0, 0};

  private FileSlice() {}

  /** Whether {@code file} is the first part of its file (or the whole file). */
  static boolean first(PartitionedFile file) {
    return file.start() == 0;
  }

  /** Whether {@code file} is the whole of its file. */
  static boolean whole(PartitionedFile file) {
    return file.start() == 0 && file.length() >= file.fileSize();
  }

  /**
   * The time range of {@code file}'s part within {@code [begin, begin + duration)}: {@code {low, high}}.
   *
   * @param splittable false when the file's frames are only known by decoding it from its first frame: its first
   *     part then stands for all of it, and the others for nothing
   */
  static double[] timeRange(PartitionedFile file, double begin, Double duration, boolean splittable) {
    if (whole(file)) {
      return EVERYTHING;
    }
    if (!splittable || duration == null || !(duration > 0)) {
      return first(file) ? EVERYTHING : NOTHING;
    }
    long size = file.fileSize();
    long end = file.start() + file.length();
    double low = first(file) ? Double.NEGATIVE_INFINITY : begin + duration * file.start() / size;
    double high = end >= size ? Double.POSITIVE_INFINITY : begin + duration * end / size;
    return new double[] {low, high};
  }
}
