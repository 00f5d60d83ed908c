package dev.sparkvideo.io;

/**
 * How much of a file's two ends a reader needed: the bytes read from the start without a gap, and the bytes of the
 * last run of reads that reached the end of the file (an index written last, read from its start to the end). A
 * reader of the next files of the same kind can ask for that much at once ({@link HadoopSeekableInput#prefetchEnds}).
 *
 * <p>Updated by the reading thread and read after the file is done; values are published safely to other threads.
 */
public final class ReadExtents {
  private final long length;
  private volatile long head;
  private volatile long tail;
  private long runStart = -1;
  private long runEnd = -1;

  ReadExtents(long length) {
    this.length = length;
  }

  /** Records that {@code bytes} bytes at {@code position} were used (from storage or from prefetched ends). */
  void record(long position, int bytes) {
    if (bytes <= 0) {
      return;
    }
    long end = position + bytes;
    if (position <= head && end > head) {
      head = end;
    }
    if (position != runEnd) {
      runStart = position;
    }
    runEnd = end;
    if (end >= length && length - runStart > tail) {
      tail = length - runStart;
    }
  }

  /** Bytes read from the start of the file without a gap. */
  public long head() {
    return head;
  }

  /** Bytes of the last run of contiguous reads that reached the end of the file (0 when none did). */
  public long tail() {
    return tail;
  }

  @Override
  public String toString() {
    return "ReadExtents{head=" + head + ", tail=" + tail + "}";
  }
}
