package dev.sparkvideo.testing;

import dev.sparkvideo.io.ReadStatistics;
import dev.sparkvideo.io.SeekableInput;
import java.io.IOException;

/** Wraps an input and fails every read that reaches past a byte offset, as a storage outage would. */
public final class FailingInput implements SeekableInput {
  private final SeekableInput delegate;
  private final long failFrom;
  private final IOException failure;

  public FailingInput(SeekableInput delegate, long failFrom, IOException failure) {
    this.delegate = delegate;
    this.failFrom = failFrom;
    this.failure = failure;
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
    if (position + length > failFrom && position < delegate.length()) {
      throw failure;
    }
    return delegate.read(position, buffer, offset, length);
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
