package dev.sparkvideo.benchmarks;

import dev.sparkvideo.io.ReadStatistics;
import dev.sparkvideo.io.SeekableInput;

/** A whole file already in memory, as a download-first pipeline holds it (binaryFile's content column). */
final class BytesInput implements SeekableInput {
  private final String name;
  private final byte[] bytes;
  private final ReadStatistics statistics = new ReadStatistics();

  BytesInput(String name, byte[] bytes) {
    this.name = name;
    this.bytes = bytes;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long length() {
    return bytes.length;
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) {
    if (position >= bytes.length) {
      return -1;
    }
    int n = (int) Math.min(length, bytes.length - position);
    System.arraycopy(bytes, (int) position, buffer, offset, n);
    statistics.recordRead(position, n);
    return n;
  }

  @Override
  public ReadStatistics statistics() {
    return statistics;
  }

  @Override
  public void close() {}
}
