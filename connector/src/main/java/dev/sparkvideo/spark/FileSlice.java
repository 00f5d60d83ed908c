package dev.sparkvideo.spark;

import java.io.Serializable;

/**
 * Slice {@code slice} of {@code slices} of one file. A file is cut into equal time slices; the executor maps slice k
 * to {@code [begin + k * duration / n, begin + (k + 1) * duration / n)} once it has read the header (the first slice
 * is open below, the last above), so every frame belongs to exactly one slice and the driver never opens a file to
 * plan. Bytes are split the same way to say where each slice's data lies.
 */
record FileSlice(ListedFile file, int slice, int slices) implements Serializable {

  /** The whole file as one slice. */
  static FileSlice whole(ListedFile file) {
    return new FileSlice(file, 0, 1);
  }

  /** The bytes this slice stands for, to weigh it when packing partitions: its share of the file. */
  long length() {
    return byteEnd() - byteStart();
  }

  long byteStart() {
    return file.length() * slice / slices;
  }

  long byteEnd() {
    return file.length() * (slice + 1) / slices;
  }

  /** The time range of this slice within {@code [begin, begin + duration)}: {@code {low, high}}. */
  double[] timeRange(double begin, Double duration, boolean splittable) {
    if (slices == 1) {
      return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
    if (!splittable || duration == null || !(duration > 0)) {
      // Without a duration, or when frames are only known by decoding from the first one, the whole file goes to the
      // first slice.
      return slice == 0 ? new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}
          : new double[] {0, 0};
    }
    double low = slice == 0 ? Double.NEGATIVE_INFINITY : begin + duration * slice / slices;
    double high = slice == slices - 1 ? Double.POSITIVE_INFINITY : begin + duration * (slice + 1) / slices;
    return new double[] {low, high};
  }
}
