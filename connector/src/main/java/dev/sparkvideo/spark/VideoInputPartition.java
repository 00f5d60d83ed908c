package dev.sparkvideo.spark;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One task's work: slice {@code slice} of {@code slices} of one file. A file is cut into equal time slices; the
 * executor maps slice k to {@code [begin + k * duration / n, begin + (k + 1) * duration / n)} once it has read the
 * header (the first slice is open below, the last above), so every frame belongs to exactly one slice and the driver
 * never opens a file to plan.
 */
record VideoInputPartition(ListedFile file, int slice, int slices, String[] hosts) implements InputPartition {

  @Override
  public String[] preferredLocations() {
    return hosts;
  }

  /** The time range of this slice within {@code [begin, begin + duration)}: {@code {low, high}}. */
  double[] timeRange(double begin, Double duration) {
    if (slices == 1) {
      return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
    if (duration == null || !(duration > 0)) {
      // Without a duration the whole file goes to the first slice.
      return slice == 0 ? new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}
          : new double[] {0, 0};
    }
    double low = slice == 0 ? Double.NEGATIVE_INFINITY : begin + duration * slice / slices;
    double high = slice == slices - 1 ? Double.POSITIVE_INFINITY : begin + duration * (slice + 1) / slices;
    return new double[] {low, high};
  }
}
