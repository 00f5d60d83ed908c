package dev.sparkvideo.testing;

import dev.sparkvideo.io.ReadStatistics;
import dev.sparkvideo.io.SeekableInput;
import java.io.IOException;

/** Wraps an input and returns at most a few bytes per read, as a slow network stream may. */
public final class ShortReadInput implements SeekableInput {
  private final SeekableInput delegate;
  private final int most;

  public ShortReadInput(SeekableInput delegate, int most) {
    this.delegate = delegate;
    this.most = most;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public long length() {
    return delegate.length();
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) throws IOException {
    return delegate.read(position, buffer, offset, Math.min(length, most));
  }

  @Override
  public ReadStatistics statistics() {
    return delegate.statistics();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
