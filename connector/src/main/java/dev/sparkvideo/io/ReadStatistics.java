package dev.sparkvideo.io;

/**
 * Counters of what one {@link SeekableInput} has read: bytes, read calls, and seeks (reads that did not continue
 * where the previous one ended).
 *
 * <p>Updated by the reading thread; the values are published safely to other threads (metrics reporters), though
 * one snapshot may mix counts from before and after a read.
 */
public final class ReadStatistics {
  private volatile long bytesRead;
  private volatile long readCalls;
  private volatile long seeks;
  private long nextSequentialPosition;

  /** Creates counters at zero. */
  public ReadStatistics() {}

  /**
   * Records one read call.
   *
   * @param position where the read started
   * @param bytes how many bytes it returned (0 or more; an EOF counts as a call of 0 bytes)
   */
  public void recordRead(long position, int bytes) {
    if (position != nextSequentialPosition) {
      seeks++;
    }
    readCalls++;
    if (bytes > 0) {
      bytesRead += bytes;
      nextSequentialPosition = position + bytes;
    } else {
      nextSequentialPosition = position;
    }
  }

  /** Bytes returned by all reads. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Read calls made to storage. */
  public long readCalls() {
    return readCalls;
  }

  /** Reads that started elsewhere than where the previous read ended (the first read, at 0, is not a seek). */
  public long seeks() {
    return seeks;
  }

  @Override
  public String toString() {
    return "ReadStatistics{bytesRead=" + bytesRead + ", readCalls=" + readCalls + ", seeks=" + seeks + "}";
  }
}
