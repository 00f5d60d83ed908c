package dev.sparkvideo.ffmpeg;

import java.util.Arrays;

/**
 * The packets of one stream in decode order, each with how many frames precede it: what a read that starts at a
 * keyframe needs to number its frames without reading the ones before. Built from the container's own index
 * ({@link ContainerIndex}) or from a scan of every packet ({@link ContentIndex}).
 */
final class DecodeOrderIndex {
  private long[] times = new long[64];
  private long[] positions = new long[64];
  private long[] framesBefore = new long[64];
  private int size;
  private long frames;

  /** Adds the next packet in decode order, at {@code time} (its decoding time, or NONE) and byte {@code position}. */
  void add(long time, long position, boolean frame) {
    if (size == times.length) {
      int n = size * 2;
      times = Arrays.copyOf(times, n);
      positions = Arrays.copyOf(positions, n);
      framesBefore = Arrays.copyOf(framesBefore, n);
    }
    times[size] = time;
    positions[size] = position;
    framesBefore[size] = frames;
    size++;
    if (frame) {
      frames++;
    }
  }

  /** Frames in the stream. */
  long frameCount() {
    return frames;
  }

  /**
   * Frames before the packet at byte position {@code pos} (whose decoding time is {@code dts}, or NONE), or -1 when no
   * packet is at that position.
   */
  long framesBefore(long pos, long dts) {
    if (dts != Timestamps.NONE) {
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (times[mid] < dts) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (int i = lo; i < size && times[i] == dts; i++) {
        if (positions[i] == pos) {
          return framesBefore[i];
        }
      }
    }
    for (int i = 0; i < size; i++) {
      if (positions[i] == pos) {
        return framesBefore[i];
      }
    }
    return -1;
  }
}
